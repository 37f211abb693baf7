// The demo's verifier (written from the spec) against the ANP SDK's e1 fixture and Emissary's own
// signing code: every error code it can answer, the challenge → retry → token sequence, the legacy
// header, and the DID host refusing a document that does not verify.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { base64 } from '@scure/base';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthChallenge } from '../../../src/protocols/anp/auth-errors';
import { addEddsaJcs2022Proof, buildDidDocument, didWbaToUrl, e1DidFor } from '../../../src/protocols/anp/did-wba';
import { signRequest } from '../../../src/protocols/anp/http-signatures';
import { legacyAuthorization } from '../../../src/protocols/anp/legacy-auth';
import { startAnpDemo, type AnpDemo } from './server';
import { createVerifier, type Incoming } from './verifier';

const E1 = resolve(import.meta.dirname, '../../../../shared/specs/anp-vectors/did-e1/e1');
const DOC = JSON.parse(readFileSync(`${E1}/did.json`, 'utf8')) as { id: string };
const SECRET = base64.decode(readFileSync(`${E1}/key-1_private.pem`, 'utf8').split('\n')[1]);
const KEYID = `${DOC.id}#key-1`;
const URL_ = 'https://api.example/rpc';
const body = new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"x"}');
const fetchVector = (async (url: string) => (url === didWbaToUrl(DOC.id) ? new Response(JSON.stringify(DOC)) : new Response('no', { status: 404 }))) as typeof fetch;

async function signed(o: { nonce?: string; created?: number; keyid?: string; url?: string; b?: Uint8Array } = {}): Promise<Incoming> {
  const b = o.b ?? body;
  const added = await signRequest({ method: 'POST', url: o.url ?? URL_, headers: {}, body: b }, { keyid: o.keyid ?? KEYID, created: o.created ?? Math.floor(Date.now() / 1000), nonce: o.nonce ?? crypto.randomUUID(), sign: (m) => ed25519.sign(m, SECRET) });
  return { method: 'POST', url: URL_, headers: added, body };
}

describe('demo verifier on the e1 fixture', () => {
  it('accepts a signature by the fixture key and answers each failure with its ANP code', async () => {
    const v = createVerifier({ realm: 'api.example', fetch: fetchVector });
    const ok = await v.verify(await signed({ nonce: 'n1' }));
    expect(ok).toMatchObject({ ok: true, did: DOC.id, via: 'signature' });
    const token = /access_token="([^"]+)"/.exec(ok.headers['authentication-info'])![1];
    expect(await v.verify({ method: 'GET', url: URL_, headers: { authorization: `Bearer ${token}` }, body: new Uint8Array() })).toMatchObject({ ok: true, via: 'token' });
    const cases: [string, Promise<Incoming> | Incoming][] = [
      ['invalid_nonce', signed({ nonce: 'n1' })],
      ['invalid_timestamp', signed({ created: Math.floor(Date.now() / 1000) - 3600 })],
      ['invalid_verification_method', signed({ keyid: `${DOC.id}#key-3` })],
      ['invalid_did', signed({ keyid: 'did:wba:other.example:u:e1_nG-XhvbryhO6T9QFqzcFURHRJ19wIIu6LzbjMBPSCmQ#key-1' })],
      ['invalid_signature', signed({ url: 'https://api.example/other' })],
      ['invalid_content_digest', signed({ b: new TextEncoder().encode('{}') })],
      ['invalid_request', { method: 'POST', url: URL_, headers: {}, body }],
      ['invalid_access_token', { method: 'GET', url: URL_, headers: { authorization: 'Bearer nope' }, body: new Uint8Array() }],
    ];
    for (const [code, req] of cases) {
      const r = await v.verify(await req);
      expect(r.ok, code).toBe(false);
      if (r.ok) continue;
      const c = readAuthChallenge(r.status, { get: (n) => r.headers[n] ?? null });
      expect(c.code, code).toBe(code);
      expect(c.nonce, code).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(c.components).toEqual(['@method', '@target-uri', '@authority', 'content-digest']);
    }
  });

  it('accepts only its own challenge nonces when asked to, each once', async () => {
    const v = createVerifier({ realm: 'api.example', fetch: fetchVector, challengeOnly: true });
    const first = await v.verify(await signed());
    expect(first).toMatchObject({ ok: false, error: 'invalid_nonce' });
    const nonce = readAuthChallenge(401, { get: (n) => (first.ok ? null : first.headers[n] ?? null) }).nonce!;
    expect(await v.verify(await signed({ nonce }))).toMatchObject({ ok: true });
    expect(await v.verify(await signed({ nonce }))).toMatchObject({ ok: false, error: 'invalid_nonce' });
  });

  it('verifies the legacy DIDWba header', async () => {
    const v = createVerifier({ realm: 'api.example', fetch: fetchVector, legacyOnly: true });
    const header = await legacyAuthorization({ did: DOC.id, fragment: 'key-1', domain: 'api.example', nonce: 'abcdef', now: Date.now(), sign: (d) => ed25519.sign(d, SECRET) });
    expect(await v.verify({ method: 'POST', url: URL_, headers: { authorization: header }, body })).toMatchObject({ ok: true, via: 'legacy' });
    expect(await v.verify({ method: 'POST', url: URL_, headers: { authorization: header }, body })).toMatchObject({ ok: false, error: 'invalid_nonce' });
    const other = await legacyAuthorization({ did: DOC.id, fragment: 'key-1', domain: 'evil.example', nonce: 'x2', now: Date.now(), sign: (d) => ed25519.sign(d, SECRET) });
    expect(await v.verify({ method: 'POST', url: URL_, headers: { authorization: other }, body })).toMatchObject({ ok: false, error: 'invalid_signature' });
    const unsignedRfc = await v.verify(await signed());
    expect(unsignedRfc.ok ? null : unsignedRfc.headers['accept-signature']).toBeUndefined();
  });
});

