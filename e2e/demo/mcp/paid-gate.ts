// x402 in front of one MCP tool: a `tools/call` of the paid tool without a valid payment gets the
// HTTP 402 of the official @x402 resource server; with one, it is verified and settled through the
// demo facilitator (local anvil chain) before the MCP server runs the tool.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPFacilitatorClient, x402HTTPResourceServer, x402ResourceServer, type HTTPAdapter, type HTTPRequestContext, type HTTPResponseInstructions } from '@x402/core/server';
import { ExactEvmScheme } from '@x402/evm/exact/server';
import type { Address } from 'viem';
import { v2Network } from '../paid/facilitator';

export interface PaidGateOptions {
  chainId: number;
  token: { address: Address; name: string; version: string };
  payTo: Address;
  facilitatorUrl: string;
  /** Atomic units; default 10 000 (0.01 USDC). */
  price?: bigint;
}

export interface PaidGate {
  settlements: { transaction: string; payer: string; at: number }[];
  /** True when the request may go on to the MCP server (paid); false when the 402 was written. */
  admit(req: IncomingMessage, res: ServerResponse, url: URL, tool: string): Promise<boolean>;
}

const lower = (h: Record<string, string> = {}) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

function write(res: ServerResponse, r: HTTPResponseInstructions) {
  res.writeHead(r.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...lower(r.headers) });
  res.end(JSON.stringify(r.body ?? {}));
}

export function createPaidGate(options: PaidGateOptions): PaidGate {
  const network = v2Network(options.chainId);
  const facilitator = new HTTPFacilitatorClient({ url: options.facilitatorUrl, timeoutMs: 30_000 });
  const resourceServer = new x402ResourceServer(facilitator).register(network, new ExactEvmScheme());
  const virtualPath = (tool: string) => `/mcp/tools/${tool}`;
  const settlements: PaidGate['settlements'] = [];
  const servers = new Map<string, x402HTTPResourceServer>();
  const serverFor = async (tool: string) => {
    let s = servers.get(tool);
    if (!s) {
      s = new x402HTTPResourceServer(resourceServer, {
        [`POST ${virtualPath(tool)}`]: {
          accepts: { scheme: 'exact', network, payTo: options.payTo, price: { amount: (options.price ?? 10_000n).toString(), asset: options.token.address, extra: { name: options.token.name, version: options.token.version } }, maxTimeoutSeconds: 60 },
          description: `MCP tool ${tool}`,
          mimeType: 'application/json',
        },
      });
      await s.initialize();
      servers.set(tool, s);
    }
    return s;
  };
  return {
    settlements,
    async admit(req, res, url, tool) {
      const header = (name: string) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      };
      const path = virtualPath(tool);
      const adapter: HTTPAdapter = {
        getHeader: header,
        getMethod: () => 'POST',
        getPath: () => path,
        getUrl: () => `${url.origin}${path}`,
        getAcceptHeader: () => header('accept') ?? '',
        getUserAgent: () => header('user-agent') ?? '',
        getQueryParams: () => ({}),
        getQueryParam: () => undefined,
      };
      const context: HTTPRequestContext = { adapter, path, method: 'POST', paymentHeader: header('payment-signature') ?? header('x-payment') };
      const server = await serverFor(tool);
      const result = await server.processHTTPRequest(context);
      if (result.type === 'payment-error') {
        write(res, result.response);
        return false;
      }
      if (result.type === 'no-payment-required') return true;
      const settle = await server.processSettlement(result.paymentPayload, result.paymentRequirements, result.declaredExtensions,
        { request: context, responseBody: Buffer.from(''), responseHeaders: { 'content-type': 'application/json' } }, undefined, result.beforeHandlerSettlement);
      if (!settle.success) {
        write(res, { ...settle.response, headers: { ...lower(settle.headers), ...lower(settle.response.headers) } });
        return false;
      }
      settlements.push({ transaction: settle.transaction, payer: settle.payer ?? '', at: Date.now() });
      for (const [k, v] of Object.entries(lower(settle.headers))) res.setHeader(k, v);
      res.setHeader('access-control-expose-headers', 'PAYMENT-RESPONSE');
      return true;
    },
  };
}
