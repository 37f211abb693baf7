// Finding a settled payment's lost transaction on a real chain: anvil with the real TestUSDC, real
// transferWithAuthorization transactions, and (for the whole path) the official x402 server and
// facilitator of the demo shop's paid API over loopback HTTP.
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployTestUsdc, startChain, testUsdcArtifact, type LocalChain, type TestUsdc } from '../../../e2e/chain';
import { startPaidBackend, type PaidBackend } from '../../../e2e/demo/paid';
import { buildAuthorizationTypedData, hexToBytes, parseSignature, randomAuthorizationNonce, signTypedData } from '../../protocols/evm';
import { setSiteBudget } from '../../store/budgets';
import { getPayment, listPaymentsByStatus } from '../../store/payments';
import type { NetworkConfig } from '../../wallet/networks';
import { findLostReceipt, searchSettlement, type LookupMemo } from './find-settlement';
import { PaymentApprovals } from './approvals';
import { findLostReceipts, resumePayments } from './resume';
import type { PaymentDeps } from './steps';
import { clearPaymentStores, countingSigner, PAYER } from './test-support';
import { paidFetch } from './x402-client';

const KEY = hexToBytes('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'); // anvil account 0 = PAYER
/** A port nothing listens on: the chain is down. */
const DOWN = 'http://127.0.0.1:9';

const blockTime = async (chain: LocalChain) => Number((await chain.publicClient.getBlock()).timestamp);
const word = (v: bigint) => `0x${v.toString(16).padStart(64, '0')}` as const;

