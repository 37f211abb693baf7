// Paid request, end to end on the local chain: GET → 402 → sign → retry → settled (the facilitator's
// transferWithAuthorization mined on anvil, receipt header back). Emissary's payment service (records
// in idb — fake-indexeddb in Node, as in its unit tests — budget check, EIP-712 signing) with a budget
// that approves without asking, against the official @x402/fetch client, same demo paid server, same
// run, requests interleaved. Ratio = Emissary median time ÷ @x402/fetch median time.
import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { privateKeyToAccount } from 'viem/accounts';
import { wrapFetchWithPaymentFromConfig } from '@x402/fetch';
import { ExactEvmScheme } from '@x402/evm';
import { startPaidBackend } from '../e2e/demo/paid';
import { ANVIL_ACCOUNTS, TEST_USDC } from '../e2e/chain';
import { createPaymentService } from '../src/background/payments';
import { setSiteBudget } from '../src/store/budgets';
import { hexToBytes } from '../src/protocols/evm/bytes';
import { signTypedData } from '../src/protocols/evm';
import { median, ms, runs } from './common';
import type { Figure } from './report';

export async function measurePaidRequest(n = runs(15, 2)): Promise<Figure[]> {
  // Accounts 1 and 2 are the payee and the facilitator; each client pays from an account of its own.
  const [ours, theirs] = [ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]];
  const backend = await startPaidBackend({ chainId: 31337, payers: [ours.address, theirs.address] });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (!backend.api.handle(req, res, url)) res.writeHead(404).end('Not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}${backend.api.paths.v2}`;
  try {
    const key = hexToBytes(ours.privateKey);
    // Time inside HTTP (both requests, the facilitator's settlement included) vs Emissary's own steps.
    let httpMs = 0;
    const timedFetch = async (input: string, init?: RequestInit) => {
      const t = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        httpMs += performance.now() - t;
      }
    };
    const service = createPaymentService({
      fetch: timedFetch,
      signer: { signTypedData: (td) => signTypedData(td, key), evmAddress: () => ours.address },
      allowedAssets: () => [{ chainId: backend.chain.chainId, asset: backend.token.address, symbol: TEST_USDC.symbol, decimals: TEST_USDC.decimals, name: TEST_USDC.name, version: TEST_USDC.version }],
    });
    await setSiteBudget(origin, { chainId: backend.chain.chainId, asset: backend.token.address, limit: String(1000n * 10n ** 6n), period: 'day' }, Date.now());
    // Its own spend control in place of Emissary's budget: the test token, up to 1 USDC a payment.
    const network = `eip155:${backend.chain.chainId}` as const;
    const official = wrapFetchWithPaymentFromConfig(fetch, {
      schemes: [{ network, client: new ExactEvmScheme(privateKeyToAccount(theirs.privateKey)) }],
      spendControls: { allowedAssets: [{ network, asset: backend.token.address, maxAmountPerPayment: '1000000' }] },
    });

    const httpShare: number[] = [];
    const emissary = async () => {
      httpMs = 0;
      const t0 = performance.now();
      const out = await service.paidFetch({ origin, url });
      await out.response.text();
      const t = performance.now() - t0;
      httpShare.push(httpMs);
      if (out.status !== 'settled' || out.response.status !== 200) throw new Error(`Emissary did not settle: ${out.status} ${out.response.status} ${out.refusal ?? ''}`);
      return t;
    };
    const x402 = async () => {
      const t0 = performance.now();
      const res = await official(url);
      await res.text();
      const t = performance.now() - t0;
      if (res.status !== 200 || !res.headers.get('payment-response')) throw new Error(`@x402/fetch did not settle: ${res.status}`);
      return t;
    };
    await emissary(); // warm-up: first idb open, first contract calls on the chain
    await x402();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 2 === 0) {
        a.push(await emissary());
        b.push(await x402());
      } else {
        b.push(await x402());
        a.push(await emissary());
      }
    }
    const settled = backend.api.settlements.length;
    const [ea, xb] = [median(a), median(b)];
    return [{
      name: 'Paid request 402 → sign → retry → settled on anvil: Emissary ÷ @x402/fetch',
      ratio: ea / xb,
      target: 1.1,
      absolute: `${ms(ea)} vs ${ms(xb)} (median of ${n} each; Emissary's time in HTTP, settlement included: ${ms(median(httpShare))}; ${settled} settlements on chain ${backend.chain.chainId})`,
    }];
  } finally {
    await new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
    await backend.stop();
  }
}
