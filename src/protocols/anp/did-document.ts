// did:wba (and did:web) DID documents (anp-agora.md §1): keys, the relationships that authorise them,
// services (AgentDescription → ad.json, ANPMessageService, ANPHandleService) and, for e1 DIDs, the
// fingerprint binding and the eddsa-jcs-2022 proof.
import { childPath, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { Reader, readJsonObject, typeList } from '../discovery/reader';
import { e1Fingerprint, ed25519FromMultibase, verifyEddsaJcs2022 } from './did-proof';

export interface DidVerificationMethod {
  id: string;
  type: string;
  controller: string | null;
  keyFormat: 'multibase' | 'jwk' | 'none';
  /** `Ed25519`, `P-256`, `secp256k1`, `X25519` when it can be told from the type or the JWK. */
  curve: string | null;
}

export interface DidService {
  id: string;
  types: string[];
  /** The first usable https endpoint; null when the service gives none. */
  endpoint: string | null;
}

export type E1Binding = 'verified' | 'mismatch' | 'unchecked' | 'not-e1';

export interface DidDocument {
  id: string;
  /** `wba`, `web`, … */
  method: string;
  /** Where the document of a did:wba / did:web DID is published. */
  documentUrl: string | null;
  verificationMethods: DidVerificationMethod[];
  authentication: string[];
  assertionMethod: string[];
  keyAgreement: string[];
  services: DidService[];
  /** AgentDescription service endpoints: the agent's ad.json. */
  agentDescriptionUrls: string[];
  messageServiceUrl: string | null;
  /** A keyAgreement key is declared: the peer supports end-to-end encryption. */
  supportsE2ee: boolean;
  proof: { type: string; cryptosuite?: string; verificationMethod?: string; created?: string } | null;
  signed: boolean;
  /** e1 DIDs: the fingerprint matches an authentication key and the proof verifies with it. */
  e1Binding: E1Binding;
  proofVerified: boolean;
}

export interface DidDocumentParse extends ParsedDocument {
  kind: 'did-document';
  signed: boolean;
  detail: DidDocument | null;
}

const E1_SEGMENT = /:(e1_[A-Za-z0-9_-]{43})$/;
const MAX_METHODS = 32;
const CURVE_OF_TYPE: Record<string, string> = {
  Ed25519VerificationKey2018: 'Ed25519', Ed25519VerificationKey2020: 'Ed25519', Multikey: 'Ed25519',
  EcdsaSecp256k1VerificationKey2019: 'secp256k1', EcdsaSecp256r1VerificationKey2019: 'P-256', X25519KeyAgreementKey2019: 'X25519',
};

/** The https URL a did:wba / did:web DID resolves to (`did:wba:example.com:user:alice` → `https://example.com/user/alice/did.json`). */
export function didDocumentUrl(did: string): string | null {
  const m = /^did:(wba|web):([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!m) return null;
  const host = m[2].replace(/%3A/gi, ':');
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) || /^[\d.]+(:\d+)?$/.test(host)) return null;
  const path = m[3] ? m[3].slice(1).split(':').map(encodeURIComponent).join('/') : '.well-known';
  try {
    return new URL(`https://${host}/${path}/did.json`).href;
  } catch {
    return null;
  }
}

export function isDidDocument(root: JsonObject): boolean {
  return typeof root.id === 'string' && root.id.startsWith('did:') && (Array.isArray(root.verificationMethod) || Array.isArray(root.authentication) || Array.isArray(root.service));
}

function expand(ref: string, did: string): string {
  return ref.startsWith('#') ? `${did}${ref}` : ref;
}