/** What the facilitator does: submits the payer's signed authorization (gas paid by anvil account 2). */
async function settle(chain: LocalChain, token: TestUsdc, a: { to: string; value: bigint; nonce: string; validAfter: number; validBefore: number }) {
  const td = buildAuthorizationTypedData(
    'TransferWithAuthorization',
    { name: token.name, version: token.version, chainId: chain.chainId, verifyingContract: token.address },
    { from: PAYER, ...a },
  );
  const sig = parseSignature(signTypedData(td, KEY));
  const hash = await chain.walletClient(chain.accounts[2]).writeContract({
    address: token.address,
    abi: testUsdcArtifact().abi,
    functionName: 'transferWithAuthorization',
    args: [PAYER, a.to, a.value, BigInt(a.validAfter), BigInt(a.validBefore), a.nonce, 27 + sig.yParity, word(sig.r), word(sig.s)],
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return hash.toLowerCase();
}

describe('searchSettlement on a real chain', () => {
  let chain: LocalChain;
  let token: TestUsdc;
  let payTo: string;
  let now: number;
  const nonces = [randomAuthorizationNonce(), randomAuthorizationNonce(), randomAuthorizationNonce()];
  const txs: string[] = [];
  beforeAll(async () => {
    chain = await startChain({ port: 0 });
    token = await deployTestUsdc(chain, { mintTo: [PAYER] });
    payTo = chain.accounts[1].address;
    now = await blockTime(chain);
    // Three payments from the same payer to the same payee: the search must pick the right one.
    for (const [i, nonce] of nonces.entries()) txs.push(await settle(chain, token, { to: payTo, value: 1_000_000n * BigInt(i + 1), nonce, validAfter: now - 600, validBefore: now + 600 }));
  }, 30_000);
  afterAll(async () => chain?.stop());

  const lookFor = (i: number, over: Partial<Parameters<typeof searchSettlement>[1]> = {}, rpcUrl = chain.rpcUrl) =>
    searchSettlement(rpcUrl, { token: token.address, from: PAYER, to: payTo, value: 1_000_000n * BigInt(i + 1), nonce: nonces[i], validAfter: now - 600, validBefore: now + 600, ...over });

  it('finds the transaction that used this authorization', async () => {
    for (const i of [0, 1, 2]) expect(await lookFor(i)).toMatchObject({ found: true, txHash: txs[i] });
  });

  it('finds nothing for another nonce or another payer, and says it may look again', async () => {
    const otherNonce = await lookFor(1, { nonce: randomAuthorizationNonce() });
    expect(otherNonce).toMatchObject({ found: false, final: false });
    expect(otherNonce.found ? '' : otherNonce.reason).toMatch(/no transaction used this authorization in blocks \d+–\d+ yet/);
    expect(await lookFor(1, { from: chain.accounts[3].address })).toMatchObject({ found: false, final: false });
  });

  it('refuses a transaction whose Transfer does not match the payment (payee or amount)', async () => {
    const wrongPayee = await lookFor(0, { to: chain.accounts[4].address });
    expect(wrongPayee).toMatchObject({ found: false, final: true });
    expect(wrongPayee.found ? '' : wrongPayee.reason).toContain(`transaction ${txs[0]} used this authorization but moved no transfer of exactly this amount to this payee`);
    expect(await lookFor(0, { value: 2_000_000n })).toMatchObject({ found: false, final: true });
  });

  it('looks only inside the authorization window', async () => {
    // The same authorization, but the window would have closed before the block that holds it.
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: txs[2] as `0x${string}` });
    const minedAt = Number((await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
    expect(await lookFor(2, { validBefore: minedAt })).toMatchObject({ found: false, final: false });
    expect(await lookFor(2, { validAfter: minedAt })).toMatchObject({ found: false, final: false });
    expect(await lookFor(2, { validAfter: minedAt - 1, validBefore: minedAt + 1 })).toMatchObject({ found: true, txHash: txs[2] });
  });

  it('with the chain down: not found yet, with the reason, and no throw', async () => {
    const down = await lookFor(0, {}, DOWN);
    expect(down).toMatchObject({ found: false, final: false });
    expect(down.found ? '' : down.reason).toMatch(/^the chain did not answer \(.+\)$/);
  });
});

describe('searchSettlement through a node that caps eth_getLogs ranges', () => {
  let chain: LocalChain;
  let proxy: Server;
  let proxyUrl: string;
  const ranges: number[] = [];
  beforeAll(async () => {
    chain = await startChain({ port: 0 });
    // Like many hosted RPCs: a wider range is refused with an error.
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const call = JSON.parse(Buffer.concat(chunks).toString()) as { id: number; method: string; params: [{ fromBlock: string; toBlock: string }] };
      let answer: unknown;
      const range = call.method === 'eth_getLogs' ? Number(call.params[0].toBlock) - Number(call.params[0].fromBlock) + 1 : 0;
      if (range > 50) answer = { jsonrpc: '2.0', id: call.id, error: { code: -32005, message: 'query exceeds max block range 50' } };
      else {
        if (range) ranges.push(range);
        answer = await (await fetch(chain.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) })).json();
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 30_000);
  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise((r) => proxy?.close(r));
    await chain?.stop();
  });

  it('narrows its window until the node answers, and finds a payment hundreds of blocks back', async () => {
    const token = await deployTestUsdc(chain, { mintTo: [PAYER] });
    await chain.rpc('anvil_mine', ['0x64', '0x1']); // 100 blocks before the payment
    const now = await blockTime(chain);
    const nonce = randomAuthorizationNonce();
    const payTo = chain.accounts[1].address;
    const tx = await settle(chain, token, { to: payTo, value: 7n, nonce, validAfter: now - 600, validBefore: now + 900 });
    // 300 blocks after it, 10 s apart: the head is past the window's end, so the search starts inside it.
    await chain.rpc('anvil_mine', ['0x12c', '0xa']);
    const found = await searchSettlement(proxyUrl, { token: token.address, from: PAYER, to: payTo, value: 7n, nonce, validAfter: now - 600, validBefore: now + 900 });
    expect(found).toMatchObject({ found: true, txHash: tx });
    expect(ranges.length).toBeGreaterThan(1);
    expect(Math.max(...ranges)).toBeLessThanOrEqual(50);
  });
});

