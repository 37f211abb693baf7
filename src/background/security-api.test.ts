// Showing the recovery phrase: only with the password, only while unlocked, and as slow to guess as
// unlocking (the same persisted doubling wait).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser } from '../test/fake-browser';

const PHRASE = 'test test test test test test test test test test test junk';
const PASSWORD = 'a long enough password';
let fake = createFakeBrowser();
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, k) => (fake as Record<string | symbol, unknown>)[k] }) }));

async function fresh() {
  vi.resetModules();
  const { VaultService } = await import('./vault-service');
  const { securityApi } = await import('./security-api');
  const vault = new VaultService(async () => 15 * 60_000);
  return { vault, api: securityApi(vault) };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fake = createFakeBrowser();
});

describe('revealRecoveryPhrase', () => {
  it('asks for the password even while unlocked, slows down wrong guesses, and refuses while locked', async () => {
    const { vault, api } = await fresh();
    expect((await vault.create(PHRASE, PASSWORD)).ok).toBe(true);

    const wrong = await api.revealRecoveryPhrase('not the password');
    expect(wrong).toMatchObject({ ok: false, error: expect.stringMatching(/^Wrong password\. You can try again in 1 s\.$/) });
    // Straight away again: refused by the wait, without trying the password.
    expect(await api.revealRecoveryPhrase(PASSWORD)).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many wrong passwords/) });
    const { kvGet, kvSet } = await import('../store/kv');
    expect((await kvGet('unlockThrottle'))?.failures).toBe(1);

    await kvSet('unlockThrottle', { failures: 1, retryAt: 0 }); // the wait has passed
    expect(await api.revealRecoveryPhrase(PASSWORD)).toEqual({ ok: true, value: PHRASE.split(' ') });
    expect((await kvGet('unlockThrottle'))?.failures).toBe(0);

    await vault.lock();
    expect(await api.revealRecoveryPhrase(PASSWORD)).toEqual({ ok: false, error: 'Unlock Emissary first.' });
  });
});
