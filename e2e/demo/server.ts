// The demo agent-enabled sites: real HTTP servers on loopback, one port per site (so each is its
// own origin). Every request is counted per site and path, for tests and benchmarks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRODUCTS, shopAgentsJson, shopOpenApi } from './shop-documents';
import { agentPage, plainPage, shopPage } from './pages';
import { travelAgentCard, travelAgentDescription, travelAgentDescriptions } from './agent-documents';

export type SiteName = 'shop' | 'agent' | 'plain';

export interface DemoSites {
  origins: Record<SiteName, string>;
  /** Requests seen, keyed "site path", e.g. "shop /.well-known/agents.json". */
  requests: Map<string, number>;
  requestCount(site: SiteName, path: string): number;
  /** What the shop holds in the cart of this API key. */
  cart(key: string): { productId: string; name: string; quantity: number }[];
  close(): Promise<void>;
}

export interface DemoOptions {
  host?: string;
  ports?: Partial<Record<SiteName, number>>;
  /** Delay added to every /.well-known/ answer, to measure discovery latency. */
  wellKnownDelayMs?: number;
  /** Extra handlers tried first on a site (e.g. the paid x402 API); true when they answered. */
  mount?: Partial<Record<SiteName, MountHandler | MountHandler[]>>;
}

/** A handler mounted on a demo site (paid API, AITP agent, MCP server…); true when it answered. */
export type MountHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, origin: string) => void;

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}
const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json', JSON.stringify(value, null, 2));

function readBody(req: IncomingMessage, done: (value: unknown) => void) {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    try {
      done(JSON.parse(body));
    } catch {
      done(undefined);
    }
  });
}

/** Carts by shop key; tests read them through `DemoSites.cart(key)`. */
const carts = new Map<string, { productId: string; name: string; quantity: number }[]>();

const shop: Handler = (req, res, url, origin) => {
  if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', shopPage());
  if (url.pathname === '/.well-known/agents.json') return json(res, 200, shopAgentsJson(origin));
  if (url.pathname === '/openapi.json') return json(res, 200, shopOpenApi(origin));
  if (url.pathname === '/api/products' && req.method === 'GET') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    return json(res, 200, { products: PRODUCTS.filter((p) => p.name.toLowerCase().includes(q)) });
  }
  if (url.pathname === '/api/cart') {
    const key = req.headers['x-shop-key'];
    if (typeof key !== 'string' || !key) return json(res, 401, { error: 'X-Shop-Key header required' });
    const cart = carts.get(key) ?? [];
    if (req.method === 'GET') return json(res, 200, { cart });
    if (req.method !== 'POST') return json(res, 405, { error: 'GET or POST' });
    readBody(req, (body) => {
      const { productId, quantity } = (body ?? {}) as { productId?: unknown; quantity?: unknown };
      const product = PRODUCTS.find((p) => p.id === productId);
      if (!product || !Number.isInteger(quantity) || (quantity as number) < 1) {
        return json(res, 400, { error: 'productId must name a product and quantity must be a positive integer' });
      }
      cart.push({ productId: product.id, name: product.name, quantity: quantity as number });
      carts.set(key, cart);
      json(res, 201, { cart });
    });
    return;
  }
  send(res, 404, 'text/plain', 'Not found');
};

const plain: Handler = (_req, res, url) => {
  if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', plainPage());
  send(res, 404, 'text/plain', 'Not found');
};

const agent: Handler = (req, res, url, origin) => {
  if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', agentPage());
  if (url.pathname === '/.well-known/agent-card.json') {
    // Cacheable with a validator, so a revalidation can answer 304 without the body.
    const etag = '"card-v1"';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': 'no-cache' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json', etag, 'cache-control': 'no-cache' });
    return res.end(JSON.stringify(travelAgentCard(origin)));
  }
  if (url.pathname === '/.well-known/agent-descriptions') return json(res, 200, travelAgentDescriptions(origin));
  if (url.pathname === '/agents/concierge/ad.json') return json(res, 200, travelAgentDescription(origin));
  send(res, 404, 'text/plain', 'Not found');
};

const HANDLERS: Record<SiteName, Handler> = { shop, agent, plain };
export const DEFAULT_PORTS: Record<SiteName, number> = { shop: 4101, plain: 4102, agent: 4104 };

export async function startDemoSites(options: DemoOptions = {}): Promise<DemoSites> {
  const host = options.host ?? '127.0.0.1';
  const requests = new Map<string, number>();
  const servers: Server[] = [];
  const origins = {} as Record<SiteName, string>;
  for (const name of Object.keys(HANDLERS) as SiteName[]) {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', origins[name]);
      const key = `${name} ${url.pathname}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      if (req.headers['if-none-match']) requests.set(`${key} conditional`, (requests.get(`${key} conditional`) ?? 0) + 1);
      const mounted = options.mount?.[name];
      if ([mounted ?? []].flat().some((handle) => handle(req, res, url))) return;
      const answer = () => HANDLERS[name](req, res, url, origins[name]);
      if (options.wellKnownDelayMs && url.pathname.startsWith('/.well-known/')) setTimeout(answer, options.wellKnownDelayMs);
      else answer();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.ports?.[name] ?? 0, host, () => resolve());
    });
    origins[name] = `http://${host}:${(server.address() as AddressInfo).port}`;
    servers.push(server);
  }
  return {
    origins,
    requests,
    requestCount: (site, path) => requests.get(`${site} ${path}`) ?? 0,
    cart: (key) => carts.get(key) ?? [],
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
    },
  };
}
