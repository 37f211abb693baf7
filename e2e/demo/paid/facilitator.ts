// An x402 facilitator on the local chain, built from the official packages: @x402/core's
// x402Facilitator with @x402/evm's `exact` schemes (v2 `ExactEvmScheme`, v1 `ExactEvmSchemeV1`),
// signing with a dev key and settling `transferWithAuthorization` through a viem client whose only
// RPC is the local anvil. Only the HTTP shell (POST /verify, POST /settle, GET /supported, bodies as
// in the x402 spec §7) is ours: the official repo's own facilitator server is an Express app in its
// e2e folder, not a package.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { x402Facilitator } from '@x402/core/facilitator';
import type { PaymentPayload, PaymentRequirements, SettleResponse } from '@x402/core/types';
import { toFacilitatorEvmSigner } from '@x402/evm';
import { ExactEvmScheme } from '@x402/evm/exact/facilitator';
import { ExactEvmSchemeV1 } from '@x402/evm/exact/v1/facilitator';
import { EVM_NETWORK_CHAIN_ID_MAP } from '@x402/evm/v1';
import type { Address } from 'viem';
import type { DevAccount, LocalChain } from '../../chain';

/** x402 v2 network id of a chain: CAIP-2 `eip155:<id>`. */
export const v2Network = (chainId: number) => `eip155:${chainId}` as const;

/**
 * x402 v1 network name of a chain, if v1 can name it at all. v1 has no CAIP-2: it knows only the
 * fixed list in @x402/evm's EVM_NETWORK_CHAIN_ID_MAP (base-sepolia = 84532, …) and derives the
 * EIP-712 chain id from that name, so a chain with id 31337 cannot be paid over v1.
 */
export function v1Network(chainId: number): string | undefined {
  return Object.entries(EVM_NETWORK_CHAIN_ID_MAP).find(([, id]) => id === chainId)?.[0];
}

export interface FacilitatorSettlement {
  x402Version: number;
  network: string;
  transaction: string;
  payer?: string;
  success: boolean;
  errorReason?: string;
}

export interface LocalFacilitator {
  /** The official facilitator object (register more schemes, add hooks). */
  facilitator: x402Facilitator;
  /** The account that submits settlements and pays their gas. */
  signer: Address;
  networks: { v2: string; v1?: string };
  /** Every /verify and /settle call, in order. */
  calls: { verify: number; settle: number };
  settlements: FacilitatorSettlement[];
  /** Node http handler for `${basePath}/verify|settle|supported`; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

export interface FacilitatorOptions {
  chain: LocalChain;
  /** Pays gas and submits transferWithAuthorization; default anvil account 2. */
  account?: DevAccount;
  /** Path prefix, default '' (so /verify, /settle, /supported). */
  basePath?: string;
}

const MAX_BODY = 64 * 1024;

export function createFacilitator(options: FacilitatorOptions): LocalFacilitator {
  const { chain } = options;
  const account = options.account ?? chain.accounts[2];
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const wallet = chain.walletClient(account);
  const pub = chain.publicClient;
  const signer = toFacilitatorEvmSigner(
    {
      address: account.address,
      readContract: (args) => pub.readContract(args as Parameters<typeof pub.readContract>[0]),
      verifyTypedData: (args) => pub.verifyTypedData(args as Parameters<typeof pub.verifyTypedData>[0]),
      writeContract: (args) => wallet.writeContract(args as Parameters<typeof wallet.writeContract>[0]),
      sendTransaction: (args) => wallet.sendTransaction({ to: args.to, data: args.data }),
      waitForTransactionReceipt: (args) => pub.waitForTransactionReceipt(args),
      getCode: (args) => pub.getCode(args),
    },
    { confirmationTimeoutMs: 20_000 },
  );

  const networks = { v2: v2Network(chain.chainId), v1: v1Network(chain.chainId) };
  const facilitator = new x402Facilitator().register(networks.v2, new ExactEvmScheme(signer, { simulateInSettle: true }));
  if (networks.v1) facilitator.registerV1(networks.v1 as `${string}:${string}`, new ExactEvmSchemeV1(signer, { simulateInSettle: true }));

  const calls = { verify: 0, settle: 0 };
  // One settlement at a time: they are transactions from one account, and viem picks the account
  // nonce per call, so two concurrent settlements would race for it ("nonce too low") and a
  // legitimate payment could fail. Serialized, a duplicate is re-checked after the first landed.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const settlements: FacilitatorSettlement[] = [];
  facilitator.onAfterSettle(async ({ paymentPayload, result }) => {
    settlements.push(record(paymentPayload.x402Version, result));
  });

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const path = url.pathname.slice(basePath.length);
    if (!url.pathname.startsWith(basePath)) return false;
    if (path === '/supported' && req.method === 'GET') {
      sendJson(res, 200, facilitator.getSupported());
      return true;
    }
    if ((path === '/verify' || path === '/settle') && req.method === 'POST') {
      void (async () => {
        let body: { paymentPayload?: PaymentPayload; paymentRequirements?: PaymentRequirements };
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch (e) {
          return sendJson(res, 400, { error: `request body must be JSON: ${(e as Error).message}` });
        }
        if (!body || typeof body.paymentPayload !== 'object' || typeof body.paymentRequirements !== 'object') {
          return sendJson(res, 400, { error: 'body must be { x402Version, paymentPayload, paymentRequirements }' });
        }
        try {
          if (path === '/verify') {
            calls.verify++;
            sendJson(res, 200, await facilitator.verify(body.paymentPayload, body.paymentRequirements));
          } else {
            calls.settle++;
            const { paymentPayload, paymentRequirements } = body;
            sendJson(res, 200, await serially(() => facilitator.settle(paymentPayload, paymentRequirements)));
          }
        } catch (e) {
          sendJson(res, 500, { error: (e as Error).message });
        }
      })();
      return true;
    }
    return false;
  };

  return { facilitator, signer: account.address, networks, calls, settlements, handle };
}

function record(x402Version: number, result: SettleResponse): FacilitatorSettlement {
  return {
    x402Version,
    network: result.network,
    transaction: result.transaction,
    ...(result.payer ? { payer: result.payer } : {}),
    success: result.success,
    ...(result.errorReason ? { errorReason: result.errorReason } : {}),
  };
}

export interface FacilitatorServer extends LocalFacilitator {
  url: string;
  close(): Promise<void>;
}

/** The facilitator on its own loopback port (port 0 = any free port). */
export async function startFacilitator(options: FacilitatorOptions & { port?: number }): Promise<FacilitatorServer> {
  const f = createFacilitator(options);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!f.handle(req, res, url)) sendJson(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${(options.basePath ?? '').replace(/\/+$/, '')}`;
  return {
    ...f,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`body larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
