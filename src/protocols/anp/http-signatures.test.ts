// RFC 9421 signature bases byte for byte, Content-Digest (RFC 9530), and a signature made with the
// private key of the ANP SDK's e1 fixture that verifies with the public key its DID document publishes.
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { sharedText } from '../agents-json/corpus.fixture';
import { ed25519FromMultibase } from './did-proof';
import {
  contentDigest, contentDigestMatches, parseAcceptSignature, parseAuthParams, parseSignature, parseSignatureInput, signatureBase, signRequest,
} from './http-signatures';

const DID = 'did:wba:example.com:agents:demo:e1_nG-XhvbryhO6T9QFqzcFURHRJ19wIIu6LzbjMBPSCmQ';
const KEYID = `${DID}#key-1`;
const SECRET = base64.decode(sharedText('specs/anp-vectors/did-e1/e1/key-1_private.pem').split('\n')[1]);
const PUBLIC = ed25519FromMultibase((JSON.parse(sharedText('specs/anp-vectors/did-e1/e1/did.json')) as { verificationMethod: { publicKeyMultibase: string }[] }).verificationMethod[0].publicKeyMultibase)!;
const body = new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"searchRooms","params":{}}');

describe('Content-Digest', () => {
  it('is sha-256 in standard base64 between colons', () => {
    expect(contentDigest(new TextEncoder().encode('{"hello": "world"}'))).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    expect(contentDigestMatches('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', new TextEncoder().encode('{"hello": "world"}'))).toBe(true);
    expect(contentDigestMatches('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', new TextEncoder().encode('{"hello":"world"}'))).toBe(false);
    expect(contentDigestMatches('sha-512=:abc=:', body)).toBe(false);
  });
});

describe('signature base', () => {
  it('is the lines of ANP-03 §3.1 in the order the SDKs write them', () => {
    const req = { method: 'post', url: 'https://Agent.Example:8443/rpc?x=1', headers: { 'content-digest': contentDigest(body) }, body };
    expect(signatureBase(['@method', '@target-uri', '@authority', 'content-digest'], { created: 1733402096, expires: 1733402156, nonce: 'abc123', keyid: KEYID }, req)).toBe(
      '"@method": POST\n' +
      '"@target-uri": https://Agent.Example:8443/rpc?x=1\n' +
      '"@authority": agent.example:8443\n' +
      `"content-digest": ${contentDigest(body)}\n` +
      `"@signature-params": ("@method" "@target-uri" "@authority" "content-digest");created=1733402096;expires=1733402156;nonce="abc123";keyid="${KEYID}"`,
    );
    expect(signatureBase(['@method', '@authority'], { created: 1, keyid: KEYID }, { method: 'GET', url: 'https://a.example:443/', headers: {} }))
      .toBe(`"@method": GET\n"@authority": a.example\n"@signature-params": ("@method" "@authority");created=1;keyid="${KEYID}"`);
  });

  it('refuses what it cannot sign rather than signing something else', () => {
    expect(() => signatureBase(['content-type'], { created: 1, keyid: KEYID }, { method: 'GET', url: 'https://a.example/', headers: {} })).toThrow('no content-type header');
    expect(() => signatureBase(['@request-response'], { created: 1, keyid: KEYID }, { method: 'GET', url: 'https://a.example/', headers: {} })).toThrow('not supported');
    expect(() => signatureBase(['@method'], { created: 1, keyid: 'x"y' }, { method: 'GET', url: 'https://a.example/', headers: {} })).toThrow('quote');
  });
});

describe('signRequest', () => {
  it('signs with the e1 fixture key; the published key verifies the rebuilt base', async () => {
    const req = { method: 'POST', url: 'https://example.com/agents/demo/rpc', headers: { 'content-type': 'application/json' }, body };
    const added = await signRequest(req, { keyid: KEYID, created: 1733402096, nonce: 'n-1', sign: (m) => ed25519.sign(m, SECRET) });
    expect(added['content-digest']).toBe(contentDigest(body));
    expect(added['signature-input']).toBe(`sig1=("@method" "@target-uri" "@authority" "content-digest");created=1733402096;expires=1733402396;nonce="n-1";keyid="${KEYID}"`);
    const [input] = parseSignatureInput(added['signature-input']);
    expect(input).toMatchObject({ label: 'sig1', components: ['@method', '@target-uri', '@authority', 'content-digest'], params: { created: 1733402096, expires: 1733402396, nonce: 'n-1', keyid: KEYID } });
    const sig = parseSignature(added.signature, 'sig1')!;
    const base = signatureBase(input.components, input.params, { ...req, headers: { ...req.headers, ...added } });
    expect(ed25519.verify(sig, new TextEncoder().encode(base), PUBLIC)).toBe(true);
    expect(ed25519.verify(sig, new TextEncoder().encode(base.replace('POST', 'GET')), PUBLIC)).toBe(false);
  });

  it('signs the components a challenge asks for, with its nonce; no body means no digest', async () => {
    const added = await signRequest({ method: 'GET', url: 'https://example.com/x', headers: { 'content-type': 'text/plain' } }, {
      keyid: KEYID, created: 10, nonce: 'srv', components: parseAcceptSignature('sig1=("@method" "@target-uri" "content-type");created;expires;nonce;keyid')!, sign: (m) => ed25519.sign(m, SECRET),
    });
    expect(added['content-digest']).toBeUndefined();
    expect(added['signature-input']).toBe(`sig1=("@method" "@target-uri" "content-type");created=10;expires=310;nonce="srv";keyid="${KEYID}"`);
  });
});

describe('header parsing', () => {
  it('reads challenges and Authentication-Info', () => {
    expect(parseAuthParams('DIDWba realm="api.example.com", error="invalid_nonce", error_description="use mine", nonce="xyz987"'))
      .toEqual({ scheme: 'DIDWba', params: { realm: 'api.example.com', error: 'invalid_nonce', error_description: 'use mine', nonce: 'xyz987' } });
    expect(parseAuthParams('access_token="eyJ.a.b", token_type="Bearer", expires_in=3600')).toEqual({ scheme: null, params: { access_token: 'eyJ.a.b', token_type: 'Bearer', expires_in: '3600' } });
  });

  it('refuses a Signature-Input without created or keyid', () => {
    expect(() => parseSignatureInput('sig1=("@method");keyid="k"')).toThrow('no created');
    expect(() => parseSignatureInput('sig1=("@method");created=1')).toThrow('no keyid');
    expect(() => parseSignatureInput('nonsense')).toThrow('holds no signature');
  });
});
