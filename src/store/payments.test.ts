import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { db, openEmissaryDB } from './db';
import { getGlobalCaps, isOriginBlocked, setGlobalCap, setOriginBlocked, setSiteBudget, PolicyError } from './budgets';
import { countsAgainstBudget, listPaymentsByStatus, reservePayment, transitionPayment, updatePaymentIf, type PaymentIntent } from './payments';
import type { PaymentRecord } from './schema';
import { SPEND_WINDOW_MS } from '../wallet/budget';

const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e';
const ORIGIN = 'https://shop.example';
const T0 = 1_750_000_000_000;
let n = 0;

function intent(over: Partial<PaymentIntent> = {}): PaymentIntent {
  const id = `p${++n}`;
  return {
    id,
    origin: ORIGIN,
    url: `${ORIGIN}/x`,
    request: { method: 'GET', headers: [] },
    resourceUrl: `${ORIGIN}/x`,
    chainId: 84532,
    asset: USDC,
    token: { symbol: 'USDC', decimals: 6, name: 'USDC', version: '2' },
    payTo: '0x209693Bc6afc0C5328bA36FaF03C514EF312287C',
    from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    amount: '100000',
    validAfter: 0,
    validBefore: 2_000_000_000,
    issuedAt: 1,
    nonce: `0x${n.toString(16).padStart(64, '0')}`,
    typedData: {} as PaymentRecord['typedData'],
    x402Version: 2,
    requirement: {} as PaymentRecord['requirement'],
    warnings: [],
    ...over,
  };
}

const budget = (limit: string) => setSiteBudget(ORIGIN, { chainId: 84532, asset: USDC, limit, period: 'day' }, T0);

beforeEach(async () => {
  const d = await db();
  await d.clear('payments');
  await d.clear('budgets');
});

describe('reservePayment', () => {
  it('never lets concurrent reservations exceed a budget: 50 × 0.10 against 1.00 → 10 auto, 40 asked', async () => {
    await budget('1000000');
    const results = await Promise.all(Array.from({ length: 50 }, () => reservePayment(intent(), T0)));
    const statuses = results.map((r) => (r.ok ? r.record.status : 'refused'));
    expect(statuses.filter((s) => s === 'approved')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'awaiting-approval')).toHaveLength(40);
    expect(await listPaymentsByStatus('approved')).toHaveLength(10);
    const auto = results.filter((r) => r.ok && r.record.status === 'approved');
    expect(auto.every((r) => r.ok && r.record.decidedBy === 'budget')).toBe(true);
    // The last auto-approved one used the budget up exactly.
    expect(auto.map((r) => (r.ok ? r.check.remainingAfter : -1n)).sort()).toContain(0n);
  });

  it('holds the global cap under concurrency across sites', async () => {
    await setGlobalCap({ chainId: 84532, asset: USDC, limit: '300000' }, T0);
    const sites = ['https://a.example', 'https://b.example', 'https://c.example'];
    for (const s of sites) await setSiteBudget(s, { chainId: 84532, asset: USDC, limit: '1000000', period: 'day' }, T0);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => reservePayment(intent({ origin: sites[i % 3] }), T0)));
    expect(results.filter((r) => r.ok && r.record.status === 'approved')).toHaveLength(3);
    const asked = results.find((r) => r.ok && r.record.status === 'awaiting-approval');
    expect(asked?.ok && asked.record.spendCheck.reason).toMatch(/over your 0\.30 USDC\/day cap across all sites/);
  });

  it('counts only what can still move money, within the rolling 24 hours', async () => {
    await budget('300000');
    const a = await reservePayment(intent(), T0);
    const b = await reservePayment(intent(), T0);
    expect(a.ok && b.ok && [a.record.status, b.record.status]).toEqual(['approved', 'approved']);
    // A rejected one and a failed-before-signing one free their share; a failed one that was signed does not.
    await transitionPayment((a as { record: PaymentRecord }).record.id, ['approved'], { status: 'failed', error: 'x' }, T0);
    expect(((await reservePayment(intent(), T0)) as { record: PaymentRecord }).record.status).toBe('approved');
    const signedThenFailed = { ...((await reservePayment(intent({ amount: '100001' }), T0)) as { record: PaymentRecord }).record };
    expect(signedThenFailed.status).toBe('awaiting-approval');
    await transitionPayment(signedThenFailed.id, ['awaiting-approval'], { status: 'failed', paymentHeader: { name: 'X', value: 'y' } }, T0);
    expect(countsAgainstBudget({ ...signedThenFailed, status: 'failed', paymentHeader: { name: 'X', value: 'y' } })).toBe(true);
    expect(countsAgainstBudget({ ...signedThenFailed, status: 'rejected' })).toBe(false);
    // 0.300001 is counted now: another 0.1 is over.
    expect(((await reservePayment(intent(), T0)) as { record: PaymentRecord }).record.status).toBe('awaiting-approval');
    // A day later everything above has rolled out of the window.
    expect(((await reservePayment(intent(), T0 + SPEND_WINDOW_MS)) as { record: PaymentRecord }).record.status).toBe('approved');
  });

  it('refuses blocked origins without writing anything, and asks when forced', async () => {
    await budget('1000000');
    await setOriginBlocked(ORIGIN, true, T0);
    expect(await isOriginBlocked(ORIGIN)).toBe(true);
    expect(await reservePayment(intent(), T0)).toEqual({ ok: false, reason: 'You blocked payments from shop.example.' });
    expect(await (await db()).count('payments')).toBe(0);
    await setOriginBlocked(ORIGIN, false, T0);
    const forced = await reservePayment(intent(), T0, 'the resource is on another site');
    expect(forced.ok && forced.record.status).toBe('awaiting-approval');
    expect(forced.ok && forced.record.spendCheck.reason).toMatch(/^the resource is on another site; within your 1.00 USDC\/day/);
  });

  it('refuses a duplicate id', async () => {
    const i = intent();
    expect((await reservePayment(i, T0)).ok).toBe(true);
    expect(await reservePayment(i, T0)).toEqual({ ok: false, reason: 'a payment with this id already exists' });
  });
});

