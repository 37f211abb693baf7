// discoverSite against a real HTTP server on this machine, with Node's own fetch: redirects within the
// site and to another origin, a body that never finishes (timeout), a 5 MB body (byte cap), HTML served as
// JSON, and a catch-all HTML page.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSite, type SiteDiscovery } from './discover-site';
import { WELL_KNOWN_PROBES } from './well-known';

let server: http.Server;
let origin = '';
const seen: Array<{ path: string; cookie?: string; accept?: string }> = [];

const card = (base: string) => ({
  name: 'Local Agent', description: 'Runs here', version: '1', capabilities: {}, defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'],
  supportedInterfaces: [{ url: `${base}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }], skills: [{ id: 'echo', name: 'Echo', description: 'Echoes', tags: ['test'] }],
});

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? '/';
  seen.push({ path, cookie: req.headers.cookie, accept: req.headers.accept });
  switch (path) {
    case '/.well-known/agent.json': // the legacy path moved within the site
      res.writeHead(301, { location: '/cards/agent.json' }).end();
      return;
    case '/cards/agent.json':
      res.writeHead(200, { 'content-type': 'application/json', etag: '"c1"', 'cache-control': 'public, max-age=3600' }).end(JSON.stringify(card(origin)));
      return;
    case '/.well-known/agent-card.json':
      res.writeHead(302, { location: 'https://evil.example/.well-known/agent-card.json' }).end();
      return;
    case '/.well-known/agent-descriptions': // headers at once, then a body that never comes
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"@type":"CollectionPage","items":[');
      return;
    case '/.well-known/ai-catalog.json': { // 5 MB, streamed without a Content-Length
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 5 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('{}');
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    case '/.well-known/mcp/server-card':
      res.writeHead(200, { 'content-type': 'application/json' }).end('<!DOCTYPE html><html><body>Welcome</body></html>');
      return;
    case '/agents.json':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html>app shell</html>');
      return;
    default:
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('discoverSite over real HTTP', () => {
  let result: SiteDiscovery;
  beforeAll(async () => {
    result = await discoverSite(origin, { fetch: (url, init) => fetch(url, init), now: () => 42, timeoutMs: 750 });
  }, 20_000);

  it('follows a redirect within the site and reads the card it leads to', () => {
    const doc = result.documents.find((d) => d.url === `${origin}/.well-known/agent.json`);
    expect(doc).toMatchObject({ kind: 'a2a-agent-card', protocol: 'a2a', problems: [], summary: { name: 'Local Agent', counts: { skills: 1, interfaces: 1 } } });
    expect(result.cache.find((c) => c.url === `${origin}/.well-known/agent.json`)).toEqual({ url: `${origin}/.well-known/agent.json`, etag: '"c1"', maxAgeMs: 3_600_000 });
  });

  it('gives each hostile answer one clear problem', () => {
    const problems = Object.fromEntries(result.documents.filter((d) => d.problems.length).map((d) => [d.url.slice(origin.length), d.problems.map((p) => `${p.severity}: ${p.message}`)]));
    expect(problems).toEqual({
      '/.well-known/agent-card.json': ['error: agent-card.json: redirected to another site (https://evil.example); not followed'],
      '/.well-known/agent-descriptions': ['error: agent-descriptions: did not answer within 750 ms; gave up'],
      '/.well-known/ai-catalog.json': [expect.stringMatching(/^error: ai-catalog\.json: is larger than 1048576 bytes \(at least \d+ bytes\); not read$/)],
      '/.well-known/mcp/server-card': ['error: mcp/server-card: is an HTML page served as application/json, not a JSON document; not read'],
    });
  });

  it('counts the catch-all HTML page and the 404s as misses', () => {
    expect(result.misses.map((m) => [m.url.slice(origin.length), m.status])).toEqual([
      ['/.well-known/agents.json', 404], ['/agents.json', 200], ['/llms.txt', 404],
    ]);
    expect(result.fetchedAt).toBe(42);
  });

  it('asked every default path once, in parallel, without cookies, with the Accept each protocol names', () => {
    const defaults = WELL_KNOWN_PROBES.filter((p) => p.byDefault);
    for (const p of defaults) expect(seen.filter((s) => s.path === p.path)).toHaveLength(1);
    expect(seen.every((s) => s.cookie === undefined)).toBe(true);
    expect(seen.find((s) => s.path === '/.well-known/ai-catalog.json')?.accept).toBe('application/ai-catalog+json, application/json;q=0.9');
    expect(seen.some((s) => s.path.startsWith('https://evil.example'))).toBe(false);
  });
});

describe('loopback rules', () => {
  it('a public site may not redirect discovery to this machine', async () => {
    for (const [location, text] of [
      [`${origin}/cards/agent.json`, 'agent-card.json: redirected from https to http; not followed'],
      ['https://127.0.0.1/cards/agent.json', 'agent-card.json: points at a local or private address; not followed'],
    ]) {
      const fetchVia: Parameters<typeof discoverSite>[1]['fetch'] = async (url) =>
        url === 'https://public.example/.well-known/agent-card.json' ? new Response(null, { status: 302, headers: { location } }) : new Response('', { status: 404 });
      const r = await discoverSite('https://public.example', { fetch: fetchVia, now: () => 0, probes: WELL_KNOWN_PROBES.filter((p) => p.path === '/.well-known/agent-card.json') });
      expect(r.documents.flatMap((d) => d.problems.map((p) => p.message))).toEqual([text]);
    }
  });
});