function readMethod(r: Reader, m: JsonObject, at: string, did: string): DidVerificationMethod | undefined {
  const id = r.text(m, 'id', at, 'warning', 600);
  const type = r.text(m, 'type', at, 'warning', 80);
  if (!id || !type) return undefined;
  const jwk = isObject(m.publicKeyJwk) ? m.publicKeyJwk : null;
  const keyFormat = typeof m.publicKeyMultibase === 'string' ? 'multibase' : jwk ? 'jwk' : 'none';
  if (keyFormat === 'none') r.warn(at, 'carries no public key (publicKeyMultibase or publicKeyJwk)');
  const curve = jwk && typeof jwk.crv === 'string' ? jwk.crv.slice(0, 20) : (CURVE_OF_TYPE[type] ?? null);
  return { id: expand(id, did), type, controller: typeof m.controller === 'string' ? m.controller.slice(0, 600) : null, keyFormat, curve };
}

function readRelationship(r: Reader, root: JsonObject, key: string, did: string, methods: DidVerificationMethod[], raw: Map<string, JsonObject>): string[] {
  const out: string[] = [];
  (r.list(root, key, '', 'optional') ?? []).slice(0, MAX_METHODS).forEach((entry, i) => {
    const at = childPath(key, i);
    if (isObject(entry)) {
      const method = readMethod(r, entry, at, did);
      if (method) {
        methods.push(method);
        raw.set(method.id, entry);
        out.push(method.id);
      }
    } else if (typeof entry === 'string') {
      const id = expand(entry.slice(0, 600), did);
      if (!methods.some((m) => m.id === id)) r.warn(at, `refers to '${id.slice(0, 120)}', which verificationMethod does not declare`);
      out.push(id);
    } else r.warn(at, 'must be a key id or an embedded key; skipped');
  });
  return out;
}

function readServices(r: Reader, root: JsonObject, did: string): DidService[] {
  const out: DidService[] = [];
  for (const [s, at] of r.items(r.list(root, 'service', '', 'optional') ?? [], 'service', 32)) {
    const types = typeList(s.type).map((t) => t.slice(0, 80));
    const raw = s.serviceEndpoint;
    const first = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.find((v) => typeof v === 'string') : isObject(raw) ? Object.values(raw).find((v) => typeof v === 'string') : undefined;
    const endpoint = typeof first === 'string' ? (r.checkUrl(first.slice(0, 2000), childPath(at, 'serviceEndpoint'), 'warning') ?? null) : null;
    if (first === undefined) r.warn(childPath(at, 'serviceEndpoint'), 'is missing or holds no URL');
    out.push({ id: expand(typeof s.id === 'string' ? s.id.slice(0, 600) : '', did), types, endpoint });
  }
  return out;
}

function checkE1(r: Reader, root: JsonObject, did: string, authentication: string[], raw: Map<string, JsonObject>): { binding: E1Binding; verified: boolean } {
  const fingerprint = E1_SEGMENT.exec(did)?.[1];
  const proof = isObject(root.proof) ? root.proof : null;
  const keyFor = (id: string) => (typeof raw.get(id)?.publicKeyMultibase === 'string' ? ed25519FromMultibase(raw.get(id)?.publicKeyMultibase as string) : null);
  if (!fingerprint) {
    const vm = proof && typeof proof.verificationMethod === 'string' ? expand(proof.verificationMethod, did) : null;
    const key = vm && proof?.cryptosuite === 'eddsa-jcs-2022' ? keyFor(vm) : null;
    return { binding: 'not-e1', verified: key ? verifyEddsaJcs2022(root, key) : false };
  }
  const bound = authentication.find((id) => {
    const key = keyFor(id);
    return key !== null && e1Fingerprint(key) === fingerprint;
  });
  if (!bound) {
    r.error('id', `ends in the fingerprint ${fingerprint.slice(0, 12)}…, but no Ed25519 authentication key in this document has it: the document does not belong to this DID`);
    return { binding: 'mismatch', verified: false };
  }
  if (!proof) {
    r.error('proof', 'is missing; an e1 DID document must carry a proof made with its binding key');
    return { binding: 'verified', verified: false };
  }
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022') r.warn('proof', 'is not a DataIntegrityProof with the eddsa-jcs-2022 cryptosuite; not checked');
  else if (typeof proof.verificationMethod !== 'string' || expand(proof.verificationMethod, did) !== bound) r.error('proof.verificationMethod', 'is not the key the DID fingerprint binds');
  else if (!verifyEddsaJcs2022(root, keyFor(bound) as Uint8Array)) r.error('proof.proofValue', 'does not verify: the document was changed after it was signed, or signed with another key');
  else return { binding: 'verified', verified: true };
  return { binding: 'verified', verified: false };
}