describe('payment updates', () => {
  it('compare-and-set: only from the expected status', async () => {
    const r = await reservePayment(intent(), T0);
    const id = (r as { record: PaymentRecord }).record.id;
    expect(await transitionPayment(id, ['approved'], { status: 'signed' }, T0)).toBeUndefined();
    expect((await transitionPayment(id, ['awaiting-approval'], { status: 'rejected' }, T0 + 1))?.updatedAt).toBe(T0 + 1);
    expect(await updatePaymentIf('nope', () => null, {}, T0)).toEqual({ ok: false, reason: 'there is no such payment' });
  });
});

describe('budget records', () => {
  it('validates origins and limits, and keeps caps per token', async () => {
    await expect(setSiteBudget('shop.example', { chainId: 1, asset: USDC, limit: '1', period: 'day' }, T0)).rejects.toThrow(PolicyError);
    await expect(setSiteBudget(`${ORIGIN}/path`, { chainId: 1, asset: USDC, limit: '1', period: 'day' }, T0)).rejects.toThrow(PolicyError);
    await expect(budget('1.5')).rejects.toThrow(/whole number/);
    await setGlobalCap({ chainId: 84532, asset: USDC, limit: '5' }, T0);
    await setGlobalCap({ chainId: 8453, asset: USDC, limit: '7' }, T0);
    await setGlobalCap({ chainId: 84532, asset: USDC.toLowerCase(), limit: '6' }, T0);
    expect((await getGlobalCaps()).map((c) => c.limit).sort()).toEqual(['6', '7']);
    await setGlobalCap({ chainId: 8453, asset: USDC, limit: null }, T0);
    expect(await getGlobalCaps()).toHaveLength(1);
  });
});

describe('migration 4', () => {
  it('adds payments (with its indexes) and budgets to a version-3 database', async () => {
    const name = 'emissary-payments-migration';
    const v3 = await openEmissaryDB(name, 3);
    await v3.put('runs', { id: 'r1', origin: ORIGIN, flowId: 'f', flowTitle: 'F', status: 'done', startedAt: 1, steps: [] });
    v3.close();
    const v4 = await openEmissaryDB(name, 4);
    expect([...v4.objectStoreNames].sort()).toEqual(['approvals', 'budgets', 'kv', 'payments', 'runs', 'sites']);
    expect([...v4.transaction('payments').store.indexNames].sort()).toEqual(['byCreatedAt', 'byOrigin', 'byStatus']);
    expect((await v4.get('runs', 'r1'))?.flowId).toBe('f');
    v4.close();
    const raw = await openDB(name);
    expect(raw.version).toBe(4);
    raw.close();
  });
});
