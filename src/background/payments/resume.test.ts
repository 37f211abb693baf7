import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { setSiteBudget } from '../../store/budgets';
import { getPayment, listPaymentsByStatus } from '../../store/payments';
import type { PaymentStatus } from '../../store/schema';
import { PaymentApprovals } from './approvals';
import { continuePayment, resumePayments } from './resume';
import type { PaymentDeps, StepOutcome } from './steps';
import { ASSETS, clearPaymentStores, clock, countingSigner, ORIGIN, PAYER, URL_, USDC, x402Server } from './test-support';
import { paidFetch } from './x402-client';

let c = clock();
let signer = countingSigner();
let site = x402Server({ version: 2 }, c.now);

/** One worker life: its own in-memory state (in-flight set, waiters). `killAt` = die right after the Nth persisted change. */
function worker(killAt?: number, over: Partial<PaymentDeps> = {}) {
  let changes = 0;
  let continued: Promise<StepOutcome | undefined> | undefined;
  const deps: PaymentDeps = {
    fetch: site.fetch,
    now: c.now,
    signTypedData: signer.sign,
    evmAddress: PAYER,
    inflight: new Set(),
    notify: () => {
      if (++changes === killAt) throw new Error('worker killed');
    },
    ...over,
  };
  const approvals = new PaymentApprovals({ now: c.now, onOrphanApproval: (id) => void (continued = continuePayment(id, deps)) });
  const pay = () => paidFetch({ origin: ORIGIN, url: URL_ }, { ...deps, allowedAssets: ASSETS, awaitDecision: approvals.awaitDecision });
  return { deps, approvals, pay, continued: () => continued };
}

async function killedAt(status: PaymentStatus, killAt: number): Promise<string> {
  await expect(worker(killAt).pay()).rejects.toThrow('worker killed');
  const [r] = await listPaymentsByStatus(status);
  expect(r, `a payment stopped at ${status}`).toBeDefined();
  return r.id;
}

const budget = () => setSiteBudget(ORIGIN, { chainId: 84532, asset: USDC, limit: '1000000', period: 'day' }, c.ms);

beforeEach(async () => {
  await clearPaymentStores();
  c = clock();
  signer = countingSigner();
  site = x402Server({ version: 2 }, c.now);
});

