// The demo shop's paid API, priced in TestUSDC on the local chain, in both x402 generations:
//
//   GET {base}            free: what is for sale, at what price, on which network
//   GET {base}/v2/report  x402 v2 — the OFFICIAL resource server (@x402/core x402HTTPResourceServer +
//                         @x402/evm ExactEvmScheme) behind a small node:http adapter: 402 with
//                         PAYMENT-REQUIRED, pay with PAYMENT-SIGNATURE, receipt in PAYMENT-RESPONSE.
//   GET {base}/v1/report  x402 v1 — written here after specs/x402-specification-v1.md and
//                         transports-v1/http.md (JSON body 402, X-PAYMENT, X-PAYMENT-RESPONSE), because
//                         the v2 packages no longer contain a v1 resource server (only a v1 client and
//                         facilitator). It verifies and settles through the official facilitator client.
//                         Only available when the chain has a v1 name (84532 = base-sepolia; 31337 has none).
//
// Both settle through a facilitator (./facilitator.ts) over HTTP. Every successful settlement is
// recorded in `settlements`. Content is released only after the transfer is on chain.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPFacilitatorClient, x402HTTPResourceServer, x402ResourceServer, type HTTPAdapter, type HTTPRequestContext, type HTTPResponseInstructions, type RoutesConfig } from '@x402/core/server';
import { decodePaymentSignatureHeader } from '@x402/core/http';
import type { PaymentPayload, PaymentRequirements, PaymentRequirementsV1 } from '@x402/core/types';
import { ExactEvmScheme } from '@x402/evm/exact/server';
import type { Address } from 'viem';
import { PRODUCTS } from '../shop-documents';
import { sendJson, v1Network, v2Network } from './facilitator';

export interface PaidApiOptions {
  chainId: number;
  /** The token to be paid in; name/version are its EIP-712 domain (they go into `extra`). */
  token: { address: Address; name: string; version: string; decimals?: number; symbol?: string };
  payTo: Address;
  /** Base URL of the facilitator, e.g. http://127.0.0.1:4103 (its /verify, /settle, /supported). */
  facilitatorUrl: string;
  /** Mount point, default '/api/paid'. */
  basePath?: string;
  /** Price per request in atomic units; default 10 000 (0.01 of a 6-decimal token). */
  price?: bigint;
  /** How long a signed authorization may live, default 60 s. */
  maxTimeoutSeconds?: number;
  /** What the 402 says is for sale (the hostile demo puts markup here). */
  description?: string;
}

export interface PaidSettlement {
  x402Version: 1 | 2;
  path: string;
  network: string;
  transaction: string;
  payer: string;
  amount: bigint;
  at: number;
}

export interface PaidApi {
  basePath: string;
  paths: { index: string; v1: string; v2: string };
  networks: { v2: string; v1?: string };
  price: bigint;
  /** Successful settlements, oldest first. */
  settlements: PaidSettlement[];
  /** How many times the paid content was produced, per version (never more than settlements). */
  served: { v1: number; v2: number };
  /**
   * node:http handler. Returns true when the path is under basePath (the answer is then written
   * asynchronously), false otherwise so the caller can go on routing.
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Fetch the facilitator's /supported now (otherwise done on the first v2 request). */
  initialize(): Promise<void>;
}

const DEFAULT_DESCRIPTION = "The roaster's tasting report for this week's catalogue";

function report(version: 1 | 2) {
  return {
    title: "Roaster's report",
    paidWith: `x402 v${version}`,
    notes: PRODUCTS.map((p) => ({ productId: p.id, name: p.name, note: `${p.name}: in stock, ships in 2 days.` })),
  };
}

