// DID documents for the demo, checked the way ANP-03 v1.1 §2 says a resolver must: id equals the DID
// the URL maps to, the e1_ fingerprint is the RFC 7638 thumbprint of an authentication Multikey, and
// the eddsa-jcs-2022 proof verifies with it. Written from the spec for the demo servers, apart from
// Emissary's code (JCS from the `canonicalize` package), so that the two check each other.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, base64urlnopad } from '@scure/base';
import canonicalize from 'canonicalize';

type Doc = Record<string, unknown> & { id: string };
const enc = (v: unknown) => new TextEncoder().encode(canonicalize(v) as string);

export function fingerprint(pub: Uint8Array): string {
  return `e1_${base64urlnopad.encode(sha256(new TextEncoder().encode(`{"crv":"Ed25519","kty":"OKP","x":"${base64urlnopad.encode(pub)}"}`)))}`;
}

export function multikey(pub: Uint8Array, codec = [0xed, 0x01]): string {
  return `z${base58.encode(Uint8Array.from([...codec, ...pub]))}`;
}

function proofInput(doc: Doc, options: Record<string, unknown>): Uint8Array {
  const { proof: _p, ...rest } = doc;
  return Uint8Array.from([...sha256(enc(options)), ...sha256(enc(rest))]);
}

/** A signed e1 DID document for a demo agent (its own site's DID). */
export function agentDidDocument(origin: string, path: string[], secret: Uint8Array, services: unknown[]): Doc {
  const pub = ed25519.getPublicKey(secret);
  const u = new URL(origin);
  const did = ['did:wba', `${u.hostname}%3A${u.port}`, ...path, fingerprint(pub)].join(':');
  const doc: Doc = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/data-integrity/v2', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: multikey(pub) }],
    authentication: [`${did}#key-1`],
    assertionMethod: [`${did}#key-1`],
    service: services.map((s) => ({ ...(s as object), id: `${did}${(s as { id: string }).id}` })),
  };
  const options = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', created: '2026-11-25T00:00:00Z', verificationMethod: `${did}#key-1`, proofPurpose: 'assertionMethod' };
  return { ...doc, proof: { ...options, proofValue: base64urlnopad.encode(ed25519.sign(proofInput(doc, options), secret)) } };
}

/** did:wba → document URL (ANP-03 §1.1); the demo serves over http on localhost. */
export function didUrl(did: string): string {
  const [, , host, ...path] = did.split(':');
  const authority = decodeURIComponent(host);
  const scheme = /^localhost(:\d+)?$/.test(authority) ? 'http' : 'https';
  return `${scheme}://${authority}/${path.length ? path.map(decodeURIComponent).join('/') : '.well-known'}/did.json`;
}

export type CheckedDoc = { ok: true; doc: Doc; keys: Map<string, Uint8Array>; authentication: string[] } | { ok: false; why: string };

/** The checks of ANP-03 §2 on a document fetched for `did`. */
export function checkDidDocument(did: string, doc: unknown): CheckedDoc {
  if (!doc || typeof doc !== 'object') return { ok: false, why: 'not a JSON object' };
  const d = doc as Doc;
  if (d.id !== did) return { ok: false, why: 'id does not match the DID' };
  const keys = new Map<string, Uint8Array>();
  const expand = (id: string) => (id.startsWith('#') ? did + id : id);
  for (const vm of (Array.isArray(d.verificationMethod) ? d.verificationMethod : []) as Record<string, unknown>[]) {
    if ((vm.type === 'Multikey' || vm.type === 'Ed25519VerificationKey2020') && typeof vm.publicKeyMultibase === 'string' && typeof vm.id === 'string') {
      const raw = base58.decode(vm.publicKeyMultibase.slice(1));
      if (raw[0] === 0xed && raw[1] === 0x01 && raw.length === 34) keys.set(expand(vm.id), raw.slice(2));
    }
  }
  const authentication = ((Array.isArray(d.authentication) ? d.authentication : []) as unknown[]).filter((a): a is string => typeof a === 'string').map(expand);
  const fp = did.split(':').pop()!;
  if (fp.startsWith('e1_')) {
    const bound = authentication.find((id) => keys.has(id) && fingerprint(keys.get(id)!) === fp);
    if (!bound) return { ok: false, why: 'no authentication key matches the e1_ fingerprint' };
    const proof = d.proof as Record<string, unknown> | undefined;
    if (!proof || proof.cryptosuite !== 'eddsa-jcs-2022' || proof.verificationMethod !== bound || typeof proof.proofValue !== 'string') return { ok: false, why: 'the proof is missing or not made with the binding key' };
    const { proofValue, ...options } = proof;
    // Multibase base58btc (W3C text) or unpadded base64url (the ANP SDKs): a base64url value may start with 'z' too.
    const pv = proofValue as string;
    const decodings = [() => (pv.startsWith('z') ? base58.decode(pv.slice(1)) : null), () => base64urlnopad.decode(pv)];
    const verifies = decodings.some((decode) => {
      try {
        const sig = decode();
        return sig !== null && sig.length === 64 && ed25519.verify(sig, proofInput(d, options), keys.get(bound)!);
      } catch {
        return false;
      }
    });
    if (!verifies) return { ok: false, why: 'the proof does not verify' };
  }
  return { ok: true, doc: d, keys, authentication };
}
