// Which did:wba identity the user shows each site, and its DID document at the chosen DID host.
// Default: one identity per site (persona `site:<origin>`), so sites cannot link the user; a site can
// instead get the one shared identity the user named. Rotating moves the site's persona to the next
// key (new e1_ fingerprint, new DID). Records: 'anp-identity' (per origin), 'anp-settings'.
import { addEddsaJcs2022Proof, buildDidDocument, didWbaToUrl, e1DidFor } from '../../protocols/anp/did-wba';
import { getRecord, putRecord, updateRecord } from '../../store/records';
import type { AnpIdentityMode, AnpIdentityView, AnpSettingsView } from '../../shared/api-anp';
import type { DidWbaKeyring } from '../../wallet/did-wba-keys';
import { personaPath } from '../../wallet/did-wba-keys';

export interface AnpSiteIdentity {
  mode: AnpIdentityMode;
  rotation: number;
}

export interface AnpSettings {
  didHost: string;
  upload: 'put' | 'manual';
  sharedName: string;
  sharedRotation: number;
  /** DIDs whose documents the DID host serves as Emissary built them. */
  published: string[];
}

const DEFAULT_SETTINGS: AnpSettings = { didHost: '', upload: 'put', sharedName: 'Me', sharedRotation: 0, published: [] };

export async function readAnpSettings(): Promise<AnpSettings> {
  return { ...DEFAULT_SETTINGS, ...((await getRecord<AnpSettings>('anp-settings', 'settings')) ?? {}) };
}

export async function writeAnpSettings(change: (s: AnpSettings) => void): Promise<AnpSettings> {
  const next = await updateRecord<AnpSettings>('anp-settings', 'settings', (cur) => {
    const s = { ...DEFAULT_SETTINGS, ...(cur ?? {}) };
    change(s);
    return s;
  });
  return next as AnpSettings;
}

export async function siteIdentity(origin: string): Promise<AnpSiteIdentity> {
  return (await getRecord<AnpSiteIdentity>('anp-identity', origin)) ?? { mode: 'site', rotation: 0 };
}

export async function setSiteIdentity(origin: string, value: AnpSiteIdentity): Promise<void> {
  await putRecord('anp-identity', origin, value);
}

/** The persona and rotation whose key signs for `origin`. */
export function personaOf(origin: string, id: AnpSiteIdentity, s: AnpSettings): { persona: string; rotation: number } {
  return id.mode === 'shared' ? { persona: `name:${s.sharedName}`, rotation: s.sharedRotation } : { persona: `site:${origin}`, rotation: id.rotation };
}

/** Checks a DID host folder URL: https, or http on localhost for development. */
export function checkDidHost(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('The DID host must be a URL such as https://example.com/dids.');
  }
  const local = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) throw new Error('The DID host must use https (http only on localhost).');
  if (/^[\d.]+$/.test(url.hostname) || url.hostname.startsWith('[')) throw new Error('did:wba needs a domain name, not an IP address.');
  if (url.search || url.hash || url.username || url.password) throw new Error('The DID host URL has no query, fragment or user name.');
  return url.href.replace(/\/+$/, '');
}

export interface Persona {
  persona: string;
  rotation: number;
  did: string;
  keyid: string;
  documentUrl: string;
  path: string;
}

export function personaDid(keys: DidWbaKeyring, persona: string, rotation: number, didHost: string): Persona {
  const pub = keys.publicKeys(persona, rotation);
  const did = e1DidFor(didHost, pub.signing);
  return { persona, rotation, did, keyid: `${did}#key-1`, documentUrl: didWbaToUrl(did, { loopbackHttp: true }), path: pub.path };
}

/** The signed DID document of a persona (proof made with its binding key, for assertionMethod). */
export async function personaDocument(keys: DidWbaKeyring, p: Persona, now = Date.now()): Promise<Record<string, unknown>> {
  const pub = keys.publicKeys(p.persona, p.rotation);
  const doc = buildDidDocument({ did: p.did, signingKey: pub.signing, keyAgreementKey: pub.keyAgreement });
  return addEddsaJcs2022Proof(doc, {
    verificationMethod: p.keyid,
    created: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sign: (m) => keys.sign(p.persona, p.rotation, 'assertionMethod', m),
  });
}

/** Makes sure the DID host serves the persona's document: PUT it (upload 'put') or check it is there ('manual'). */
export async function ensurePublished(keys: DidWbaKeyring, p: Persona, s: AnpSettings): Promise<void> {
  if (s.published.includes(p.did)) return;
  if (s.upload === 'put') {
    const doc = await personaDocument(keys, p);
    const res = await fetch(p.documentUrl, { method: 'PUT', headers: { 'content-type': 'application/did+json' }, body: JSON.stringify(doc), credentials: 'omit', redirect: 'error' })
      .catch(() => null);
    if (!res?.ok) throw new Error(`The DID host did not take your DID document (${res ? `HTTP ${res.status}` : 'no answer'}) at ${p.documentUrl}.`);
  } else {
    const res = await fetch(p.documentUrl, { credentials: 'omit', redirect: 'error', cache: 'no-cache' }).catch(() => null);
    if (!res?.ok) throw new Error(`Your DID document is not at ${p.documentUrl} yet: upload it (Settings → Identity shows the file).`);
  }
  await writeAnpSettings((x) => void (x.published = [...x.published.filter((d) => d !== p.did), p.did].slice(-500)));
}

export function identityView(origin: string | null, id: AnpSiteIdentity, s: AnpSettings, p: Persona | null, problem?: string): AnpIdentityView {
  const rotation = id.mode === 'shared' ? s.sharedRotation : id.rotation;
  const persona = id.mode === 'shared' ? `name:${s.sharedName}` : `site:${origin}`;
  return {
    origin, mode: id.mode, ...(id.mode === 'shared' ? { name: s.sharedName } : {}), sharedName: s.sharedName, rotation,
    did: p?.did ?? null, path: p?.path ?? personaPath(persona, rotation), documentUrl: p?.documentUrl ?? null,
    published: p ? s.published.includes(p.did) : false, ...(problem ? { problem } : {}),
  };
}

export type { AnpSettingsView };