export function createPaidApi(options: PaidApiOptions): PaidApi {
  const basePath = (options.basePath ?? '/api/paid').replace(/\/+$/, '');
  const paths = { index: basePath, v1: `${basePath}/v1/report`, v2: `${basePath}/v2/report` };
  const price = options.price ?? 10_000n;
  const maxTimeoutSeconds = options.maxTimeoutSeconds ?? 60;
  const DESCRIPTION = options.description ?? DEFAULT_DESCRIPTION;
  const networks = { v2: v2Network(options.chainId), v1: v1Network(options.chainId) };
  const extra = { name: options.token.name, version: options.token.version };
  const facilitatorClient = new HTTPFacilitatorClient({ url: options.facilitatorUrl, timeoutMs: 30_000 });
  const settlements: PaidSettlement[] = [];
  const served = { v1: 0, v2: 0 };

  // v2: the official resource server.
  const resourceServer = new x402ResourceServer(facilitatorClient).register(networks.v2, new ExactEvmScheme());
  const routes: RoutesConfig = {
    [`GET ${paths.v2}`]: {
      accepts: {
        scheme: 'exact',
        network: networks.v2,
        payTo: options.payTo,
        // A token amount, not "$0.01": a dollar price would map to the real Base USDC address.
        price: { amount: price.toString(), asset: options.token.address, extra },
        maxTimeoutSeconds,
      },
      description: DESCRIPTION,
      mimeType: 'application/json',
    },
  };
  const httpServer = new x402HTTPResourceServer(resourceServer, routes);
  let init: Promise<void> | undefined;
  const initialize = () => {
    init ??= httpServer.initialize().catch((e: unknown) => {
      init = undefined;
      throw e;
    });
    return init;
  };

  async function handleV2(req: IncomingMessage, res: ServerResponse, url: URL) {
    const header = (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const adapter: HTTPAdapter = {
      getHeader: header,
      getMethod: () => req.method ?? 'GET',
      getPath: () => url.pathname,
      getUrl: () => url.href,
      getAcceptHeader: () => header('accept') ?? '',
      getUserAgent: () => header('user-agent') ?? '',
      getQueryParams: () => Object.fromEntries(url.searchParams),
      getQueryParam: (name) => url.searchParams.get(name) ?? undefined,
    };
    const context: HTTPRequestContext = {
      adapter,
      path: url.pathname,
      method: req.method ?? 'GET',
      paymentHeader: header('payment-signature') ?? header('x-payment'),
    };
    await initialize();
    const result = await httpServer.processHTTPRequest(context);
    if (result.type === 'payment-error') return writeInstructions(res, result.response);
    if (result.type === 'no-payment-required') return sendJson(res, 404, { error: 'not a paid route' });

    // Verified: produce the content, settle, and only then release it.
    const body = JSON.stringify(report(2));
    const settle = await httpServer.processSettlement(
      result.paymentPayload,
      result.paymentRequirements,
      result.declaredExtensions,
      { request: context, responseBody: Buffer.from(body), responseHeaders: { 'content-type': 'application/json' } },
      undefined,
      result.beforeHandlerSettlement,
    );
    if (!settle.success) {
      // As @x402/express does: a 402 with PAYMENT-RESPONSE { success: false, errorReason } and body {}.
      return writeInstructions(res, { ...settle.response, headers: { ...lowerKeys(settle.headers), ...lowerKeys(settle.response.headers) } });
    }
    served.v2++;
    settlements.push({
      x402Version: 2,
      path: url.pathname,
      network: settle.network,
      transaction: settle.transaction,
      payer: settle.payer ?? '',
      amount: BigInt(settle.requirements.amount),
      at: Date.now(),
    });
    res.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'private, no-store',
      'access-control-expose-headers': 'PAYMENT-RESPONSE',
      ...lowerKeys(settle.headers),
    });
    res.end(body);
  }

  // v1: by hand, after the v1 spec, settling through the official facilitator.
  function requirementsV1(url: URL): PaymentRequirementsV1 {
    return {
      scheme: 'exact',
      network: networks.v1 as PaymentRequirementsV1['network'],
      maxAmountRequired: price.toString(),
      resource: `${url.origin}${url.pathname}`,
      description: DESCRIPTION,
      mimeType: 'application/json',
      outputSchema: { input: { type: 'http', method: 'GET' } },
      payTo: options.payTo,
      maxTimeoutSeconds,
      asset: options.token.address,
      extra,
    };
  }

  async function handleV1(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!networks.v1) {
      return sendJson(res, 501, {
        error: `x402 v1 names networks from a fixed list and has no name for chain ${options.chainId}; use ${paths.v2}, or run the chain with id 84532 (base-sepolia)`,
      });
    }
    const accepts = [requirementsV1(url)];
    const paymentRequired = (error: string, extraFields: Record<string, unknown> = {}) =>
      sendJson(res, 402, { x402Version: 1, error, accepts, ...extraFields });
    const raw = req.headers['x-payment'];
    const headerValue = Array.isArray(raw) ? raw[0] : raw;
    if (!headerValue) return paymentRequired('X-PAYMENT header is required');

    let payload: PaymentPayload;
    try {
      payload = decodePaymentSignatureHeader(headerValue);
    } catch {
      return paymentRequired('Invalid or malformed payment header');
    }
    const p = payload as unknown as { x402Version?: unknown; scheme?: unknown; network?: unknown; payload?: unknown };
    if (p.x402Version !== 1) return paymentRequired('invalid_x402_version');
    const match = accepts.find((a) => a.scheme === p.scheme && a.network === p.network);
    if (!match) return paymentRequired('Unable to find matching payment requirements');
    const requirements = match as unknown as PaymentRequirements;

    const verified = await facilitatorClient.verify(payload, requirements);
    if (!verified.isValid) {
      return paymentRequired(reasonText(verified.invalidReason, 'invalid_payload'), verified.payer ? { payer: verified.payer } : {});
    }
    const settled = await facilitatorClient.settle(payload, requirements);
    if (!settled.success) {
      return paymentRequired(reasonText(settled.errorReason, 'unexpected_settle_error'), settled.payer ? { payer: settled.payer } : {});
    }
    served.v1++;
    settlements.push({
      x402Version: 1,
      path: url.pathname,
      network: settled.network,
      transaction: settled.transaction,
      payer: settled.payer ?? '',
      amount: price,
      at: Date.now(),
    });
    const receipt = { success: true, transaction: settled.transaction, network: settled.network, payer: settled.payer };
    sendJson(res, 200, report(1), {
      'cache-control': 'private, no-store',
      'x-payment-response': Buffer.from(JSON.stringify(receipt), 'utf8').toString('base64'),
      'access-control-expose-headers': 'X-PAYMENT-RESPONSE',
    });
  }

  function index(url: URL) {
    const decimals = options.token.decimals ?? 6;
    return {
      description: DESCRIPTION,
      price: { amount: price.toString(), decimals, symbol: options.token.symbol ?? 'USDC', asset: options.token.address },
      payTo: options.payTo,
      endpoints: [
        { x402Version: 2, url: `${url.origin}${paths.v2}`, network: networks.v2 },
        ...(networks.v1 ? [{ x402Version: 1, url: `${url.origin}${paths.v1}`, network: networks.v1 }] : []),
      ],
    };
  }

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const path = url.pathname;
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return false;
    const run = async () => {
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'use GET' }, { allow: 'GET' });
      if (path === paths.index) return sendJson(res, 200, index(url));
      if (path === paths.v2) return handleV2(req, res, url);
      if (path === paths.v1) return handleV1(req, res, url);
      sendJson(res, 404, { error: 'not found' });
    };
    run().catch((e: unknown) => {
      // A facilitator that is down or answers garbage: 502, as @x402/express does.
      sendJson(res, 502, { error: `payment processing failed: ${(e as Error).message}` });
    });
    return true;
  };

  return { basePath, paths, networks, price, settlements, served, handle, initialize };
}

function writeInstructions(res: ServerResponse, r: HTTPResponseInstructions) {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...lowerKeys(r.headers) };
  if (r.isHtml) {
    res.writeHead(r.status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(String(r.body ?? ''));
    return;
  }
  res.writeHead(r.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(r.body ?? {}));
}

/** A facilitator's reason as one short line: the v1 scheme may put a whole multi-line viem error there. */
function reasonText(reason: string | undefined, fallback: string): string {
  const line = (reason ?? '').split('\n')[0].trim();
  if (!line) return fallback;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
