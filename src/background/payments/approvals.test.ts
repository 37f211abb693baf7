import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { isOriginBlocked, setSiteBudget } from '../../store/budgets';
import { getPayment, updatePaymentIf } from '../../store/payments';
import { PaymentApprovals } from './approvals';
import { paymentContentHash } from './receipt';
import { ASSETS, clearPaymentStores, clock, countingSigner, ORIGIN, PAYER, URL_, USDC, x402Server } from './test-support';
import { paidFetch, type PaidFetchResult } from './x402-client';

let c = clock();
let signer = countingSigner();

function setup() {
  const site = x402Server({ version: 2 }, c.now);
  const notified: string[] = [];
  const orphans: string[] = [];
  const approvals = new PaymentApprovals({ now: c.now, notify: (id) => notified.push(id), onOrphanApproval: (id) => orphans.push(id) });
  const ask = (origin = ORIGIN): Promise<PaidFetchResult> =>
    paidFetch(
      { origin, url: origin === ORIGIN ? URL_ : `${origin}/x` },
      { fetch: site.fetch, now: c.now, signTypedData: signer.sign, evmAddress: PAYER, allowedAssets: ASSETS, awaitDecision: approvals.awaitDecision, notify: () => undefined, inflight: new Set() },
    );
  return { site, approvals, ask, notified, orphans };
}

async function pending(approvals: PaymentApprovals, n = 1) {
  for (let i = 0; i < 200; i++) {
    const list = await approvals.listPending();
    if (list.length >= n) return list;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('nothing pending');
}

beforeEach(async () => {
  await clearPaymentStores();
  c = clock();
  signer = countingSigner();
});

describe('PaymentApprovals', () => {
  it('shows a receipt in plain terms, with the budget it counts against and what is left', async () => {
    await setSiteBudget(ORIGIN, { chainId: 84532, asset: USDC, limit: '15000', period: 'day' }, c.ms);
    const { approvals, ask } = setup();
    const first = await ask();
    expect(first.status).toBe('settled');
    c.ms += 1000;
    const running = ask();
    const [r] = await pending(approvals);
    expect(r).toMatchObject({
      status: 'awaiting-approval', origin: ORIGIN, resource: URL_, requestUrl: URL_, description: 'Access to premium market data',
      amount: '0.01 USDC', amountAtomic: '10000', tokenSymbol: 'USDC', chain: 'Base Sepolia', chainId: 84532, x402Version: 2,
      budget: 'over your 0.015 USDC/day budget for api.example.com: 0.01 USDC already spent or pending in the last 24 hours, and this is 0.01 USDC',
      remainingAfter: '0.00 USDC', warnings: [],
    });
    expect(r.validUntilIso).toBe(new Date(r.validUntil).toISOString());
    expect(JSON.parse(r.typedData)).toMatchObject({ primaryType: 'TransferWithAuthorization', domain: { chainId: 84532, verifyingContract: USDC } });
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await approvals.decide(r.id, 'reject', r.contentHash);
    await running;
    expect((await approvals.history()).map((h) => h.status)).toEqual(['rejected', 'settled']);
  });

  it('fails closed: bad hash, changed content, unknown id, malformed input, deciding twice', async () => {
    const { approvals, ask } = setup();
    const running = ask();
    const [r] = await pending(approvals);
    expect(await approvals.decide(r.id, 'approve', 'f'.repeat(64))).toEqual({ ok: false, error: 'This payment is not what was shown; nothing was decided. Open it again.' });
    expect(await approvals.decide('no-such-id', 'approve', r.contentHash)).toEqual({ ok: false, error: 'there is no such payment' });
    expect((await approvals.decide(r.id, 'maybe' as 'approve', r.contentHash)).ok).toBe(false);
    expect((await approvals.decide(r.id, 'approve', r.contentHash.toUpperCase())).ok).toBe(false);
    // Someone swaps the payee in storage after the popup rendered it: the shown hash no longer matches.
    const original = (await getPayment(r.id))!;
    await updatePaymentIf(r.id, () => null, { payTo: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }, c.ms);
    expect((await approvals.decide(r.id, 'approve', r.contentHash)).ok).toBe(false);
    await updatePaymentIf(r.id, () => null, { payTo: original.payTo }, c.ms);
    expect(paymentContentHash((await getPayment(r.id))!)).toBe(r.contentHash);
    expect((await approvals.decide(r.id, 'reject', r.contentHash)).ok).toBe(true);
    expect(await approvals.decide(r.id, 'approve', r.contentHash)).toEqual({ ok: false, error: 'This payment is already rejected; nothing was decided.' });
    expect((await running).status).toBe('rejected');
    expect(signer.count).toBe(0);
  });

  it('an approval no live fetch waits for is handed to the completion handler', async () => {
    const { approvals, ask, orphans } = setup();
    const running = ask();
    const [r] = await pending(approvals);
    const restarted = new PaymentApprovals({ now: c.now, onOrphanApproval: (id) => orphans.push(id) });
    expect((await restarted.decide(r.id, 'approve', r.contentHash)).ok).toBe(true);
    expect(orphans).toEqual([r.id]);
    await approvals.rejectAllFrom(ORIGIN); // the old worker's fetch: already approved, not rejected
    expect((await getPayment(r.id))?.status).toBe('approved');
    void running;
  });

  it('rejectAllFrom and blockOrigin end one site’s requests and leave others alone', async () => {
    const { approvals, ask, notified } = setup();
    const other = 'https://other.example';
    const runs = [ask(), ask(), ask(other)];
    await pending(approvals, 3);
    expect(await approvals.rejectAllFrom(ORIGIN)).toBe(2);
    expect((await approvals.listPending()).map((p) => p.origin)).toEqual([other]);
    expect(notified).toHaveLength(2);
    expect(await approvals.blockOrigin(other)).toBe(1);
    expect(await isOriginBlocked(other)).toBe(true);
    expect((await Promise.all(runs)).map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await ask(other)).refusal).toBe('You blocked payments from other.example.');
    await approvals.unblockOrigin(other);
    expect(await isOriginBlocked(other)).toBe(false);
  });

  it('cancelAllPending (lock, account switch) fails waiting and approved-unsigned payments', async () => {
    const { approvals, ask } = setup();
    const running = ask();
    await pending(approvals);
    expect(await approvals.cancelAllPending('Emissary was locked; ask again.')).toBe(1);
    expect(await running).toMatchObject({ status: 'failed', refusal: 'Emissary was locked; ask again.' });
    expect(await approvals.listPending()).toEqual([]);
  });

  it('listPending expires what nobody decided in time', async () => {
    const { approvals, ask } = setup();
    const running = ask();
    const [r] = await pending(approvals);
    c.ms += 60_000;
    expect(await approvals.listPending()).toEqual([]);
    expect((await approvals.receipt(r.id))?.status).toBe('failed');
    expect((await running).refusal).toMatch(/^No decision before it expired/);
  });
});
