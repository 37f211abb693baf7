// Our x402 client code (src/protocols/x402 + src/protocols/evm) against the official x402 server and
// facilitator packages, settling real transferWithAuthorization transactions on a local anvil chain.
//
// Chain 31337 ("eip155:31337") carries the v2 endpoint. x402 v1 cannot name chain 31337 (its network
// names are a fixed list), so v1 runs on a second local chain with id 84532, which v1 calls
// "base-sepolia" — the same trick the official e2e suite uses against a local node.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256 } from '@noble/hashes/sha2.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyToAddress, randomAuthorizationNonce, signTypedData } from '../../../src/protocols/evm';
import {
  buildExactEvmPayment,
  decodeBase64Json,
  findSettlementHeader,
  HEADERS,
  parsePaymentRequired,
  parseSettlementResponse,
  selectRequirement,
  type BuiltPayment,
  type ExactEvmRequirement,
} from '../../../src/protocols/x402';
import { authorizationState, balanceOf, ethBalance, loadArtifact } from '../../chain';
import { startPaidBackend, type PaidBackend } from '.';

const PAYER_KEY = sha256(new TextEncoder().encode('emissary x402 paid-api test payer'));
const PAYER = privateKeyToAddress(PAYER_KEY);
const PRICE = 10_000n; // 0.01 TestUSDC

interface Env extends PaidBackend {
  origin: string;
  close(): Promise<void>;
}

async function setup(chainId: number, timings: Record<string, number>): Promise<Env> {
  const t = performance.now();
  const backend = await startPaidBackend({ chainId, payers: [PAYER], price: PRICE });
  timings[`anvil + deploy + mint + facilitator (${chainId})`] = performance.now() - t;
  // Mounted the way the demo shop mounts it: a plain node:http server, the API answers its paths.
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (!backend.api.handle(req, res, url)) res.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...backend,
    origin,
    close: async () => {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      await backend.stop();
    },
  };
}

/** The agent's side, with our own code only: read the 402, choose, sign, encode. */
async function readOffer(env: Env, url: string): Promise<{ status: number; req: ExactEvmRequirement }> {
  const res = await fetch(url);
  const parsed = parsePaymentRequired(res.status, res.headers, await res.text());
  if (!parsed.ok) throw new Error(`our client refused the 402: ${JSON.stringify(parsed.problems)}`);
  const chosen = selectRequirement(parsed.value.requirements, {
    chainIds: [env.chain.chainId],
    assets: [{ chainId: env.chain.chainId, address: env.token.address }],
  });
  if (!chosen.ok) throw new Error(`no payable option: ${JSON.stringify(chosen.problems)}`);
  return { status: res.status, req: chosen.value };
}

async function pay(req: ExactEvmRequirement): Promise<BuiltPayment> {
  return buildExactEvmPayment(
    req,
    PAYER,
    (typedData) => signTypedData(typedData, PAYER_KEY),
    Math.floor(Date.now() / 1000),
    randomAuthorizationNonce(),
  );
}

/** Pay once, check the money moved exactly once and the receipt is right, then replay and check it is refused. */
async function payAndReplay(env: Env, version: 1 | 2, timings: Record<string, number>) {
  const url = `${env.origin}${version === 1 ? env.api.paths.v1 : env.api.paths.v2}`;
  const before = { payer: await balanceOf(env.chain, env.token, PAYER), payee: await balanceOf(env.chain, env.token, env.payTo) };

  const started = performance.now();
  const offer = await readOffer(env, url);
  expect(offer.status).toBe(402);
  expect(offer.req.x402Version).toBe(version);
  expect(offer.req.amount).toBe(PRICE);
  expect(offer.req.token).toEqual({ name: 'TestUSDC', version: '2' });
  expect(offer.req.network).toBe(version === 1 ? 'base-sepolia' : `eip155:${env.chain.chainId}`);
  const payment = await pay(offer.req);
  expect(payment.headerName).toBe(version === 1 ? HEADERS.xPayment : HEADERS.paymentSignature);
  const paid = await fetch(url, { headers: { [payment.headerName]: payment.headerValue } });
  const body = await paid.text();
  timings[`402 → settled, v${version} on ${env.chain.chainId}`] = performance.now() - started;
  expect(paid.status, body).toBe(200);
  expect(JSON.parse(body)).toMatchObject({ paidWith: `x402 v${version}` });

  // The receipt header parses with our code and names a real, successful transaction.
  const found = findSettlementHeader(paid.headers);
  expect(found?.name).toBe(version === 1 ? HEADERS.xPaymentResponse : HEADERS.paymentResponse);
  const receipt = parseSettlementResponse(found!.value);
  if (!receipt.ok) throw new Error(JSON.stringify(receipt.problems));
  expect(receipt.value).toMatchObject({ success: true, payer: PAYER, chainId: env.chain.chainId });
  expect(receipt.value.transaction).toMatch(/^0x[0-9a-f]{64}$/);
  const txReceipt = await env.chain.publicClient.getTransactionReceipt({ hash: receipt.value.transaction as `0x${string}` });
  expect(txReceipt.status).toBe('success');
  expect(txReceipt.from.toLowerCase()).toBe(env.facilitator.signer.toLowerCase());
  expect(await authorizationState(env.chain, env.token, PAYER, payment.authorization.nonce)).toBe(true);

  // Exactly the price moved, and the payer spent no gas (it has no ETH at all).
  expect(await balanceOf(env.chain, env.token, PAYER)).toBe(before.payer - PRICE);
  expect(await balanceOf(env.chain, env.token, env.payTo)).toBe(before.payee + PRICE);
  expect(await ethBalance(env.chain, PAYER)).toBe(0n);
  const settlement = env.api.settlements.at(-1)!;
  expect(settlement).toMatchObject({ x402Version: version, transaction: receipt.value.transaction, amount: PRICE });
  expect(settlement.payer.toLowerCase()).toBe(PAYER.toLowerCase());

  // Replaying the same header is refused with a reason, and nothing moves or is served twice.
  const served = { ...env.api.served };
  const count = env.api.settlements.length;
  const replay = await fetch(url, { headers: { [payment.headerName]: payment.headerValue } });
  expect(replay.status).toBe(402);
  expect(await refusalReason(replay)).toBe('invalid_exact_evm_nonce_already_used');
  expect(await balanceOf(env.chain, env.token, PAYER)).toBe(before.payer - PRICE);
  expect(await balanceOf(env.chain, env.token, env.payTo)).toBe(before.payee + PRICE);
  expect(env.api.served).toEqual(served);
  expect(env.api.settlements.length).toBe(count);
}

