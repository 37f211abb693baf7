import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HDNodeWallet, verifyMessage } from 'ethers';
import { createFakeBrowser } from '../test/fake-browser';

const PHRASE = 'test test test test test test test test test test test junk';
const PASSWORD = 'a long enough password';
let fake = createFakeBrowser();
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, k) => (fake as Record<string | symbol, unknown>)[k] }) }));

// Each test gets a new database, new browser storage and a newly loaded background module: as if
// the extension had just been installed.
async function freshService(autoLockMinutes = 15) {
  vi.resetModules();
  const { VaultService } = await import('./vault-service');
  return new VaultService(async () => autoLockMinutes * 60_000);
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fake = createFakeBrowser();
});

describe('VaultService', () => {
  it('creates a vault whose only stored form is ciphertext', async () => {
    const vault = await freshService();
    expect((await vault.status()).state).toBe('uninitialized');
    const created = await vault.create(PHRASE, PASSWORD);
    expect(created.ok && created.value.evm.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect((await vault.status()).state).toBe('unlocked');

    const { kvGet } = await import('../store/kv');
    const stored = JSON.stringify(await kvGet('vault'));
    expect(stored).not.toContain('junk');
    expect(stored).toContain('"iterations":600000');
    const session = JSON.stringify(await fake.storage.session.get());
    expect(session).not.toContain('junk');
    expect(session).not.toContain(PASSWORD);
  });

  it('refuses a bad phrase, a short password, and a second wallet', async () => {
    const vault = await freshService();
    const badWord = await vault.create(PHRASE.replace('junk', 'junkk'), PASSWORD);
    expect(badWord.ok).toBe(false);
    expect(!badWord.ok && badWord.error).toMatch(/junkk/);
    const short = await vault.create(PHRASE, 'short');
    expect(!short.ok && short.error).toMatch(/at least 8 characters/);
    expect((await vault.create(PHRASE, PASSWORD)).ok).toBe(true);
    const again = await vault.create(PHRASE, PASSWORD);
    expect(!again.ok && again.error).toMatch(/already exists/);
  });

  it('locks, then unlocks only with the right password, with a doubling wait after wrong ones', async () => {
    const vault = await freshService();
    await vault.create(PHRASE, PASSWORD);
    await vault.lock();
    expect((await vault.status()).state).toBe('locked');
    expect(await fake.storage.session.get()).toEqual({});
    expect(vault.accounts().ok).toBe(false);

    const t0 = Date.now();
    const wrong = await vault.unlock('nope nope nope', t0);
    expect(!wrong.ok && wrong.error).toMatch(/^Wrong password/);
    expect(!wrong.ok && wrong.retryAfterMs).toBeGreaterThan(900);
    const tooSoon = await vault.unlock(PASSWORD);
    expect(!tooSoon.ok && tooSoon.error).toMatch(/Too many wrong passwords/);

    // The failure count survives a restart of the worker.
    const restarted = await freshService();
    await restarted.restore();
    expect((await restarted.status()).retryAt).toBeGreaterThan(Date.now());
    const later = Date.now() + 1_100;
    const second = await restarted.unlock('still wrong', later);
    expect(!second.ok && second.retryAfterMs).toBeGreaterThan(1_900);

    const ok = await restarted.unlock(PASSWORD, Date.now() + 10_000);
    expect(ok.ok && ok.value.evm.address).toBe(HDNodeWallet.fromPhrase(PHRASE).address);
  });

  it('survives a worker restart while unlocked, until the auto-lock time', async () => {
    const vault = await freshService(15);
    await vault.create(PHRASE, PASSWORD);
    const lockAt = (await vault.status()).lockAt!;
    expect(lockAt - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(fake._alarms.get('emissary-autolock')?.scheduledTime).toBe(lockAt);

    const restarted = await freshService(15);
    await restarted.restore();
    expect((await restarted.status()).state).toBe('unlocked');
    expect(restarted.accounts().ok).toBe(true);

    const afterTimeout = await freshService(15);
    await afterTimeout.restore(lockAt + 1);
    expect((await afterTimeout.status()).state).toBe('locked');
    expect(await fake.storage.session.get()).toEqual({});
  });

  it('a restarted worker knows the accounts without the phrase and signs with the right key', async () => {
    const vault = await freshService(15);
    const created = await vault.create(PHRASE, PASSWORD);
    const { kvGet, kvDelete } = await import('../store/kv');
    // The accounts' public half is kept only as ciphertext.
    const stored = JSON.stringify(await kvGet('accounts'));
    expect(stored).toContain('ciphertext');
    expect(stored.toLowerCase()).not.toContain(HDNodeWallet.fromPhrase(PHRASE).address.slice(2).toLowerCase());

    const restarted = await freshService(15);
    await restarted.restore();
    expect(restarted.accounts()).toEqual(created);
    expect(restarted.evmAddress()).toBe(HDNodeWallet.fromPhrase(PHRASE).address);
    expect(verifyMessage('hello', restarted.personalSign('hello'))).toBe(HDNodeWallet.fromPhrase(PHRASE).address);
    expect(restarted.didWba()).not.toBeNull();

    // A vault from before the record existed derives once and writes it.
    await kvDelete('accounts');
    const older = await freshService(15);
    await older.restore();
    expect(older.accounts()).toEqual(created);
    expect(await kvGet('accounts')).toBeDefined();

    await older.lock();
    expect(() => older.personalSign('hello')).toThrow(/locked/);
    expect(older.didWba()).toBeNull();
  });

  it('locks itself when the auto-lock alarm fires after the idle time', async () => {
    const vault = await freshService(1);
    await vault.create(PHRASE, PASSWORD);
    const lockAt = (await vault.status()).lockAt!;
    await vault.onAlarm('emissary-autolock', lockAt - 1_000);
    expect((await vault.status(lockAt - 1_000)).state).toBe('unlocked');
    await vault.onAlarm('emissary-autolock', lockAt + 1);
    expect((await vault.status()).state).toBe('locked');
  });

  it('postpones auto-lock on activity', async () => {
    const vault = await freshService(1);
    await vault.create(PHRASE, PASSWORD);
    const first = (await vault.status()).lockAt!;
    await vault.touch(Date.now() + 30_000);
    const second = (await vault.status()).lockAt!;
    expect(second - first).toBeGreaterThanOrEqual(29_000);
    expect((await fake.storage.session.get('unlockedSession')).unlockedSession).toMatchObject({ lockAt: second });
  });
});

describe('VaultService auto-lock setting', () => {
  it('applies a shorter idle time at once', async () => {
    let minutes = 15;
    vi.resetModules();
    const { VaultService } = await import('./vault-service');
    const vault = new VaultService(async () => minutes * 60_000);
    await vault.create(PHRASE, PASSWORD);
    minutes = 1;
    await vault.touch();
    expect((await vault.status()).lockAt! - Date.now()).toBeGreaterThan(14 * 60_000);
    await vault.touch(Date.now(), true);
    expect((await vault.status()).lockAt! - Date.now()).toBeLessThanOrEqual(60_000);
  });
});
