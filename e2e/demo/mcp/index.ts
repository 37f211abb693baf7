// The demo shop's MCP side, mounted on the shop server: a modern-era endpoint (v2 SDK) at /mcp, a
// legacy-era one (v1 SDK, sessions) at /mcp/legacy, the paid tool behind x402, and the server card
// at /.well-known/mcp/server-card that tells Emissary where they are.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MountHandler } from '../server';
import { DemoCart, PAID_TOOL, TOOL_META } from './catalogue';
import { legacyShopServer } from './legacy-server';
import { modernShopServer, type TastingRoom } from './modern-server';
import { createPaidGate, type PaidGate, type PaidGateOptions } from './paid-gate';
import { WEBMCP_PATHS, WEBMCP_POLYFILL, webmcpPage } from './webmcp-page';
import { createDemoAuthServer, OAUTH_PATHS, type DemoAuthServer } from './oauth';

export { WEBMCP_PATHS } from './webmcp-page';

export const MCP_PATHS = { modern: '/mcp', legacy: '/mcp/legacy', members: OAUTH_PATHS.resource, card: '/.well-known/mcp/server-card' } as const;

export interface McpDemo {
  handle: MountHandler;
  cart: DemoCart;
  gate?: PaidGate;
  auth: DemoAuthServer;
  /** Requests per endpoint, to tell first contact from a revisit. */
  requests: Record<'modern' | 'legacy' | 'members', string[]>;
  /** The tasting rooms (a tool that adds a tool) of the modern and legacy endpoints. */
  tasting: Record<'modern' | 'legacy', TastingRoom>;
  /** Open `subscriptions/listen` streams on the modern endpoint (the v2 SDK's bus listeners). */
  listening(): number;
  /** Names of the tools each endpoint was asked to call, in order. */
  toolCalls: Record<'modern' | 'legacy' | 'members', string[]>;
  close(): Promise<void>;
}

export function serverCard(origin: string) {
  return {
    $schema: 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json',
    name: 'dev.emissary.demo/coffee-shop',
    title: 'Demo coffee shop',
    version: '1.0.0',
    description: 'Search, cart and a paid report',
    remotes: [
      { type: 'streamable-http', url: `${origin}${MCP_PATHS.modern}`, supportedProtocolVersions: ['2026-07-28'] },
      { type: 'streamable-http', url: `${origin}${MCP_PATHS.legacy}`, supportedProtocolVersions: ['2025-11-25'] },
      { type: 'streamable-http', url: `${origin}${MCP_PATHS.members}`, supportedProtocolVersions: ['2026-07-28'], authentication: { required: true, schemes: ['oauth2'] } },
    ],
    tools: Object.entries(TOOL_META).map(([name, t]) => ({ name, title: t.title, description: t.description })),
  };
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readText(req);
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

const calledTool = (body: unknown): string | undefined => {
  const m = body as { method?: unknown; params?: { name?: unknown } } | undefined;
  return m?.method === 'tools/call' && typeof m.params?.name === 'string' ? m.params.name : undefined;
};

export function createMcpDemo(options: { paid?: PaidGateOptions } = {}): McpDemo {
  const cart = new DemoCart();
  const modern = modernShopServer(cart);
  const members = modernShopServer(cart, 'Demo shop (members)');
  const auth = createDemoAuthServer();
  const legacy = legacyShopServer(cart);
  const gate = options.paid ? createPaidGate(options.paid) : undefined;
  const requests: McpDemo['requests'] = { modern: [], legacy: [], members: [] };
  const toolCalls: McpDemo['toolCalls'] = { modern: [], legacy: [], members: [] };

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL, era: 'modern' | 'legacy' | 'members') => {
    if (era === 'members' && !auth.guard(req, res, url)) return;
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    requests[era].push(String((body as { method?: unknown } | undefined)?.method ?? req.method));
    const called = calledTool(body);
    if (called) toolCalls[era].push(called);
    if (calledTool(body) === PAID_TOOL && gate && !(await gate.admit(req, res, url, PAID_TOOL))) return;
    if (era === 'members') await members.node(req, res, body);
    else if (era === 'modern') await modern.node(req, res, body);
    else await legacy.handle(req, res, body);
  };

  const handle: MountHandler = (req, res, url) => {
    if (url.pathname === MCP_PATHS.card) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(serverCard(url.origin), null, 2));
      return true;
    }
    if (url.pathname === WEBMCP_PATHS.page || url.pathname === WEBMCP_PATHS.polyfill) {
      const page = url.pathname === WEBMCP_PATHS.page;
      res.writeHead(200, { 'content-type': page ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page ? webmcpPage() : WEBMCP_POLYFILL);
      return true;
    }
    if (auth.handle(req, res, url, () => readText(req))) return true;
    const era = url.pathname === MCP_PATHS.modern ? 'modern' : url.pathname === MCP_PATHS.legacy ? 'legacy' : url.pathname === MCP_PATHS.members ? 'members' : null;
    if (!era) return false;
    serve(req, res, url, era).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (err as Error).message }));
    });
    return true;
  };

  return {
    handle, cart, ...(gate ? { gate } : {}), auth, requests, toolCalls, tasting: { modern: modern.tasting, legacy: legacy.tasting },
    listening: () => (modern.handler.bus as { listenerCount?: number }).listenerCount ?? 0,
    close: async () => {
      await legacy.close();
      await modern.handler.close();
      await members.handler.close();
    },
  };
}
