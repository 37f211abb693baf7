// discoverSite with an injected fetch: every protocol on one site, the follow-ups each protocol needs,
// parallel probing, page hints, and one clear problem per hostile answer.
import { describe, expect, it } from 'vitest';
import { corpusText, sharedText } from '../agents-json/corpus.fixture';
import { discoverSite, discoverUrl, type DiscoverDeps } from './discover-site';
import type { DiscoveryRequestInit } from './fetch-document';
import { WELL_KNOWN_PROBES } from './well-known';

const O = 'https://site.example';
type Route = Response | ((init: DiscoveryRequestInit) => Response | Promise<Response>);

const json = (body: unknown, headers: Record<string, string> = {}) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } });

function site(routes: Record<string, Route>, calls: string[] = []): DiscoverDeps['fetch'] {
  return async (url, init) => {
    calls.push(url);
    const route = routes[url];
    if (!route) return new Response('not found', { status: 404 });
    return typeof route === 'function' ? route(init) : route.clone();
  };
}

const deps = (routes: Record<string, Route>, extra: Partial<DiscoverDeps> = {}): DiscoverDeps => ({ fetch: site(routes), now: () => 1_700_000_000_000, timeoutMs: 500, ...extra });

const CARD = { name: 'Helper', description: 'Helps', version: '1', supportedInterfaces: [{ url: `${O}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }], capabilities: {}, defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'], skills: [{ id: 's', name: 'S', description: 'd', tags: ['t'] }] };
const AD = (name: string) => ({ protocolType: 'ANP', protocolVersion: '1.0.0', type: 'AgentDescription', name, securityDefinitions: { d: { scheme: 'didwba', in: 'header', name: 'Authorization' } }, security: 'd', interfaces: [{ type: 'NaturalLanguageInterface', protocol: 'YAML', url: `${O}/nl.yaml` }] });
const MCP = { $schema: 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json', name: 'site.example/main', version: '1.0.0', description: 'Main server', remotes: [{ type: 'streamable-http', url: `${O}/mcp` }] };
const GIPHY_SOURCE = 'https://raw.githubusercontent.com/kmahorker/tmp/refs/heads/master/giphy/openapi.yaml';

describe('discoverSite', () => {
  it('finds every declared interface and follows what each protocol needs', async () => {
    const routes: Record<string, Route> = {
      [`${O}/.well-known/agents.json`]: json(corpusText('giphy/agents.json')),
      [GIPHY_SOURCE]: new Response(corpusText('giphy/openapi.yaml'), { headers: { 'content-type': 'text/plain; charset=utf-8' } }),
      [`${O}/.well-known/agent-card.json`]: json(CARD, { etag: '"v1"', 'cache-control': 'max-age=600', 'last-modified': 'Tue, 01 Jul 2025 00:00:00 GMT' }),
      [`${O}/.well-known/agent-descriptions`]: json({ '@type': 'CollectionPage', items: [{ '@id': `${O}/agents/a/ad.json`, name: 'A' }], next: `${O}/.well-known/agent-descriptions?page=2` }),
      [`${O}/.well-known/agent-descriptions?page=2`]: json({ '@type': 'CollectionPage', items: [{ '@id': `${O}/agents/b/ad.json` }, { '@id': `${O}/agents/gone/ad.json` }] }),
      [`${O}/agents/a/ad.json`]: json(AD('Agent A')),
      [`${O}/agents/b/ad.json`]: json(AD('Agent B')),
      [`${O}/.well-known/ai-catalog.json`]: json({ specVersion: '1.0', entries: [
        { identifier: 'urn:mcp:server:site.example/main', mediaType: 'application/mcp-server+json', url: `${O}/mcp/server-card` },
        { identifier: 'urn:x:a2a', type: 'application/a2a-agent-card+json', data: CARD },
        { identifier: 'urn:x:again', type: 'application/a2a-agent-card+json', url: `${O}/.well-known/agent-card.json` },
      ] }),
      [`${O}/mcp/server-card`]: json(MCP),
      [`${O}/llms.txt`]: new Response('# Site\n\n> For agents.\n\n- [API](https://site.example/api.md)\n', { headers: { 'content-type': 'text/markdown' } }),
    };
    const r = await discoverSite(`${O}/some/page?x=1`, deps(routes));
    expect(r.origin).toBe(O);
    expect(r.fetchedAt).toBe(1_700_000_000_000);
    expect(r.documents.map((d) => [d.protocol, d.kind, d.url, d.via ?? null])).toEqual([
      ['agents.json', 'wildcard-agents-json', `${O}/.well-known/agents.json`, null],
      ['openapi', 'openapi', GIPHY_SOURCE, `${O}/.well-known/agents.json`],
      ['a2a', 'a2a-agent-card', `${O}/.well-known/agent-card.json`, null],
      ['anp', 'anp-agent-descriptions', `${O}/.well-known/agent-descriptions`, null],
      ['anp', 'anp-agent-description', `${O}/agents/a/ad.json`, `${O}/.well-known/agent-descriptions`],
      ['anp', 'anp-agent-description', `${O}/agents/b/ad.json`, `${O}/.well-known/agent-descriptions`],
      ['anp', 'anp-agent-description', `${O}/agents/gone/ad.json`, `${O}/.well-known/agent-descriptions`],
      ['mcp', 'ai-catalog', `${O}/.well-known/ai-catalog.json`, null],
      ['mcp', 'mcp-server-card', `${O}/mcp/server-card`, `${O}/.well-known/ai-catalog.json`],
      ['a2a', 'a2a-agent-card', `${O}/.well-known/ai-catalog.json#entries[1]`, `${O}/.well-known/ai-catalog.json`],
      ['llms.txt', 'llms-txt', `${O}/llms.txt`, null],
    ]);
    const byUrl = (u: string) => r.documents.find((d) => d.url === u);
    // Every action resolves to its operation; the corpus file's one known link quirk stays a warning.
    expect(byUrl(`${O}/.well-known/agents.json`)).toMatchObject({ summary: { name: 'Giphy Agent Flows', counts: { flows: 6, operations: 6 } } });
    expect(byUrl(`${O}/.well-known/agents.json`)?.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(byUrl(GIPHY_SOURCE)).toMatchObject({ problems: [], summary: { name: 'Giphy API', counts: { operations: 18 } } });
    expect(byUrl(`${O}/.well-known/agent-descriptions`)).toMatchObject({ problems: [], summary: { counts: { agents: 3 } }, detail: { pages: 2, next: null } });
    expect(byUrl(`${O}/agents/gone/ad.json`)?.problems.map((p) => p.message)).toEqual(['gone/ad.json: answered HTTP 404']);
    expect(byUrl(`${O}/agents/b/ad.json`)).toMatchObject({ problems: [], summary: { name: 'Agent B' } });
    expect(byUrl(`${O}/mcp/server-card`)).toMatchObject({ problems: [], summary: { name: 'site.example/main' } });
    expect(byUrl(`${O}/.well-known/ai-catalog.json#entries[1]`)).toMatchObject({ problems: [], summary: { name: 'Helper' } });
    expect(r.misses).toEqual([
      { url: `${O}/agents.json`, status: 404, reason: 'answered HTTP 404' },
      { url: `${O}/.well-known/agent.json`, status: 404, reason: 'answered HTTP 404' },
      { url: `${O}/.well-known/mcp/server-card`, status: 404, reason: 'answered HTTP 404' },
    ]);
    expect(r.cache.find((c) => c.url === `${O}/.well-known/agent-card.json`)).toEqual({ url: `${O}/.well-known/agent-card.json`, etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 00:00:00 GMT', maxAgeMs: 600_000 });
    expect(r.cache.find((c) => c.url === `${O}/agents.json`)?.maxAgeMs).toBe(15 * 60_000);
  });

  it('probes in parallel: no probe waits for another', async () => {
    const probes = WELL_KNOWN_PROBES.filter((p) => p.byDefault).length;
    const waiting: Array<() => void> = [];
    const fetch: DiscoverDeps['fetch'] = () => new Promise((resolve) => {
      waiting.push(() => resolve(new Response('', { status: 404 })));
      if (waiting.length === probes) waiting.forEach((go) => go());
    });
    const r = await discoverSite(O, { fetch, now: () => 0, timeoutMs: 1000 });
    expect(r.misses).toHaveLength(probes);
    expect(r.documents).toEqual([]);
  });

  it('fetches what the page points at, and reports a declared document that is missing', async () => {
    const calls: string[] = [];
    const routes = { [`${O}/cards/helper.json`]: json(CARD) };
    const r = await discoverSite(O, {
      fetch: site(routes, calls), now: () => 0, probes: [],
      hints: [['alternate', '/cards/helper.json', 'application/a2a-agent-card+json'], ['ai-catalog', '/missing.json'], ['ai-catalog', 'https://evil.example/c.json']],
    });
    expect(calls.sort()).toEqual([`${O}/cards/helper.json`, `${O}/missing.json`]);
    expect(r.documents.map((d) => [d.kind, d.label, d.problems.map((p) => p.message)])).toEqual([
      ['a2a-agent-card', 'A2A agent card', []],
      ['ai-catalog', 'AI Catalog', ['missing.json: answered HTTP 404']],
    ]);
  });

  it('caps what it follows and says so', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ '@id': `${O}/agents/${i}/ad.json` }));
    const routes: Record<string, Route> = { [`${O}/.well-known/agent-descriptions`]: json({ '@type': 'CollectionPage', items }) };
    items.forEach((it, i) => { routes[it['@id']] = json(AD(`Agent ${i}`)); });
    const r = await discoverSite(O, deps(routes, { maxFollow: 3 }));
    expect(r.documents.map((d) => d.kind)).toEqual(['anp-agent-descriptions', 'anp-agent-description', 'anp-agent-description', 'anp-agent-description']);
    expect(r.documents[0].problems.map((p) => p.message)).toEqual(['agent-descriptions: names 30 agent descriptions; only the first 3 were fetched']);
  });

  it('tells why an agents.json cannot run when its OpenAPI source fails', async () => {
    const r = await discoverSite(O, deps({ [`${O}/.well-known/agents.json`]: json(corpusText('giphy/agents.json')), [GIPHY_SOURCE]: new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } }) }));
    expect(r.documents.map((d) => d.kind)).toEqual(['wildcard-agents-json']);
    expect(r.documents[0].problems.map((p) => p.message)).toEqual([`agents.json: sources[0] ('giphy'): its OpenAPI document ${GIPHY_SOURCE} is an HTML page, not OpenAPI, so its actions cannot run`]);
    expect(r.documents[0].summary.counts.operations).toBe(0);
  });

  it('turns each hostile answer into one clear problem and never throws', async () => {
    let deep = '1';
    for (let i = 0; i < 100; i++) deep = `{"a":${deep}}`;
    const routes: Record<string, Route> = {
      [`${O}/.well-known/agents.json`]: new Response('x', { headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) } }),
      [`${O}/agents.json`]: new Response('<!doctype html><title>Shop</title>', { headers: { 'content-type': 'text/html' } }),
      [`${O}/.well-known/agent-card.json`]: json(`{"name":"Deep","supportedInterfaces":[],"x":${deep}}`),
      [`${O}/.well-known/agent.json`]: new Response(null, { status: 301, headers: { location: 'https://evil.example/agent.json' } }),
      [`${O}/.well-known/agent-descriptions`]: json('<!doctype html><p>not json</p>'),
      [`${O}/.well-known/ai-catalog.json`]: () => new Promise<Response>(() => undefined),
      [`${O}/.well-known/mcp/server-card`]: json({ name: 5, remotes: 'x', $schema: 'server-card' }),
      [`${O}/llms.txt`]: () => { throw new TypeError('fetch failed'); },
    };
    const r = await discoverSite(O, deps(routes, { timeoutMs: 100 }));
    const shown = Object.fromEntries(r.documents.map((d) => [d.url.replace(O, ''), d.problems.filter((p) => p.severity === 'error').map((p) => p.message)]));
    expect(shown).toEqual({
      '/.well-known/agents.json': ['agents.json: is larger than 1048576 bytes (Content-Length 52428800); not read'],
      '/.well-known/agent-card.json': [
        expect.stringMatching(/^agent-card\.json: x\.a\.a\.a.* nests deeper than 64 levels; the deeper part was dropped$/),
        'agent-card.json: supportedInterfaces gives no endpoint Emissary can reach, so this agent cannot be contacted',
      ],
      '/.well-known/agent.json': ['agent.json: redirected to another site (https://evil.example); not followed'],
      '/.well-known/agent-descriptions': ['agent-descriptions: is an HTML page served as application/json, not a JSON document; not read'],
      '/.well-known/ai-catalog.json': ['ai-catalog.json: did not answer within 100 ms; gave up'],
      '/.well-known/mcp/server-card': ['mcp/server-card: name must be a string, found a number; ignored'],
    });
    expect(r.misses).toEqual([
      { url: `${O}/agents.json`, status: 200, reason: "answered with an HTML page (probably the site's catch-all page)" },
      { url: `${O}/llms.txt`, status: 0, reason: 'could not be fetched (fetch failed)' },
    ]);
  });

  it('refuses origins it must not fetch, without throwing', async () => {
    const never: DiscoverDeps['fetch'] = () => { throw new Error('must not fetch'); };
    for (const [origin, text] of [
      ['http://site.example', 'http://site.example: uses http, not https; discovery only fetches https (http only on this machine), so nothing was fetched'],
      ['https://10.0.0.1', 'https://10.0.0.1: points at a local or private address; discovery only fetches https (http only on this machine), so nothing was fetched'],
      ['not a url', 'not a url: is not a web address; nothing was fetched'],
    ]) {
      const r = await discoverSite(origin, { fetch: never, now: () => 0 });
      expect(r.documents.flatMap((d) => d.problems.map((p) => p.message))).toEqual([text]);
    }
  });

  it('follows a DID document to its agent description, and a /.well-known/wot probe to a TD', async () => {
    const didUrl = 'https://example.com/agents/demo/e1_nG-XhvbryhO6T9QFqzcFURHRJ19wIIu6LzbjMBPSCmQ/did.json';
    const r = await discoverUrl(didUrl, deps({ [didUrl]: json(sharedText('specs/anp-vectors/did-e1/e1/did.json'), { 'content-type': 'application/did+json' }), 'https://example.com/agents/demo': json(AD('Demo')) }));
    expect(r.documents.map((d) => [d.kind, d.signed ?? null, d.verified ?? null, d.problems])).toEqual([['did-document', true, true, []], ['anp-agent-description', false, null, []]]);
    const td = { '@context': 'https://www.w3.org/2022/wot/td/v1.1', '@type': 'lmos:Tool', title: 'T', securityDefinitions: { n: { scheme: 'nosec' } }, security: 'n', actions: { go: { forms: [{ href: '/go' }] } } };
    const wot = await discoverSite(O, deps({ [`${O}/.well-known/wot`]: json(td, { 'content-type': 'application/td+json' }) }, { probes: WELL_KNOWN_PROBES.filter((p) => p.path === '/.well-known/wot') }));
    expect(wot.documents.map((d) => [d.protocol, d.kind, d.summary.counts, d.problems])).toEqual([['lmos', 'lmos-thing-description', { actions: 1, properties: 0, events: 0 }, []]]);
  });

  it('discoverUrl reads one document and reports its failure as a problem', async () => {
    const r = await discoverUrl(`${O}/cards/helper.json`, deps({ [`${O}/cards/helper.json`]: json(CARD) }));
    expect(r.documents.map((d) => [d.kind, d.problems])).toEqual([['a2a-agent-card', []]]);
    const gone = await discoverUrl(`${O}/.well-known/agent-card.json`, deps({}));
    expect(gone.documents.map((d) => [d.kind, d.problems.map((p) => p.message)])).toEqual([['a2a-agent-card', ['agent-card.json: answered HTTP 404']]]);
  });
});