describe('resume after the worker was killed', () => {
  it("at 'awaiting-approval': stays for the popup; approving in the new worker finishes it", async () => {
    const id = await killedAt('awaiting-approval', 1);
    const w2 = worker();
    expect(await resumePayments(w2.deps)).toEqual({ continued: [], expired: [], waiting: [id] });
    const [shown] = await w2.approvals.listPending();
    expect((await w2.approvals.decide(id, 'approve', shown.contentHash)).ok).toBe(true);
    expect((await w2.continued())?.record?.status).toBe('settled');
    expect([signer.count, site.server.paidRequests, site.server.settlements.length]).toEqual([1, 1, 1]);
  });

  it("at 'approved' (unsigned): signs once and sends", async () => {
    await budget();
    const id = await killedAt('approved', 1);
    expect(signer.count).toBe(0);
    expect((await resumePayments(worker().deps)).continued).toEqual([id]);
    expect((await getPayment(id))?.status).toBe('settled');
    expect([signer.count, site.server.paidRequests, site.server.settlements.length]).toEqual([1, 1, 1]);
  });

  it('while signing (the signer never returned): signs once in the new worker', async () => {
    await budget();
    signer.hang = true;
    void worker().pay();
    await new Promise((r) => setTimeout(r, 20));
    const [r] = await listPaymentsByStatus('approved');
    signer.hang = false;
    await resumePayments(worker().deps);
    expect((await getPayment(r.id))?.status).toBe('settled');
    expect([signer.count, site.server.paidRequests]).toEqual([1, 1]);
  });

  it("at 'signed' (header stored, not sent): sends the stored header, never re-signs", async () => {
    await budget();
    const id = await killedAt('signed', 2);
    const header = (await getPayment(id))!.paymentHeader!.value;
    expect(site.server.paidRequests).toBe(0);
    await resumePayments(worker().deps);
    const r = await getPayment(id);
    expect(r).toMatchObject({ status: 'settled', sendAttempts: 2, txHash: expect.stringMatching(/^0x/) });
    expect(site.server.paymentHeaders).toEqual([header]);
    expect([signer.count, site.server.paidRequests, site.server.settlements.length]).toEqual([1, 1, 1]);
  });

  it("at 'sent' (the site settled, the answer was lost): the resend is answered 'nonce already used' → settled", async () => {
    await budget();
    const id = await killedAt('sent', 3);
    expect(site.server.settlements).toHaveLength(1);
    await resumePayments(worker().deps);
    const r = await getPayment(id);
    expect(r?.status).toBe('settled');
    expect(r?.note).toMatch(/^Settled by an earlier send: api\.example\.com reports this authorization \(nonce 0x[0-9a-f]{64}\) as already used/);
    // The same header twice, one signature, one settlement on "chain".
    expect(new Set(site.server.paymentHeaders).size).toBe(1);
    expect([signer.count, site.server.paidRequests, site.server.settlements.length]).toEqual([1, 2, 1]);
  });

  it("at 'settled': nothing left to do, and resuming twice changes nothing", async () => {
    await budget();
    const id = await killedAt('settled', 4);
    await resumePayments(worker().deps);
    await resumePayments(worker().deps);
    expect((await getPayment(id))?.status).toBe('settled');
    expect([signer.count, site.server.paidRequests]).toEqual([1, 1]);
  });

  it('killed again during the resend: the third start gives up instead of sending a third time', async () => {
    await budget();
    const id = await killedAt('sent', 3);
    await expect(resumePayments(worker(1).deps)).rejects.toThrow('worker killed');
    expect((await getPayment(id))?.sendAttempts).toBe(2);
    await resumePayments(worker().deps);
    const r = await getPayment(id);
    expect(r?.status).toBe('failed');
    expect(r?.error).toMatch(/^Sent twice without a usable answer/);
    expect([signer.count, site.server.paidRequests]).toEqual([1, 2]);
  });

  it('a signed payment whose window closed while the worker was down is not sent again', async () => {
    await budget();
    const id = await killedAt('signed', 2);
    c.ms += 120_000;
    await resumePayments(worker().deps);
    expect((await getPayment(id))?.error).toMatch(/authorization expired at .* It may have been settled before then/);
    expect(site.server.paidRequests).toBe(0);
  });

  it('locked at restart: approved-but-unsigned fails unsigned; signed ones are still resent (no key needed)', async () => {
    await budget();
    const approvedId = await killedAt('approved', 1);
    const signedId = await killedAt('signed', 2);
    const locked = worker(undefined, { evmAddress: '', signTypedData: () => Promise.reject(new Error('Emissary is locked.')) });
    await resumePayments(locked.deps);
    expect(await getPayment(approvedId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/locked/) });
    expect((await getPayment(signedId))?.status).toBe('settled');
    expect(signer.count).toBe(1);
  });

  it('undecided payments whose window closed expire unsigned at restart', async () => {
    const id = await killedAt('awaiting-approval', 1);
    c.ms += 61_000;
    expect((await resumePayments(worker().deps)).expired).toEqual([id]);
    expect((await getPayment(id))?.error).toMatch(/^No decision before it expired/);
  });

  it('a live paid fetch and a continuation in the same worker never both sign (in-flight claim)', async () => {
    await budget();
    let release = () => undefined as void;
    signer.gate = new Promise<void>((r) => (release = r));
    const w = worker();
    const live = w.pay();
    while (signer.calls === 0) await new Promise((r) => setTimeout(r, 1));
    const [r] = await listPaymentsByStatus('approved');
    expect(await continuePayment(r.id, w.deps)).toBeUndefined();
    release();
    expect((await live).status).toBe('settled');
    expect([signer.calls, signer.count, site.server.paidRequests]).toEqual([1, 1, 1]);
  });
});
