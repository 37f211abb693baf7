// did:wba identifiers and the documents Emissary publishes for the user (ANP-03 v1.1 §1–2):
// DID ⇄ URL mapping with port encoding, the e1_ key-bound form, the recommended e1 DID document and
// its eddsa-jcs-2022 proof. Signing is a callback so that keys stay with their holder.
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base64urlnopad } from '@scure/base';
import { e1Fingerprint } from './did-proof';
import { jcsBytes } from './jcs';

const E1 = /^e1_[A-Za-z0-9_-]{43}$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export interface ParsedDidWba {
  did: string;
  /** Lower-case host name, without port. */
  host: string;
  port: number | null;
  /** Path segments (percent-decoded), the e1_ segment included when there is one. */
  path: string[];
  /** The e1_ fingerprint (last segment), or null for historical DIDs without one. */
  fingerprint: string | null;
}

export class DidWbaError extends Error {
  override name = 'DidWbaError';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/** Parses and checks a did:wba DID: a domain name (no IP literal), an optional `%3A` port, `:` path segments. */
export function parseDidWba(did: string): ParsedDidWba {
  const m = /^did:wba:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!m) throw new DidWbaError(`'${did.slice(0, 80)}' is not a did:wba DID`);
  const hp = /^([^%]+)(?:%3[Aa](\d{1,5}))?$/.exec(m[1]);
  if (!hp) throw new DidWbaError('the host part is not a domain name with an optional %3A port');
  const host = hp[1].toLowerCase();
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) throw new DidWbaError('did:wba does not allow IP addresses, only domain names');
  if (!host.split('.').every((l) => LABEL.test(l))) throw new DidWbaError(`'${host.slice(0, 80)}' is not a domain name`);
  const port = hp[2] ? Number(hp[2]) : null;
  if (port !== null && (port < 1 || port > 65535)) throw new DidWbaError('the port is out of range');
  let path: string[];
  try {
    path = m[2] ? m[2].slice(1).split(':').map(decodeURIComponent) : [];
  } catch {
    throw new DidWbaError('a path segment is not valid percent-encoding');
  }
  if (path.some((s) => s === '' || s === '.' || s === '..' || s.includes('/'))) throw new DidWbaError('a path segment is empty, a dot segment or holds a slash');
  const last = path[path.length - 1];
  if (last?.startsWith('e1_') && !E1.test(last)) throw new DidWbaError('the e1_ fingerprint is not 43 base64url characters');
  return { did, host, port, path, fingerprint: last && E1.test(last) ? last : null };
}

/**
 * ANP-03 §1.1: the URL of a did:wba DID's document. `https://` always, except that a `localhost`
 * host maps to `http://` when `loopbackHttp` is set (development and the demo only).
 */
export function didWbaToUrl(did: string, options: { loopbackHttp?: boolean } = {}): string {
  const p = parseDidWba(did);
  const scheme = options.loopbackHttp && isLoopback(p.host) ? 'http' : 'https';
  const authority = p.port !== null ? `${p.host}:${p.port}` : p.host;
  const path = p.path.length ? p.path.map(encodeURIComponent).join('/') : '.well-known';
  return `${scheme}://${authority}/${path}/did.json`;
}

/**
 * The DID whose document lives under `base` (a folder URL), with `extra` path segments appended:
 * `https://host:3000/u/alice` + [`e1_…`] → `did:wba:host%3A3000:u:alice:e1_…`.
 */
export function urlToDidWba(base: string, extra: string[] = []): string {
  const url = new URL(base);
  if (url.search || url.hash || url.username || url.password) throw new DidWbaError('a DID host URL has no query, fragment or credentials');
  const segments = [...url.pathname.split('/').filter(Boolean).map(decodeURIComponent), ...extra];
  if (segments[segments.length - 1] === 'did.json') segments.pop();
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const did = ['did:wba', host, ...segments.map((s) => encodeURIComponent(s))].join(':');
  parseDidWba(did);
  return did;
}

/** The key-bound e1 DID for `publicKey` under a DID host folder. */
export function e1DidFor(hostBase: string, publicKey: Uint8Array): string {
  return urlToDidWba(hostBase, [e1Fingerprint(publicKey)]);
}

export function multibase(prefix: [number, number], key: Uint8Array): string {
  const bytes = new Uint8Array(34);
  bytes.set(prefix, 0);
  bytes.set(key, 2);
  return `z${base58.encode(bytes)}`;
}

export const ED25519_PUB: [number, number] = [0xed, 0x01];
export const X25519_PUB: [number, number] = [0xec, 0x01];

export interface DidDocumentInput {
  did: string;
  signingKey: Uint8Array;
  keyAgreementKey: Uint8Array;
  services?: Array<{ id: string; type: string; serviceEndpoint: string }>;
}

/** The v1.1 recommended e1 document: Multikey key-1 (authentication + assertion), X25519 key agreement. */
export function buildDidDocument(i: DidDocumentInput): Record<string, unknown> {
  const key1 = `${i.did}#key-1`;
  const ka = `${i.did}#key-x25519-1`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/data-integrity/v2', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/x25519-2019/v1'],
    id: i.did,
    verificationMethod: [
      { id: key1, type: 'Multikey', controller: i.did, publicKeyMultibase: multibase(ED25519_PUB, i.signingKey) },
      { id: ka, type: 'X25519KeyAgreementKey2019', controller: i.did, publicKeyMultibase: multibase(X25519_PUB, i.keyAgreementKey) },
    ],
    authentication: [key1],
    assertionMethod: [key1],
    keyAgreement: [ka],
    ...(i.services?.length ? { service: i.services } : {}),
  };
}

/** SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without proof)): the eddsa-jcs-2022 signing input. */
export function eddsaJcs2022Input(doc: Record<string, unknown>, options: Record<string, unknown>): Uint8Array {
  const { proof: _drop, ...unsigned } = doc;
  const out = new Uint8Array(64);
  out.set(sha256(jcsBytes(options)), 0);
  out.set(sha256(jcsBytes(unsigned)), 32);
  return out;
}

/**
 * Adds a DataIntegrityProof (eddsa-jcs-2022, proofPurpose assertionMethod) made with `sign`. The
 * proofValue is unpadded base64url, as the ANP SDKs write and read it (their verifiers and the
 * published e1 vectors); Emissary's own verifier also accepts the multibase form of the W3C text.
 */
export async function addEddsaJcs2022Proof(
  doc: Record<string, unknown>,
  o: { verificationMethod: string; created: string; sign: (message: Uint8Array) => Uint8Array | Promise<Uint8Array> },
): Promise<Record<string, unknown>> {
  const options = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', created: o.created, verificationMethod: o.verificationMethod, proofPurpose: 'assertionMethod' };
  const signature = await o.sign(eddsaJcs2022Input(doc, options));
  return { ...doc, proof: { ...options, proofValue: base64urlnopad.encode(signature) } };
}
