// Storage faults: the browser's database refuses writes (quota exceeded, or another IndexedDB
// failure, injected into fake-indexeddb the way a browser reports them: the request fails and its
// transaction aborts). Each write of settings, budgets and payments must fail with a message a
// person understands and leave what was stored before exactly as it was.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettings, updateSettings } from '../background/settings';
import { budgetViews, setBudgetFromText } from '../background/payments/budgets';
import { getGlobalCaps, setGlobalCap, setOriginBlocked, isOriginBlocked } from './budgets';
import { getPayment, listRecentPayments, reservePayment, transitionPayment, type PaymentIntent } from './payments';
import { kvGet } from './kv';
import { db } from './db';

const ORIGIN = 'https://shop.example';
const TOKEN = { chainId: 31337, asset: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'USDC', decimals: 6, name: 'TestUSDC', version: '2' };
const T0 = 1_750_000_000_000;

/** Makes every put/add fail as a browser does when the disk is full (or with another error name). */
let failWith: string | null = null;
type PutLike = (this: { transaction: { _execRequestAsync(o: object): unknown } }, ...a: unknown[]) => unknown;
const proto = globalThis.IDBObjectStore.prototype as unknown as Record<'put' | 'add', PutLike>;
const original = { put: proto.put, add: proto.add };
for (const method of ['put', 'add'] as const) {
  proto[method] = function (this: { transaction: { _execRequestAsync(o: object): unknown } }, ...args: unknown[]) {
    if (!failWith) return original[method].apply(this, args);
    const name = failWith;
    return this.transaction._execRequestAsync({
      operation: () => {
        throw new DOMException(`fake ${name}`, name);
      },
      source: this,
    });
  };
}

let n = 0;
function intent(): PaymentIntent {
  const id = `fault-${++n}`;
  return {
    id, origin: ORIGIN, url: `${ORIGIN}/x`, resource: `${ORIGIN}/x`, request: { url: `${ORIGIN}/x`, method: 'GET', headers: [] },
    x402Version: 2, scheme: 'exact', network: 'eip155:31337', chainId: 31337, asset: TOKEN.asset, token: { symbol: 'USDC', decimals: 6, name: 'TestUSDC', version: '2' },
    amount: '10000', payTo: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    validAfter: 0, validBefore: Math.floor(T0 / 1000) + 600, nonce: `0x${'ab'.repeat(32)}`, issuedAt: T0,
    requirement: {} as never, typedData: {} as never, warnings: [],
  } as unknown as PaymentIntent;
}

beforeEach(async () => {
  failWith = null;
  const d = await db();
  const tx = d.transaction(['kv', 'budgets', 'payments'], 'readwrite');
  await Promise.all([tx.objectStore('kv').clear(), tx.objectStore('budgets').clear(), tx.objectStore('payments').clear(), tx.done]);
});
afterEach(() => {
  failWith = null;
});

const FULL = /storage is full, so this change was not saved; what was stored before is unchanged/;

describe.each(['QuotaExceededError', 'UnknownError'])('when the database refuses writes with %s', (name) => {
  const message = name === 'QuotaExceededError' ? FULL : new RegExp(`did not save this change \\(${name}\\); what was stored before is unchanged`);

  it('settings: a clear message, and the settings stay as they were', async () => {
    expect((await updateSettings({ autoLockMinutes: 5 })).ok).toBe(true);
    failWith = name;
    await expect(updateSettings({ autoLockMinutes: 30, theme: 'dark' })).rejects.toThrow(message);
    failWith = null;
    expect(await readSettings()).toMatchObject({ autoLockMinutes: 5, theme: 'system' });
    expect(await kvGet('settings')).toMatchObject({ autoLockMinutes: 5 });
  });

  it('budgets, blocks and the daily cap: a clear message, and the old limits stay', async () => {
    await setBudgetFromText(ORIGIN, '1.00', TOKEN, T0);
    await setGlobalCap({ chainId: TOKEN.chainId, asset: TOKEN.asset, limit: '5000000' }, T0);
    failWith = name;
    await expect(setBudgetFromText(ORIGIN, '50.00', TOKEN, T0)).rejects.toThrow(message);
    await expect(setOriginBlocked(ORIGIN, true, T0)).rejects.toThrow(message);
    await expect(setGlobalCap({ chainId: TOKEN.chainId, asset: TOKEN.asset, limit: null }, T0)).rejects.toThrow(message);
    failWith = null;
    expect((await budgetViews([TOKEN], T0)).map((b) => [b.origin, b.limit])).toEqual([[ORIGIN, '1.00 USDC']]);
    expect(await isOriginBlocked(ORIGIN)).toBe(false);
    expect((await getGlobalCaps()).map((c) => c.limit)).toEqual(['5000000']);
  });

  it('payments: a refused reservation records nothing, and a refused step leaves the payment where it was', async () => {
    const first = await reservePayment(intent(), T0);
    expect(first.ok).toBe(true);
    const id = first.ok ? first.record.id : '';
    failWith = name;
    await expect(reservePayment(intent(), T0)).rejects.toThrow(message);
    await expect(transitionPayment(id, ['awaiting-approval'], { status: 'approved', decidedBy: 'user', decidedAt: T0 }, T0)).rejects.toThrow(message);
    failWith = null;
    expect((await listRecentPayments()).map((p) => p.id)).toEqual([id]);
    expect((await getPayment(id))?.status).toBe('awaiting-approval');
  });
});

describe('once the database accepts writes again', () => {
  it('the same writes go through', async () => {
    failWith = 'QuotaExceededError';
    await expect(updateSettings({ autoLockMinutes: 7 })).rejects.toThrow(FULL);
    failWith = null;
    expect((await updateSettings({ autoLockMinutes: 7 })).ok).toBe(true);
    expect((await readSettings()).autoLockMinutes).toBe(7);
  });
});