describe('demo sites over HTTP', () => {
  let demo: AnpDemo;
  beforeAll(async () => {
    demo = await startAnpDemo();
  });
  afterAll(() => demo.close());

  it('publishes a verifying DID document and refuses a forged one; the hotel challenges once, then takes the token', async () => {
    const secret = new Uint8Array(32).fill(5);
    const pub = ed25519.getPublicKey(secret);
    const did = e1DidFor(`${demo.origins.didhost}/users`, pub);
    const doc = buildDidDocument({ did, signingKey: pub, keyAgreementKey: x25519.getPublicKey(new Uint8Array(32).fill(6)) });
    const good = await addEddsaJcs2022Proof(doc, { verificationMethod: `${did}#key-1`, created: '2026-11-25T00:00:00Z', sign: (m) => ed25519.sign(m, secret) });
    const forged = await addEddsaJcs2022Proof(doc, { verificationMethod: `${did}#key-1`, created: '2026-11-25T00:00:00Z', sign: (m) => ed25519.sign(m, new Uint8Array(32).fill(1)) });
    const docUrl = didWbaToUrl(did, { loopbackHttp: true });
    expect((await fetch(docUrl, { method: 'PUT', body: JSON.stringify(forged) })).status).toBe(422);
    expect((await fetch(docUrl, { method: 'PUT', body: JSON.stringify(good) })).status).toBe(201);

    const url = `${demo.origins.hotel}/agents/hotel/rpc`;
    const rpc = new TextEncoder().encode(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'searchRooms', params: { criteria: { checkIn: '2026-12-01', nights: 2, guests: 2 } } }));
    const sign = (nonce: string) => signRequest({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: rpc }, { keyid: `${did}#key-1`, created: Math.floor(Date.now() / 1000), nonce, sign: (m) => ed25519.sign(m, secret) });
    const first = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await sign('mine')) }, body: rpc });
    expect(first.status).toBe(401);
    const c = readAuthChallenge(401, first.headers, await first.json());
    const second = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await sign(c.nonce!)) }, body: rpc });
    expect(second.status).toBe(200);
    const token = /access_token="([^"]+)"/.exec(second.headers.get('authentication-info') ?? '')![1];
    expect(((await second.json()) as { result: { total: number } }).result.total).toBe(3);
    const third = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: rpc });
    expect(third.status).toBe(200);
    expect(demo.seenDids.hotel).toEqual([did, did]);
  });
});
