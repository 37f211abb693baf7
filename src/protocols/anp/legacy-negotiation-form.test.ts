// The legacy DIDWba header, the 401/403 error codes, ANP-06 negotiation results and OpenRPC forms
// (from the ANP SDK's OpenRPC fixture).
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { sharedText } from '../agents-json/corpus.fixture';
import { AUTH_ERROR_CODES, explainAuthFailure, readAuthChallenge, shouldRetry } from './auth-errors';
import { legacyAuthorization, legacySignedBytes, parseLegacyAuthorization } from './legacy-auth';
import { negotiateRequest, negotiationDigest, readNegotiationResponse } from './meta-negotiation';
import { formParams, openRpcForms } from './openrpc-form';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });

describe('legacy DIDWba header', () => {
  it('signs SHA-256 of the JCS of {nonce, timestamp, aud, did}', async () => {
    const secret = new Uint8Array(32).fill(3);
    const header = await legacyAuthorization({ did: 'did:wba:a.example:u', fragment: 'key-1', domain: 'api.example', nonce: 'abcd', now: Date.UTC(2026, 10, 25, 12, 0, 0, 123), sign: (d) => ed25519.sign(d, secret) });
    const f = parseLegacyAuthorization(header)!;
    expect(f).toMatchObject({ v: '1.1', did: 'did:wba:a.example:u', nonce: 'abcd', timestamp: '2026-11-25T12:00:00Z', verificationMethod: 'key-1' });
    const digest = sha256(new TextEncoder().encode('{"aud":"api.example","did":"did:wba:a.example:u","nonce":"abcd","timestamp":"2026-11-25T12:00:00Z"}'));
    expect(legacySignedBytes(f, 'api.example')).toEqual(digest);
    expect(ed25519.verify(base64urlnopad.decode(f.signature), digest, ed25519.getPublicKey(secret))).toBe(true);
    expect(legacySignedBytes({ ...f, v: '1.0' }, 'api.example')).toEqual(sha256(new TextEncoder().encode('{"did":"did:wba:a.example:u","nonce":"abcd","service":"api.example","timestamp":"2026-11-25T12:00:00Z"}')));
    expect(parseLegacyAuthorization('Bearer x')).toBeNull();
  });
});

describe('authentication errors', () => {
  it('reads every ANP code, retries only where signing again can help', () => {
    const retry = new Set(['invalid_nonce', 'invalid_timestamp', 'invalid_access_token']);
    for (const code of AUTH_ERROR_CODES) {
      const c = readAuthChallenge(code === 'forbidden_did' ? 403 : 401, headers({ 'www-authenticate': `DIDWba realm="x", error="${code}"`, 'accept-signature': 'sig1=("@method");created' }));
      expect(c.code, code).toBe(code);
      expect(shouldRetry(c), code).toBe(retry.has(code));
      expect(explainAuthFailure(c)).toMatch(/^Authentication failed: .+\.$/);
    }
    const withNonce = readAuthChallenge(401, headers({ 'www-authenticate': 'DIDWba error="invalid_signature", nonce="n1"', 'accept-signature': 'sig1=("@method" "@target-uri" "content-digest");created;nonce' }));
    expect(withNonce).toMatchObject({ nonce: 'n1', components: ['@method', '@target-uri', 'content-digest'], legacyOnly: false });
    expect(shouldRetry(withNonce)).toBe(true);
    expect(readAuthChallenge(401, headers({ 'www-authenticate': 'DIDWba realm="old"' })).legacyOnly).toBe(true);
    expect(readAuthChallenge(401, headers({}), { code: 401, error: 'invalid_nonce', nonce: 'j' })).toMatchObject({ code: 'invalid_nonce', nonce: 'j' });
    expect(explainAuthFailure(readAuthChallenge(401, headers({ 'www-authenticate': 'DIDWba error="weird"' })))).toBe("Authentication failed: the agent answered 'weird'.");
  });
});

describe('ANP-06 negotiation', () => {
  const result = { negotiationId: 'n1', status: 'accepted', selected: { interface: 'i.search', protocol: 'openrpc', profile: 'anp.rpc.v1' }, execution: { mode: 'direct_structured_call' }, validUntil: '2026-11-25T12:10:00Z' };
  it('builds a structured-selection request', () => {
    const req = negotiateRequest({ negotiationId: 'n1', operationId: 'op1', senderDid: 'did:wba:a', targetDid: 'did:wba:b', createdAt: 'now', intent: { name: 'search', intentTags: ['hotel.search'] }, candidateInterfaceRefs: ['i.search'] }) as { method: string; params: { meta: { profile: string }; body: { mode: string } } };
    expect(req.method).toBe('anp.negotiate');
    expect(req.params.meta.profile).toBe('anp.meta.negotiation.v1');
    expect(req.params.body.mode).toBe('structured_selection');
  });
  it('checks the digest and the validity', () => {
    const digest = negotiationDigest(result);
    const ok = readNegotiationResponse({ jsonrpc: '2.0', id: 1, result: { ...result, negotiationDigest: digest } }, Date.UTC(2026, 10, 25, 12, 0));
    expect(ok).toMatchObject({ status: 'accepted', digestCheck: 'checked', expired: false, executionMode: 'direct_structured_call', selected: { interface: 'i.search' } });
    expect(readNegotiationResponse({ result: { ...result, negotiationDigest: 'sha-256:other' } }, Date.UTC(2026, 10, 25, 13, 0))).toMatchObject({ digestCheck: 'as-stated', expired: true });
    expect(() => readNegotiationResponse({ error: { code: 1601, message: 'x' } }, 0)).toThrow('no interface of the agent fits the intent and constraints (1601)');
    expect(() => readNegotiationResponse({ result: { status: 'accepted' } }, 0)).toThrow('selected nothing');
  });
});

describe('OpenRPC forms', () => {
  const doc = JSON.parse(sharedText('specs/anp-vectors/agent-description/test_data_openrpc.json')) as unknown;
  it('opens object params one level and converts values', () => {
    const search = openRpcForms(doc).find((f) => f.method === 'searchRooms')!;
    expect(search.fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ['searchCriteria.checkIn', 'string', true], ['searchCriteria.checkOut', 'string', true], ['searchCriteria.guests', 'integer', true], ['searchCriteria.roomType', 'string', false],
    ]);
    expect(formParams(search, { 'searchCriteria.checkIn': '2026-12-01', 'searchCriteria.checkOut': '2026-12-03', 'searchCriteria.guests': '2' }))
      .toEqual({ searchCriteria: { checkIn: '2026-12-01', checkOut: '2026-12-03', guests: 2 } });
    expect(() => formParams(search, { 'searchCriteria.checkIn': 'a', 'searchCriteria.checkOut': 'b', 'searchCriteria.guests': '9' })).toThrow('guests must be at most 8');
    expect(() => formParams(search, { 'searchCriteria.checkIn': 'a' })).toThrow('checkOut is required');
    expect(() => formParams(search, { 'searchCriteria.checkIn': 'a', 'searchCriteria.checkOut': 'b', 'searchCriteria.guests': '2', 'searchCriteria.roomType': 'castle' })).toThrow('must be one of standard');
  });
});