describe('a paid request whose receipt was lost', () => {
  let backend: PaidBackend;
  let server: Server;
  let origin: string;
  let networks: NetworkConfig[];
  beforeAll(async () => {
    backend = await startPaidBackend({ payers: [PAYER], price: 10_000n });
    server = createServer((req, res) => {
      if (!backend.api.handle(req, res, new URL(req.url ?? '/', origin))) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    networks = [{ chainId: backend.chain.chainId, name: 'anvil', rpcUrl: backend.chain.rpcUrl, tokens: [{ symbol: 'USDC', name: backend.token.name, version: backend.token.version, address: backend.token.address, decimals: 6 }] }];
  }, 30_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await backend?.stop();
  });
  beforeEach(async () => {
    await clearPaymentStores();
    await setSiteBudget(origin, { chainId: backend.chain.chainId, asset: backend.token.address, limit: '1000000', period: 'day' }, Date.now());
  });

  /** One worker life. `dies`: the worker stops while the site settles the paid request (its answer is lost). */
  function worker(chainRpcs: NetworkConfig[], dies = false) {
    const signer = countingSigner();
    const deps: PaymentDeps = {
      fetch: async (url, init) => {
        const paying = new Headers(init?.headers).has('PAYMENT-SIGNATURE');
        if (!dies || !paying) return fetch(url, init);
        await (await fetch(url, init)).arrayBuffer();
        return new Promise<Response>(() => undefined);
      },
      now: () => Date.now(),
      signTypedData: signer.sign,
      evmAddress: PAYER,
      notify: () => undefined,
      inflight: new Set(),
      networks: chainRpcs,
      lookups: new Map<string, LookupMemo>(),
    };
    const approvals = new PaymentApprovals({ now: deps.now });
    const pay = () => paidFetch({ origin, url: `${origin}${backend.api.paths.v2}` }, {
      ...deps,
      allowedAssets: [{ chainId: backend.chain.chainId, asset: backend.token.address, symbol: 'USDC', decimals: 6, name: backend.token.name, version: backend.token.version }],
      awaitDecision: approvals.awaitDecision,
    });
    return { deps, pay, signer };
  }

  /** Pays, and the worker stops before the site's answer: the payment is left 'signed', settled on chain. */
  async function paidThenStopped() {
    const settledBefore = backend.api.settlements.length;
    void worker(networks, true).pay();
    const [r] = await until(async () => {
      const signed = await listPaymentsByStatus('signed', 'sent');
      return backend.api.settlements.length > settledBefore && signed.length ? signed : undefined;
    });
    return { id: r.id, tx: backend.api.settlements.at(-1)!.transaction.toLowerCase() };
  }

  it("the resend hears 'already used': the transaction is found on chain and recorded, nothing is paid twice", async () => {
    const { id, tx } = await paidThenStopped();
    const before = backend.api.settlements.length;
    await resumePayments(worker(networks).deps);
    const r = (await getPayment(id))!;
    expect(r.status).toBe('settled');
    expect(r.txHash).toBe(tx);
    expect(r.note).toMatch(/^Transaction found on chain by this payment's authorization \(nonce 0x[0-9a-f]{64}, block \d+\); 127\.0\.0\.1:\d+ did not report it\. Before that: Settled by an earlier send/);
    expect(backend.api.settlements.length).toBe(before);
  });

  it('with the chain down at first: settled without a transaction, found on a later start', async () => {
    const { id, tx } = await paidThenStopped();
    const chainDown = networks.map((n) => ({ ...n, rpcUrl: DOWN }));
    const w2 = worker(chainDown);
    await resumePayments(w2.deps);
    const stillLost = (await getPayment(id))!;
    expect([stillLost.status, stillLost.txHash]).toEqual(['settled', undefined]);
    const missed = await findLostReceipt(id, w2.deps);
    expect(missed).toMatchObject({ final: false });
    expect(missed.reason).toMatch(/^the chain did not answer/);

    // The next worker life, with the chain back.
    expect(await findLostReceipts(worker(networks).deps)).toEqual([id]);
    expect((await getPayment(id))?.txHash).toBe(tx);
    expect(w2.signer.count).toBe(0);
  });

  it('sent twice without an answer: settled when the chain shows the transfer, failed with the reason when it cannot tell', async () => {
    const twiceUnanswered = async () => {
      const { id, tx } = await paidThenStopped();
      void resumePayments(worker(networks, true).deps); // the next life stops while resending, too
      await until(async () => ((await getPayment(id))?.sendAttempts === 2 ? true : undefined));
      return { id, tx };
    };
    const a = await twiceUnanswered();
    await resumePayments(worker(networks).deps);
    expect(await getPayment(a.id)).toMatchObject({ status: 'settled', txHash: a.tx, note: expect.stringMatching(/transaction was found on chain by its authorization/) });

    const b = await twiceUnanswered();
    await resumePayments(worker(networks.map((n) => ({ ...n, rpcUrl: DOWN }))).deps);
    expect(await getPayment(b.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Sent twice without a usable answer/) });
  });

  it('looks again only after a back-off, and at most one search runs at a time', async () => {
    const { id } = await paidThenStopped();
    const w2 = worker(networks.map((n) => ({ ...n, rpcUrl: DOWN })));
    await resumePayments(w2.deps);
    const memo = w2.deps.lookups!.get(id)!;
    expect(memo).toMatchObject({ waitMs: 15_000 });
    // Within the back-off the same answer comes back without asking the chain (the chain is back now).
    w2.deps.networks = networks;
    expect((await findLostReceipt(id, w2.deps)).txHash).toBeUndefined();
    memo.at -= 15_000;
    const [a, b] = await Promise.all([findLostReceipt(id, w2.deps), findLostReceipt(id, w2.deps)]);
    expect(a.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(b.txHash).toBe(a.txHash);
  });
});

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