export function readDidDocument(root: JsonValue, url: string, label = documentLabel(url)): DidDocumentParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object');
    return { kind: 'did-document', summary: EMPTY_SUMMARY, problems: r.problems, signed: false, detail: null };
  }
  const id = r.text(root, 'id', '', 'error', 600);
  if (id === undefined || !/^did:[a-z0-9]+:\S+$/.test(id)) {
    if (id !== undefined) r.error('id', `'${id.slice(0, 80)}' is not a DID`);
    return { kind: 'did-document', summary: EMPTY_SUMMARY, problems: r.problems, signed: false, detail: null };
  }
  const method = id.split(':')[1];
  const documentUrl = didDocumentUrl(id);
  if ((method === 'wba' || method === 'web') && !documentUrl) r.warn('id', 'cannot be mapped to an https URL (ANP-03 §1.1)');
  if (documentUrl && /^https?:\/\//.test(url) && !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(url) && documentUrl !== url) {
    r.error('id', `'${id.slice(0, 120)}' is published at ${documentUrl}, not at ${url}: this document claims a DID it does not live at`);
  }
  const methods: DidVerificationMethod[] = [];
  const raw = new Map<string, JsonObject>();
  for (const [m, at] of r.items(r.list(root, 'verificationMethod', '', 'optional') ?? [], 'verificationMethod', MAX_METHODS)) {
    const vm = readMethod(r, m, at, id);
    if (vm) {
      methods.push(vm);
      raw.set(vm.id, m);
    }
  }
  const authentication = readRelationship(r, root, 'authentication', id, methods, raw);
  if (authentication.length === 0) r.error('authentication', 'lists no key, so nobody can authenticate as this DID');
  const assertionMethod = readRelationship(r, root, 'assertionMethod', id, methods, raw);
  const keyAgreement = readRelationship(r, root, 'keyAgreement', id, methods, raw);
  const services = readServices(r, root, id);
  const proofRaw = isObject(root.proof) ? root.proof : null;
  const str = (k: string) => (proofRaw && typeof proofRaw[k] === 'string' ? (proofRaw[k] as string).slice(0, 200) : undefined);
  const proof = proofRaw ? { type: str('type') ?? 'unknown', ...Object.fromEntries(['cryptosuite', 'verificationMethod', 'created'].map((k) => [k, str(k)]).filter(([, v]) => v)) } : null;
  const { binding, verified } = checkE1(r, root, id, authentication, raw);
  const agentDescriptionUrls = services.filter((s) => s.types.includes('AgentDescription') && s.endpoint).map((s) => s.endpoint as string);
  const detail: DidDocument = {
    id, method, documentUrl, verificationMethods: methods, authentication, assertionMethod, keyAgreement, services, agentDescriptionUrls,
    messageServiceUrl: services.find((s) => s.types.includes('ANPMessageService'))?.endpoint ?? null,
    supportsE2ee: keyAgreement.length > 0, proof, signed: proof !== null, e1Binding: binding, proofVerified: verified,
  };
  return {
    kind: 'did-document',
    summary: { name: id.slice(0, 300), counts: { keys: methods.length, services: services.length }, links: agentDescriptionUrls.slice(0, 20) },
    problems: r.problems,
    signed: proof !== null,
    ...(proof !== null ? { verified: verified } : {}),
    detail,
  };
}

/** Parses a DID document fetched from `url`. Never throws. */
export function parseDidDocument(text: string, url: string): DidDocumentParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'did-document', summary: EMPTY_SUMMARY, problems, signed: false, detail: null };
  const parsed = readDidDocument(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
