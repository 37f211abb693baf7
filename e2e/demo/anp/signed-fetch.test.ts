// Emissary's background client for signed ANP requests (src/background/anp/signed-fetch.ts) against
// the demo agents over real HTTP: the challenge retry, the stored token reused until it is refused,
// the legacy header for an agent that speaks only that, the request counts of each, and a readable
// failure when the DID document is not published.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaDid, personaDocument } from '../../../src/background/anp/identities';
import { signedPost } from '../../../src/background/anp/signed-fetch';
import { resolveDid } from '../../../src/background/anp/resolver';
import type { VaultService, VaultSecretsStore } from '../../../src/background/vault-service';
import { DidWbaKeyring } from '../../../src/wallet/did-wba-keys';
import { mnemonicToSeed } from '../../../src/wallet/mnemonic';
import { startAnpDemo, type AnpDemo } from './server';

function fakeVault(keys: DidWbaKeyring): VaultService {
  let secrets: VaultSecretsStore = { siteCredentials: {} };
  return {
    didWba: () => keys,
    readSecrets: async () => structuredClone(secrets),
    updateSecrets: async (change: (s: VaultSecretsStore) => void) => {
      const next = structuredClone(secrets);
      change(next);
      secrets = next;
      return true;
    },
  } as unknown as VaultService;
}

describe('signedPost against the demo agents', () => {
  let demo: AnpDemo;
  let keys: DidWbaKeyring;
  beforeAll(async () => {
    demo = await startAnpDemo();
    keys = new DidWbaKeyring(await mnemonicToSeed('test test test test test test test test test test test junk'));
  });
  afterAll(() => demo.close());

  const publish = async (persona: string) => {
    const p = personaDid(keys, persona, 0, `${demo.origins.didhost}/users`);
    const res = await fetch(p.documentUrl, { method: 'PUT', body: JSON.stringify(await personaDocument(keys, p)) });
    expect(res.status).toBe(201);
    return p;
  };
  const search = { jsonrpc: '2.0', id: 1, method: 'searchRooms', params: { criteria: { checkIn: '2026-12-01', nights: 1, guests: 1 } } };

  it('answers the challenge once, then reuses the token; a refused token means signing again', async () => {
    const p = await publish(`site:${demo.origins.hotel}`);
    const vault = fakeVault(keys);
    const url = `${demo.origins.hotel}/agents/hotel/rpc`;
    const first = await signedPost(vault, p, url, search);
    expect(first).toMatchObject({ status: 200, requests: 2, auth: 'signature' });
    const second = await signedPost(vault, p, url, search);
    expect(second).toMatchObject({ status: 200, requests: 1, auth: 'token' });
    await vault.updateSecrets((s) => {
      for (const t of Object.values(s.anpTokens ?? {})) t.token = 'revoked';
    });
    const third = await signedPost(vault, p, url, search);
    expect(third).toMatchObject({ status: 200, requests: 3, auth: 'signature' });
    expect(demo.seenDids.hotel.every((d) => d === p.did)).toBe(true);
  });

  it('falls back to the legacy DIDWba header for an agent that only speaks it', async () => {
    const p = await publish(`site:${demo.origins.museum}`);
    const r = await signedPost(fakeVault(keys), p, `${demo.origins.museum}/agents/museum/rpc`, { jsonrpc: '2.0', id: 1, method: 'listExhibitions', params: {} });
    expect(r).toMatchObject({ status: 200, requests: 2, auth: 'legacy' });
    const again = await signedPost(fakeVault(keys), p, `${demo.origins.museum}/agents/museum/rpc`, { jsonrpc: '2.0', id: 2, method: 'listExhibitions', params: {} });
    expect(again).toMatchObject({ status: 200, requests: 1, auth: 'legacy' });
  });

  it('says why when the agent cannot resolve the DID', async () => {
    const p = personaDid(keys, 'site:unpublished', 0, `${demo.origins.didhost}/users`);
    await expect(signedPost(fakeVault(keys), p, `${demo.origins.hotel}/agents/hotel/rpc`, search))
      .rejects.toThrow(/^Authentication failed: the agent could not resolve your DID: is its document published at your DID host\? \(HTTP 404 at http:\/\/localhost:\d+\/users\/e1_[\w-]+\/did\.json\)\.$/);
  });

  it("resolves the agents' own DIDs (id, e1_ fingerprint, proof) and says why one does not resolve", async () => {
    expect(await resolveDid(demo.hotelDid)).toMatchObject({ ok: true, document: { id: demo.hotelDid, e1Binding: 'verified', proofVerified: true } });
    expect(await resolveDid(demo.hotelDid.replace(/e1_.{4}/, 'e1_AAAA'))).toMatchObject({ ok: false, problem: expect.stringMatching(/answered HTTP 404$/) });
    expect(await resolveDid('did:wba:127.0.0.1:x')).toEqual({ ok: false, problem: 'did:wba does not allow IP addresses, only domain names' });
  });
});
