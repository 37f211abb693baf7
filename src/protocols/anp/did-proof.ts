// did:wba e1 checks (ANP-03 v1.1): the `e1_` fingerprint in the DID must be the RFC 7638 thumbprint of an
// Ed25519 Multikey in the document, and the document's DataIntegrityProof (eddsa-jcs-2022) must verify
// with that key. Test vectors: shared/specs/anp-vectors/did-e1/.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base64urlnopad } from '@scure/base';
import { isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { jcs } from './jcs';

const ED25519_MULTICODEC = [0xed, 0x01];

/** RFC 8785 (JCS) text of a JSON tree (see jcs.ts). */
export function canonicalJson(value: JsonValue): string {
  return jcs(value);
}

/** The raw 32-byte Ed25519 key of a `z6Mk…` Multikey (multibase base58btc + multicodec 0xed01); null otherwise. */
export function ed25519FromMultibase(multibase: string): Uint8Array | null {
  if (!multibase.startsWith('z') || multibase.length > 80) return null;
  try {
    const bytes = base58.decode(multibase.slice(1));
    if (bytes.length !== 34 || bytes[0] !== ED25519_MULTICODEC[0] || bytes[1] !== ED25519_MULTICODEC[1]) return null;
    return bytes.slice(2);
  } catch {
    return null;
  }
}

/** `e1_` + base64url(SHA-256(RFC 7638 thumbprint input of the Ed25519 JWK)). */
export function e1Fingerprint(publicKey: Uint8Array): string {
  const x = base64urlnopad.encode(publicKey);
  return `e1_${base64urlnopad.encode(sha256(new TextEncoder().encode(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`)))}`;
}

function decodeProofValue(value: string): Uint8Array | null {
  // The ANP SDKs write unpadded base64url; ANP-03 and W3C say multibase base58btc ('z…'). Accept both.
  const attempts = [() => (value.startsWith('z') ? base58.decode(value.slice(1)) : null), () => base64urlnopad.decode(value)];
  for (const attempt of attempts) {
    try {
      const bytes = attempt();
      if (bytes && bytes.length === 64) return bytes;
    } catch {
      // try the other encoding
    }
  }
  return null;
}

/**
 * Verifies an eddsa-jcs-2022 DataIntegrityProof over `doc` with `publicKey`:
 * signature over SHA-256(JCS(proof without proofValue)) ‖ SHA-256(JCS(document without proof)).
 */
export function verifyEddsaJcs2022(doc: JsonObject, publicKey: Uint8Array): boolean {
  const proof = doc.proof;
  if (!isObject(proof) || typeof proof.proofValue !== 'string') return false;
  const signature = decodeProofValue(proof.proofValue);
  if (!signature) return false;
  const options: JsonObject = {};
  for (const k of Object.keys(proof)) if (k !== 'proofValue') options[k] = proof[k];
  const unsigned: JsonObject = {};
  for (const k of Object.keys(doc)) if (k !== 'proof') unsigned[k] = doc[k];
  try {
    const encode = (v: JsonValue) => sha256(new TextEncoder().encode(canonicalJson(v)));
    const message = new Uint8Array(64);
    message.set(encode(options), 0);
    message.set(encode(unsigned), 32);
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