/** The same fresh payment sent twice at once: exactly one request is served and paid. */
async function doubleSpend(env: Env, version: 1 | 2) {
  const url = `${env.origin}${version === 1 ? env.api.paths.v1 : env.api.paths.v2}`;
  const before = await balanceOf(env.chain, env.token, PAYER);
  const served = version === 1 ? env.api.served.v1 : env.api.served.v2;
  const payment = await pay((await readOffer(env, url)).req);
  const send = () => fetch(url, { headers: { [payment.headerName]: payment.headerValue } });
  const answers = await Promise.all([send(), send()]);
  const statuses = answers.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 402]);
  expect(await refusalReason(answers.find((r) => r.status === 402)!)).toBe('invalid_exact_evm_nonce_already_used');
  expect(await balanceOf(env.chain, env.token, PAYER)).toBe(before - PRICE);
  expect(version === 1 ? env.api.served.v1 : env.api.served.v2).toBe(served + 1);
}

/**
 * Why a paid request was refused, read with our client code. Refused at verification, the server
 * answers with a fresh 402 offer carrying `error`; refused at settlement (v2), with an empty body and
 * a PAYMENT-RESPONSE whose success is false.
 */
async function refusalReason(res: Response): Promise<string | undefined> {
  const text = await res.text();
  const settlement = findSettlementHeader(res.headers);
  if (settlement) {
    const parsed = parseSettlementResponse(settlement.value);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.value).toMatchObject({ success: false, transaction: '' });
    return parsed.value.errorReason;
  }
  const offer = parsePaymentRequired(res.status, res.headers, text);
  if (!offer.ok) throw new Error(JSON.stringify(offer.problems));
  return offer.value.error;
}

const timings: Record<string, number> = {};

afterAll(() => {
  console.info(Object.entries(timings).map(([k, v]) => `${k}: ${Math.round(v)} ms`).join('\n'));
});

describe('contract artifacts', () => {
  it.each(['TestUSDC', 'MulticallLite'] as const)('contracts/%s.json was built from the committed source', (name) => {
    const artifact = loadArtifact(name);
    const source = readFileSync(new URL(`../../../contracts/${name}.sol`, import.meta.url), 'utf8');
    expect(artifact.sources[`contracts/${name}.sol`], 'run `npx tsx scripts/build-contracts.ts`').toBe(
      createHash('sha256').update(source).digest('hex'),
    );
  });
});

describe('paid API on chain 31337 (x402 v2, official server and facilitator)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setup(31337, timings);
  }, 30_000);
  afterAll(async () => env?.close());

  it('lists what is for sale without payment', async () => {
    const res = await fetch(`${env.origin}/api/paid`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      price: { amount: '10000', decimals: 6, asset: env.token.address },
      endpoints: [{ x402Version: 2, network: 'eip155:31337' }],
    });
  });

  it('answers an unpaid request with the official v2 402 (PAYMENT-REQUIRED header)', async () => {
    const res = await fetch(`${env.origin}${env.api.paths.v2}`);
    expect(res.status).toBe(402);
    const header = res.headers.get('payment-required');
    expect(header).toBeTruthy();
    const decoded = decodeBase64Json(header!, 'PAYMENT-REQUIRED', 32 * 1024);
    if (!decoded.ok) throw new Error('undecodable');
    expect(decoded.value).toMatchObject({
      x402Version: 2,
      resource: { url: `${env.origin}${env.api.paths.v2}` },
      accepts: [{ scheme: 'exact', network: 'eip155:31337', amount: '10000', asset: env.token.address, payTo: env.payTo, extra: { name: 'TestUSDC', version: '2' } }],
    });
  });

  it('v2: our client pays, the official facilitator settles on chain, a replay is refused', async () => {
    await payAndReplay(env, 2, timings);
    expect(env.facilitator.settlements.map((s) => s.success)).toEqual([true]);
  });

  it('v1 is unavailable on a chain v1 cannot name, and says why', async () => {
    const res = await fetch(`${env.origin}${env.api.paths.v1}`);
    expect(res.status).toBe(501);
    expect((await res.json()) as { error: string }).toMatchObject({ error: expect.stringContaining('84532') });
  });
});

describe('paid API on chain 84532 ("base-sepolia" to x402 v1)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setup(84532, timings);
  }, 30_000);
  afterAll(async () => env?.close());

  it('v1: JSON-body 402, X-PAYMENT, X-PAYMENT-RESPONSE; settled by the official v1 facilitator; replay refused', async () => {
    await payAndReplay(env, 1, timings);
  });

  it('v2 works on the same chain too', async () => {
    await payAndReplay(env, 2, timings);
    expect(env.api.settlements.map((s) => s.x402Version)).toEqual([1, 2]);
  });

  it.each([1, 2] as const)('v%i: the same payment sent twice at once is served and paid once', async (version) => {
    await doubleSpend(env, version);
  });
});
