import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { setOriginBlocked, setSiteBudget } from '../../store/budgets';
import { getPayment, listPaymentsByStatus } from '../../store/payments';
import { PaymentApprovals } from './approvals';
import { ASSETS, clearPaymentStores, clock, countingSigner, ORIGIN, OTHER_PAY_TO, PAY_TO, PAYER, URL_, USDC, x402Server, type ServerOptions } from './test-support';
import { paidFetch, type PaidFetchDeps } from './x402-client';

let c = clock();
let signer = countingSigner();
let notified: string[] = [];

function setup(opts: ServerOptions, over: Partial<PaidFetchDeps> = {}) {
  const { server, fetch } = x402Server(opts, c.now);
  const approvals = new PaymentApprovals({ now: c.now });
  const deps: PaidFetchDeps = {
    fetch,
    now: c.now,
    signTypedData: signer.sign,
    evmAddress: PAYER,
    allowedAssets: ASSETS,
    awaitDecision: approvals.awaitDecision,
    notify: (id) => notified.push(id),
    inflight: new Set(),
    ...over,
  };
  return { server, approvals, deps, pay: (url = URL_, init?: Parameters<typeof paidFetch>[0]['init']) => paidFetch({ origin: ORIGIN, url, init }, deps) };
}

const budget = (limit = '1000000') => setSiteBudget(ORIGIN, { chainId: 84532, asset: USDC, limit, period: 'day' }, c.ms);

