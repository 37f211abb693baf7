// did:wba ⇄ URL mapping table (ANP-03 §1.1, port encoding, refusals), and the e1 documents Emissary
// builds and signs: the resolver's own checks (fingerprint, proof, id) accept them.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { parseDidDocument } from './did-document';
import { e1Fingerprint } from './did-proof';
import { addEddsaJcs2022Proof, buildDidDocument, didWbaToUrl, e1DidFor, parseDidWba, urlToDidWba } from './did-wba';

const FP = 'e1_nG-XhvbryhO6T9QFqzcFURHRJ19wIIu6LzbjMBPSCmQ';

describe('did:wba ⇄ URL', () => {
  const table: [string, string][] = [
    ['did:wba:example.com', 'https://example.com/.well-known/did.json'],
    ['did:wba:example.com:user:alice', 'https://example.com/user/alice/did.json'],
    ['did:wba:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    [`did:wba:example.com:agents:demo:${FP}`, `https://example.com/agents/demo/${FP}/did.json`],
    [`did:wba:Example.COM%3A8443:u:${FP}`, `https://example.com:8443/u/${FP}/did.json`],
    ['did:wba:example.com:caf%C3%A9', 'https://example.com/caf%C3%A9/did.json'],
  ];
  it('maps DIDs to document URLs', () => {
    for (const [did, url] of table) expect(didWbaToUrl(did), did).toBe(url);
  });

  it('maps folder URLs back to DIDs, port encoded', () => {
    expect(urlToDidWba('https://example.com/user/alice')).toBe('did:wba:example.com:user:alice');
    expect(urlToDidWba('https://example.com:3000/user/alice/', [FP])).toBe(`did:wba:example.com%3A3000:user:alice:${FP}`);
    expect(urlToDidWba('https://example.com/')).toBe('did:wba:example.com');
    expect(urlToDidWba('https://example.com/u/alice/did.json')).toBe('did:wba:example.com:u:alice');
    for (const [did, url] of table.slice(0, 4)) expect(urlToDidWba(url.replace('/.well-known/did.json', '/').replace(/\/did\.json$/, ''))).toBe(did);
  });

  it('uses http only for localhost, and only when asked', () => {
    expect(didWbaToUrl('did:wba:localhost%3A4100:u:x', { loopbackHttp: true })).toBe('http://localhost:4100/u/x/did.json');
    expect(didWbaToUrl('did:wba:localhost%3A4100:u:x')).toBe('https://localhost:4100/u/x/did.json');
    expect(didWbaToUrl('did:wba:example.com:u', { loopbackHttp: true })).toBe('https://example.com/u/did.json');
  });

  it('refuses IP literals, bad ports, dot segments and malformed fingerprints', () => {
    for (const [did, why] of [
      ['did:wba:192.168.1.1', 'IP addresses'], ['did:wba:example.com%3A99999', 'out of range'], ['did:wba:example.com:..', 'dot segment'],
      ['did:wba:exa_mple.com', 'not a domain'], ['did:wba:example.com:u:e1_short', '43 base64url'], ['did:web:example.com', 'not a did:wba'],
      ['did:wba:example.com:%E0%A4%A', 'percent-encoding'],
    ]) expect(() => parseDidWba(did), did).toThrow(why);
    expect(parseDidWba(`did:wba:example.com:u:${FP}`)).toMatchObject({ host: 'example.com', port: null, path: ['u', FP], fingerprint: FP });
  });
});

describe('e1 documents', () => {
  it('builds a document the resolver checks and accepts, and refuses one signed by another key', async () => {
    const secret = new Uint8Array(32).fill(7);
    const pub = ed25519.getPublicKey(secret);
    const did = e1DidFor('https://did.example/users', pub);
    expect(did).toBe(`did:wba:did.example:users:${e1Fingerprint(pub)}`);
    const doc = buildDidDocument({ did, signingKey: pub, keyAgreementKey: x25519.getPublicKey(new Uint8Array(32).fill(9)) });
    const signed = await addEddsaJcs2022Proof(doc, { verificationMethod: `${did}#key-1`, created: '2026-11-25T12:00:00Z', sign: (m) => ed25519.sign(m, secret) });
    const parsed = parseDidDocument(JSON.stringify(signed), didWbaToUrl(did));
    expect(parsed.problems).toEqual([]);
    expect(parsed.detail).toMatchObject({ e1Binding: 'verified', proofVerified: true, supportsE2ee: true, authentication: [`${did}#key-1`], keyAgreement: [`${did}#key-x25519-1`] });
    const forged = await addEddsaJcs2022Proof(doc, { verificationMethod: `${did}#key-1`, created: '2026-11-25T12:00:00Z', sign: (m) => ed25519.sign(m, new Uint8Array(32).fill(8)) });
    expect(parseDidDocument(JSON.stringify(forged), didWbaToUrl(did)).detail?.proofVerified).toBe(false);
  });
});
