// The legacy `Authorization: DIDWba …` header (did:wba spec v1.0, deprecated but still accepted by the
// SDK verifiers; anp-agora.md §2.1). Signed data: JCS of {nonce, timestamp, aud|service, did} →
// SHA-256 → Ed25519 over the 32-byte digest; signature in unpadded base64url.
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';
import { jcsBytes } from './jcs';

export interface LegacyAuthFields {
  v: string;
  did: string;
  nonce: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  timestamp: string;
  /** The DID URL fragment only (`key-1`). */
  verificationMethod: string;
  signature: string;
}

/** `aud` from v1.1 on, `service` before (the domain field's name changed). */
function domainField(v: string): 'aud' | 'service' {
  const [major, minor] = v.split('.').map(Number);
  return major > 1 || (major === 1 && (minor ?? 0) >= 1) ? 'aud' : 'service';
}

/** What is hashed and signed; `domain` is the server's host name without port. */
export function legacySignedBytes(f: Pick<LegacyAuthFields, 'v' | 'did' | 'nonce' | 'timestamp'>, domain: string): Uint8Array {
  return sha256(jcsBytes({ nonce: f.nonce, timestamp: f.timestamp, [domainField(f.v)]: domain, did: f.did }));
}

export function legacyTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function legacyAuthorization(
  o: { did: string; fragment: string; domain: string; nonce: string; now: number; sign: (digest: Uint8Array) => Uint8Array | Promise<Uint8Array> },
): Promise<string> {
  const f = { v: '1.1', did: o.did, nonce: o.nonce, timestamp: legacyTimestamp(o.now) };
  const signature = base64urlnopad.encode(await o.sign(legacySignedBytes(f, o.domain)));
  return `DIDWba v="${f.v}", did="${f.did}", nonce="${f.nonce}", timestamp="${f.timestamp}", verification_method="${o.fragment}", signature="${signature}"`;
}

/** Reads a DIDWba header (case-insensitive field names; `v` defaults to 1.1). Null when it is not one. */
export function parseLegacyAuthorization(header: string): LegacyAuthFields | null {
  if (!/^\s*DIDWba\s/i.test(header)) return null;
  const get = (k: string) => new RegExp(`(?:^|[\\s,])${k}\\s*=\\s*"([^"]*)"`, 'i').exec(header)?.[1];
  const did = get('did'), nonce = get('nonce'), timestamp = get('timestamp'), vm = get('verification_method'), signature = get('signature');
  if (!did || !nonce || !timestamp || !vm || !signature) return null;
  return { v: get('v') ?? '1.1', did, nonce, timestamp, verificationMethod: vm, signature };
}