/** Waits until the payment shows up in the queue, as the popup would. */
async function nextPending(approvals: PaymentApprovals) {
  for (let i = 0; i < 100; i++) {
    const [p] = await approvals.listPending();
    if (p) return p;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('nothing pending');
}

beforeEach(async () => {
  await clearPaymentStores();
  c = clock();
  signer = countingSigner();
  notified = [];
});

describe('paidFetch: budget path', () => {
  it('v2: pays within the budget without asking, one signature, one send, settled with the tx hash', async () => {
    await budget();
    const { server, pay } = setup({ version: 2 });
    const out = await pay();
    expect(out.response.status).toBe(200);
    expect(await out.response.json()).toMatchObject({ report: 'paid content' });
    expect(out.status).toBe('settled');
    expect(out.refusal).toBeUndefined();
    expect(signer.count).toBe(1);
    expect(server.paidRequests).toBe(1);
    expect(server.settlements).toHaveLength(1);
    const r = await getPayment(out.paymentId!);
    expect(r).toMatchObject({
      status: 'settled', decidedBy: 'budget', origin: ORIGIN, resourceUrl: URL_, description: 'Access to premium market data',
      chainId: 84532, amount: '10000', payTo: PAY_TO, from: PAYER, x402Version: 2, sendAttempts: 1,
      token: { symbol: 'USDC', decimals: 6, name: 'USDC', version: '2' },
      txHash: `0x${'1'.padStart(64, '0')}`, paymentHeader: { name: 'PAYMENT-SIGNATURE' },
    });
    expect(r!.validBefore - r!.validAfter).toBe(660);
    expect(r!.spendCheck.reason).toBe('within your 1.00 USDC/day budget for api.example.com (0.99 USDC left after this)');
    // Every status change was announced after it was stored: approved, signed, sent, settled.
    expect(notified).toEqual(Array(4).fill(out.paymentId));
  });

  it('v1: X-PAYMENT and X-PAYMENT-RESPONSE', async () => {
    await budget();
    const { server, pay } = setup({ version: 1 });
    const out = await pay();
    expect(out.status).toBe('settled');
    expect(server.requests[1].headers).toContainEqual(['X-PAYMENT', server.paymentHeaders[0]]);
    expect((await getPayment(out.paymentId!))?.x402Version).toBe(1);
  });

  it('passes other answers through untouched, and never sends cookies', async () => {
    const { pay } = setup({ version: 2 }, { fetch: async () => new Response('free', { status: 200 }) });
    const out = await pay();
    expect(await out.response.text()).toBe('free');
    expect(out.paymentId).toBeUndefined();
  });

  it('uses a fresh random 32-byte nonce for every payment', async () => {
    await budget();
    const { server, pay } = setup({ version: 2 });
    const ids = [(await pay()).paymentId!, (await pay()).paymentId!, (await pay()).paymentId!];
    const nonces = await Promise.all(ids.map(async (id) => (await getPayment(id))!.nonce));
    expect(new Set(nonces).size).toBe(3);
    expect(nonces.every((n) => /^0x[0-9a-f]{64}$/.test(n))).toBe(true);
    expect(server.settlements).toHaveLength(3);
  });

  it('does not store credential headers, but sends them live', async () => {
    await budget();
    const { server, pay } = setup({ version: 2 });
    const out = await pay(URL_, { headers: { Authorization: 'Bearer s3cret', 'X-Api-Key': 'k', Accept: 'application/json', 'PAYMENT-SIGNATURE': 'forged' } });
    const stored = (await getPayment(out.paymentId!))!.request;
    expect(stored).toEqual({ method: 'GET', headers: [['Accept', 'application/json']] });
    expect(server.requests[1].headers).toContainEqual(['Authorization', 'Bearer s3cret']);
    expect(JSON.stringify(server.requests[0].headers)).not.toContain('forged');
    expect(server.requests.every((r) => r.credentials === 'omit')).toBe(true);
  });
});

describe('paidFetch: the human decides', () => {
  it('approve: waits in the queue, then signs and sends exactly what was shown', async () => {
    const { server, approvals, pay } = setup({ version: 2 });
    const running = pay();
    const shown = await nextPending(approvals);
    expect(shown).toMatchObject({
      origin: ORIGIN, resource: URL_, amount: '0.01 USDC', chain: 'Base Sepolia', payTo: PAY_TO, budget: 'no budget for api.example.com',
      validUntilIso: new Date((Math.floor(c.ms / 1000) + 60) * 1000).toISOString(),
    });
    expect(JSON.parse(shown.typedData).message.to).toBe(PAY_TO);
    expect(signer.count).toBe(0);
    expect((await approvals.decide(shown.id, 'approve', shown.contentHash)).ok).toBe(true);
    const out = await running;
    expect(out.status).toBe('settled');
    expect((await getPayment(shown.id))?.decidedBy).toBe('user');
    expect(signer.count).toBe(1);
    expect(server.paidRequests).toBe(1);
  });

  it('reject: nothing signed, nothing sent, the 402 is returned with a reason', async () => {
    const { server, approvals, pay } = setup({ version: 1 });
    const running = pay();
    const shown = await nextPending(approvals);
    expect((await approvals.decide(shown.id, 'reject', shown.contentHash)).ok).toBe(true);
    const out = await running;
    expect(out).toMatchObject({ status: 'rejected', refusal: 'You declined the payment to api.example.com.' });
    expect(out.response.status).toBe(402);
    expect(signer.count).toBe(0);
    expect(server.paidRequests).toBe(0);
  });

  it('expired window: approving after validBefore fails closed, unsigned', async () => {
    const { server, approvals, pay } = setup({ version: 2 });
    const running = pay();
    const shown = await nextPending(approvals);
    c.ms += 61_000;
    const decided = await approvals.decide(shown.id, 'approve', shown.contentHash);
    expect(decided).toEqual({ ok: false, error: expect.stringMatching(/^It expired at .*; nothing was signed/) });
    const out = await running;
    expect(out.status).toBe('failed');
    expect(signer.count).toBe(0);
    expect(server.paidRequests).toBe(0);
  });

  it('a resource on another origin is always asked about, whatever the budget', async () => {
    await budget();
    const { approvals, pay } = setup({ version: 2, resource: 'https://elsewhere.example/thing' });
    void pay();
    const shown = await nextPending(approvals);
    expect(shown.warnings[0]).toMatch(/elsewhere\.example/);
    expect(shown.budget).toMatch(/^within your 1.00 USDC\/day budget/);
    await approvals.rejectAllFrom(ORIGIN);
  });
});

describe('paidFetch: refusals that explain themselves', () => {
  it('unknown chain or token: refused without a record', async () => {
    const { pay } = setup({ version: 2, network: 'eip155:8453' });
    const out = await pay();
    expect(out.refusal).toMatch(/^Emissary cannot pay api\.example\.com: Base \(8453\) is not enabled for payments/);
    expect(out.paymentId).toBeUndefined();
    const other = setup({ version: 2 }, { allowedAssets: [{ ...ASSETS[0], asset: '0x0000000000000000000000000000000000000001' }] });
    expect((await other.pay()).refusal).toMatch(/not on the allow-list/);
    expect(await listPaymentsByStatus('awaiting-approval', 'approved')).toHaveLength(0);
  });

  it('amount above the per-payment ceiling, or a token whose EIP-712 name does not match', async () => {
    const capped = setup({ version: 2, amount: '5000001' }, { allowedAssets: [{ ...ASSETS[0], maxAmount: '5000000' }] });
    expect((await capped.pay()).refusal).toBe("api.example.com asks for 5.000001 USDC, above Emissary's limit of 5.00 USDC for one payment.");
    const renamed = setup({ version: 2, extraName: 'USD Coin' });
    expect((await renamed.pay()).refusal).toMatch(/describes the USDC contract as “USD Coin”/);
    expect(signer.count).toBe(0);
  });

  it('a blocked site is refused without asking', async () => {
    await setOriginBlocked(ORIGIN, true, c.ms);
    const { pay } = setup({ version: 2 });
    expect((await pay()).refusal).toBe('You blocked payments from api.example.com.');
  });

  it('payTo changed between the 402 and the paid retry: failed, never paid twice', async () => {
    await budget();
    const { server, pay } = setup({ version: 2, payToAfter: OTHER_PAY_TO });
    const out = await pay();
    expect(out.status).toBe('failed');
    expect(out.refusal).toMatch(new RegExp(`^After Emissary paid ${PAY_TO}, api.example.com asked to be paid to ${OTHER_PAY_TO} instead`));
    expect(out.response.status).toBe(402);
    expect(signer.count).toBe(1);
    expect(server.paidRequests).toBe(1);
  });

  it('a second 402 after paying: failed with the site’s words, and the signature keeps counting', async () => {
    await budget('15000');
    const { server, pay } = setup({ version: 2, second402: true });
    const out = await pay();
    expect(out.refusal).toMatch(/asked for payment again after Emissary paid \(it said: “unexpected_settle_error”\)/);
    expect(signer.count).toBe(1);
    expect(server.paidRequests).toBe(1);
    // The failed-but-signed 0.01 still counts, so a second 0.01 is over the 0.015 budget.
    const again = setup({ version: 2 });
    const second = again.pay();
    expect((await nextPending(again.approvals)).budget).toMatch(/^over your 0\.015 USDC\/day budget/);
    await again.approvals.rejectAllFrom(ORIGIN);
    expect((await second).status).toBe('rejected');
  });

  it('settles without a receipt with a note, and fails on an error status', async () => {
    await budget();
    const { pay } = setup({ version: 2, noReceipt: true });
    const out = await pay();
    expect(out.status).toBe('settled');
    expect((await getPayment(out.paymentId!))?.note).toMatch(/without a payment receipt/);
    const { fetch } = x402Server({ version: 2 }, c.now);
    const broken = setup({ version: 2 }, { fetch: async (url, init) => (new Headers(init.headers).has('PAYMENT-SIGNATURE') ? new Response('oops', { status: 500 }) : fetch(url, init)) });
    const failed = await broken.pay();
    expect(failed).toMatchObject({ status: 'failed', refusal: 'api.example.com answered HTTP 500 to the paid request and sent no payment receipt.' });
  });
});
