// Demo sites built to attack Emissary, each a real HTTP server on its own loopback port (its own origin):
//   evil       hostile strings in every document, a cookie, forged messages, a paid API (mounted)
//   redirector well-known URLs that redirect to another site, to private addresses, and in loops
//   huge       gigantic, endless and trickling answers
//   elsewhere  a site the user never visits: it must never hear from Emissary
// Every request is logged with its headers, so tests can check cookies, referrers and who was asked.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostileAgentCard, hostileAgentsJson, hostileOpenApi, hostilePage } from './documents';

export type HostileSiteName = 'evil' | 'redirector' | 'huge' | 'elsewhere';
const NAMES: HostileSiteName[] = ['evil', 'redirector', 'huge', 'elsewhere'];

export interface LoggedRequest {
  site: HostileSiteName;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface EndlessStream {
  site: HostileSiteName;
  path: string;
  bytesSent: number;
  /** True once the client hung up (the server never ends these itself). */
  closedByClient: boolean;
}

export interface HostileSites {
  origins: Record<HostileSiteName, string>;
  requests: LoggedRequest[];
  requestsTo(site: HostileSiteName): LoggedRequest[];
  endless: EndlessStream[];
  close(): Promise<void>;
}

export interface HostileOptions {
  /** Extra handlers tried first on a site (the paid x402 API); true when they answered. */
  mount?: Partial<Record<HostileSiteName, (req: IncomingMessage, res: ServerResponse, url: URL) => boolean>>;
}

const MIB = 1024 * 1024;

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}
const json = (res: ServerResponse, value: unknown) => send(res, 200, 'application/json', JSON.stringify(value));
const redirect = (res: ServerResponse, location: string) => send(res, 302, 'text/plain', 'moved', { location });

export async function startHostileSites(options: HostileOptions = {}): Promise<HostileSites> {
  const origins = {} as Record<HostileSiteName, string>;
  const requests: LoggedRequest[] = [];
  const endless: EndlessStream[] = [];
  const timers = new Set<ReturnType<typeof setInterval>>();

  /** Writes `chunk` every `everyMs` until the client goes away; never ends the response. */
  function stream(site: HostileSiteName, path: string, res: ServerResponse, chunk: string, everyMs: number, headers: Record<string, string> = {}) {
    const s: EndlessStream = { site, path, bytesSent: 0, closedByClient: false };
    endless.push(s);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    const write = () => {
      s.bytesSent += Buffer.byteLength(chunk);
      res.write(chunk);
    };
    write();
    const timer = setInterval(write, everyMs);
    timers.add(timer);
    res.on('close', () => {
      s.closedByClient = true;
      clearInterval(timer);
      timers.delete(timer);
    });
  }

  const handlers: Record<HostileSiteName, (req: IncomingMessage, res: ServerResponse, url: URL) => void> = {
    evil: (_req, res, url) => {
      const origin = origins.evil;
      if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', hostilePage(origins.elsewhere), { 'set-cookie': 'server_cookie=server-secret-13; Path=/' });
      if (url.pathname === '/.well-known/agents.json') return json(res, hostileAgentsJson(origin));
      if (url.pathname === '/openapi.json') return json(res, hostileOpenApi(origin));
      if (url.pathname === '/.well-known/agent-card.json') return json(res, hostileAgentCard(origin, origins.elsewhere));
      if (url.pathname === '/api/find') return json(res, { results: [] });
      send(res, 404, 'text/plain', 'Not found');
    },
    redirector: (_req, res, url) => {
      const p = url.pathname;
      // The page declares documents (so a refusal is a problem to show, not a quiet miss) that redirect.
      if (p === '/') {
        return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><title>Redirector</title>
<link rel="agents" href="/hint/elsewhere.json"><link rel="agent-card" href="/hint/private.json">
<link rel="mcp" href="/hint/metadata.json"><link rel="agent-descriptions" href="/hint/loop"><h1>Everything here points elsewhere</h1>`);
      }
      // To another site (which the user never visited).
      if (p === '/.well-known/agents.json' || p === '/hint/elsewhere.json') return redirect(res, `${origins.elsewhere}/.well-known/agents.json`);
      // To a private address and to the cloud metadata address.
      if (p === '/.well-known/agent-card.json' || p === '/hint/private.json') return redirect(res, 'http://10.255.255.1/.well-known/agent-card.json');
      if (p === '/agents.json' || p === '/hint/metadata.json') return redirect(res, 'http://169.254.169.254/latest/meta-data/');
      // A loop on the same site.
      if (p === '/.well-known/agent-descriptions' || p === '/hint/loop' || p.startsWith('/loop/')) return redirect(res, `/loop/${Number(p.split('/')[2] ?? 0) + 1}`);
      send(res, 404, 'text/plain', 'Not found');
    },
    huge: (_req, res, url) => {
      const p = url.pathname;
      if (p === '/') return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Huge</title><h1>Answers that never end</h1>');
      // 3 MiB of valid JSON, chunked (no Content-Length to refuse it early).
      if (p === '/.well-known/agents.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.write('{"agentsJson":"0.1.0","info":{"title":"huge","version":"1","description":"');
        for (let i = 0; i < 3 * 16; i++) res.write('x'.repeat(MIB / 16));
        return res.end('"},"sources":[],"flows":[]}');
      }
      // Endless and fast: 64 KiB every 10 ms, forever.
      if (p === '/.well-known/agent-card.json') return stream('huge', p, res, ' '.repeat(64 * 1024), 10);
      // Endless and slow: a byte a second, forever.
      if (p === '/.well-known/agent-descriptions') return stream('huge', p, res, ' ', 1000);
      // Declares 50 MiB up front.
      if (p === '/agents.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MIB) });
        return res.write('{');
      }
      send(res, 404, 'text/plain', 'Not found');
    },
    elsewhere: (_req, res, url) => {
      if (url.pathname === '/.well-known/agents.json') return json(res, { agentsJson: '0.1.0', info: { title: 'Elsewhere', version: '1', description: 'never visited' }, sources: [], flows: [] });
      send(res, 404, 'text/plain', 'Not found');
    },
  };

  const servers: Server[] = [];
  for (const name of NAMES) {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', origins[name]);
      requests.push({ site: name, method: req.method ?? 'GET', path: url.pathname, headers: req.headers });
      if (options.mount?.[name]?.(req, res, url)) return;
      handlers[name](req, res, url);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    origins[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
  }
  return {
    origins,
    requests,
    requestsTo: (site) => requests.filter((r) => r.site === site),
    endless,
    close: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
    },
  };
}
