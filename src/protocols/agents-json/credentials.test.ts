// Credentials are attached only to requests to the origin they are bound to (by default the source's
// own origin), only over https, and never to another source's requests.
import { describe, expect, it } from 'vitest';
import type { ResponseLike } from '../discovery/read-capped';
import { corpusText } from './corpus.fixture';
import { parseAgentsJson } from './parse';
import { planFlow, type FlowPlan } from './plan';
import { resolveOperations } from './resolve';
import { runFlow, type FetchInit } from './run';

const BASE = 'https://site.example/.well-known/agents.json';

function plan(agents: string, openapis: Record<string, string>, flowId: string): FlowPlan {
  const parsed = parseAgentsJson(agents, BASE);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const resolution = resolveOperations(parsed.doc, openapis);
  const flow = parsed.doc.flows.find((f) => f.id === flowId);
  const result = flow && planFlow(flow, resolution.flows.get(flowId) ?? new Map());
  if (!result?.ok) throw new Error(`cannot plan ${flowId}`);
  return result.plan;
}

function fakeFetch(body: (url: string) => unknown = () => ({})) {
  const calls: Array<{ url: string; init: FetchInit }> = [];
  const fetch = async (url: string, init: FetchInit): Promise<ResponseLike> => {
    calls.push({ url, init });
    const text = JSON.stringify(body(url));
    return { status: 200, headers: { get: (n: string) => (n.toLowerCase() === 'content-type' ? 'application/json' : null) }, text: async () => text };
  };
  return { fetch, calls };
}

/** Everything that could carry a secret: URL and header values. */
function leaked(calls: Array<{ url: string; init: FetchInit }>, secret: string): string[] {
  return calls.filter((c) => c.url.includes(secret) || Object.values(c.init.headers).some((h) => h.includes(secret))).map((c) => c.url);
}

const GIPHY_AGENTS = corpusText('giphy/agents.json');
const GIPHY_API = corpusText('giphy/openapi.yaml');
const giphyKey = (origin?: string) => ({ giphy: { ...(origin ? { origin } : {}), credentials: [{ type: 'apiKey' as const, name: 'api_key', in: 'query' as const, value: 'GIPHY-SECRET' }] } });

describe('credentials stay on their origin', () => {
  it('are attached when the request goes to the bound origin', async () => {
    const { fetch, calls } = fakeFetch();
    const result = await runFlow(plan(GIPHY_AGENTS, { giphy: GIPHY_API }, 'random_gif_flow'), { parameters: { tag: 'cat' } }, { fetch, credentials: giphyKey('https://api.giphy.com/') });
    expect(result.ok).toBe(true);
    expect(leaked(calls, 'GIPHY-SECRET')).toEqual(['https://api.giphy.com/v1/gifs/random?api_key=GIPHY-SECRET&tag=cat']);
  });

  it('are refused, and nothing is sent, when the OpenAPI points elsewhere than the origin the user bound them to', async () => {
    const hostile = GIPHY_API.replace('https://api.giphy.com/v1', 'https://evil.example/v1');
    const { fetch, calls } = fakeFetch();
    const result = await runFlow(plan(GIPHY_AGENTS, { giphy: hostile }, 'random_gif_flow'), { parameters: { tag: 'cat' } }, { fetch, credentials: giphyKey('https://api.giphy.com') });
    expect(result.error).toBe("fetch_random_gif: credentials for source 'giphy' are bound to https://api.giphy.com; refusing to send them to https://evil.example");
    expect(calls).toEqual([]);
  });

  it("default to the source's own origin, so an operation served from another host does not get them", async () => {
    const api = JSON.stringify({
      openapi: '3.0.0', info: { title: 'x', version: '1' }, servers: [{ url: 'https://api.shop.example' }],
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } }, security: [{ key: [] }],
      paths: {
        '/items': { get: { operationId: 'list' } },
        '/upload': { post: { operationId: 'upload', servers: [{ url: 'https://uploads.other.example' }] } },
      },
    });
    const agents = JSON.stringify({
      agentsJson: '0.1.0', info: { title: 't', version: '1', description: 'd' }, sources: [{ id: 'shop', path: 'https://api.shop.example/openapi.json' }],
      flows: [{ id: 'f', title: 'F', description: 'D', actions: [{ id: 'a', sourceId: 'shop', operationId: 'list' }, { id: 'b', sourceId: 'shop', operationId: 'upload' }], fields: { parameters: [], responses: { success: {} } } }],
    });
    const { fetch, calls } = fakeFetch();
    const result = await runFlow(plan(agents, { shop: api }, 'f'), {}, { fetch, credentials: { shop: { credentials: [{ type: 'apiKey', value: 'SHOP-SECRET' }] } } });
    expect(result.error).toBe("b: credentials for source 'shop' are bound to https://api.shop.example; refusing to send them to https://uploads.other.example");
    expect(calls.map((c) => c.url)).toEqual(['https://api.shop.example/items']);
    expect(calls[0].init.headers['x-key']).toBe('SHOP-SECRET');
  });

  it('are never sent over plain http', async () => {
    const plainHttp = GIPHY_API.replace('https://api.giphy.com/v1', 'http://api.giphy.com/v1');
    const { fetch, calls } = fakeFetch();
    const result = await runFlow(plan(GIPHY_AGENTS, { giphy: plainHttp }, 'random_gif_flow'), {}, { fetch, credentials: giphyKey() });
    expect(result.error).toBe('fetch_random_gif: refusing to send credentials over http to http://api.giphy.com');
    expect(calls).toEqual([]);
  });

  it("go only with their own source's requests in a two-source flow", async () => {
    const openapi = (host: string, op: string, scheme: object) => JSON.stringify({
      openapi: '3.1.0', info: { title: host, version: '1' }, servers: [{ url: `https://${host}` }],
      components: { securitySchemes: { s: scheme } }, security: [{ s: [] }],
      paths: { [`/${op}/{id}`]: { get: { operationId: op, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } } },
    });
    const agents = JSON.stringify({
      agentsJson: '0.1.0', info: { title: 't', version: '1', description: 'd' },
      sources: [{ id: 'crm', path: 'https://crm.example/o.json' }, { id: 'mail', path: 'https://mail.example/o.json' }],
      flows: [{
        id: 'lookup_then_mail', title: 'T', description: 'D',
        actions: [{ id: 'find', sourceId: 'crm', operationId: 'person' }, { id: 'send', sourceId: 'mail', operationId: 'inbox' }],
        links: [
          { origin: { actionId: 'lookup_then_mail', fieldPath: 'parameters.who' }, target: { actionId: 'find', fieldPath: 'parameters.id' } },
          { origin: { actionId: 'find', fieldPath: 'responses.success.mailbox' }, target: { actionId: 'send', fieldPath: 'parameters.id' } },
          { origin: { actionId: 'send', fieldPath: 'responses.success.count' }, target: { actionId: null, fieldPath: 'responses.success.unread' } },
        ],
        fields: { parameters: [{ name: 'who', required: true, type: 'string' }], responses: { success: {} } },
      }],
    });
    const p = plan(agents, { crm: openapi('crm.example', 'person', { type: 'http', scheme: 'bearer' }), mail: openapi('mail.example', 'inbox', { type: 'apiKey', in: 'header', name: 'X-Mail-Key' }) }, 'lookup_then_mail');
    const { fetch, calls } = fakeFetch((url) => (url.startsWith('https://crm.example') ? { mailbox: 'box 7' } : { count: 3 }));
    const credentials = {
      crm: { credentials: [{ type: 'bearer' as const, token: 'CRM-SECRET' }] },
      mail: { credentials: [{ type: 'apiKey' as const, value: 'MAIL-SECRET' }] },
    };
    const result = await runFlow(p, { parameters: { who: 'ada' } }, { fetch, credentials });
    expect(result).toMatchObject({ ok: true, output: { unread: 3 } });
    expect(calls.map((c) => c.url)).toEqual(['https://crm.example/person/ada', 'https://mail.example/inbox/box%207']);
    expect(leaked(calls, 'CRM-SECRET')).toEqual(['https://crm.example/person/ada']);
    expect(leaked(calls, 'MAIL-SECRET')).toEqual(['https://mail.example/inbox/box%207']);
    expect(calls[1].init.headers.authorization).toBeUndefined();

    // Without credentials for mail, its request goes out bare and the crm token stays home.
    const bare = fakeFetch((url) => (url.startsWith('https://crm.example') ? { mailbox: 'box 7' } : { count: 0 }));
    await runFlow(p, { parameters: { who: 'ada' } }, { fetch: bare.fetch, credentials: { crm: credentials.crm } });
    expect(leaked(bare.calls, 'CRM-SECRET')).toEqual(['https://crm.example/person/ada']);
    expect(bare.calls[1].init.headers).toEqual({ accept: 'application/json' });
    expect(bare.calls[1].init.redirect).toBe('follow');
  });

  it('sends basic credentials base64-encoded as UTF-8, and refuses an API key it cannot place', async () => {
    const { fetch, calls } = fakeFetch();
    await runFlow(plan(GIPHY_AGENTS, { giphy: GIPHY_API }, 'random_gif_flow'), {}, {
      fetch, credentials: { giphy: { credentials: [{ type: 'basic', username: 'zoë', password: 'p:w' }, { type: 'apiKey', name: 'api_key', in: 'query', value: 'k' }] } },
    });
    expect(calls[0].init.headers.authorization).toBe(`Basic ${Buffer.from('zoë:p:w', 'utf8').toString('base64')}`);
    const unplaced = await runFlow(plan(GIPHY_AGENTS, { giphy: GIPHY_API }, 'random_gif_flow'), {}, { fetch, credentials: { giphy: { credentials: [{ type: 'apiKey', value: 'k' }] } } });
    expect(unplaced.error).toBe("fetch_random_gif: cannot tell where the API key for source 'giphy' goes; give it a name and a location");
  });

  it('alpaca round trip: both API key schemes go to the trading origin only, and the order id links through', async () => {
    const agents = corpusText('alpaca/agents.json');
    const apis = { alpacatrading: corpusText('alpaca/trading_openapi.yaml'), alpacamarketdata: corpusText('alpaca/marketdata_openapi.yaml') };
    const { fetch, calls } = fakeFetch((url) => (url.endsWith('/v2/orders') ? { id: 'ord-42', status: 'accepted' } : { id: 'ord-42', status: 'filled' }));
    const credentials = {
      alpacatrading: { credentials: [{ type: 'apiKey' as const, scheme: 'API_Key', value: 'KEY-ID' }, { type: 'apiKey' as const, scheme: 'API_Secret', value: 'KEY-SECRET' }] },
      // Bound to the live host: never used for the paper-trading server the OpenAPI lists first.
      alpacamarketdata: { origin: 'https://data.alpaca.markets', credentials: [{ type: 'bearer' as const, token: 'DATA-SECRET' }] },
    };
    const result = await runFlow(plan(agents, apis, 'order_roundtrip'), { parameters: { symbol: 'AAPL', side: 'buy', order_type: 'market', type: 'market', time_in_force: 'day', qty: 1 } }, { fetch, credentials });
    expect(result).toMatchObject({ ok: true, output: { status: 'filled' } });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST https://paper-api.alpaca.markets/v2/orders', 'GET https://paper-api.alpaca.markets/v2/orders/ord-42']);
    for (const c of calls) expect(c.init.headers).toMatchObject({ 'apca-api-key-id': 'KEY-ID', 'apca-api-secret-key': 'KEY-SECRET' });
    expect(JSON.parse(calls[0].init.body ?? '')).toEqual({ symbol: 'AAPL', side: 'buy', order_type: 'market', time_in_force: 'day', qty: 1, type: 'market' });
    expect(leaked(calls, 'DATA-SECRET')).toEqual([]);
  });

  it('ignore an API key for a scheme the operation does not use, and refuse an unusable bound origin', async () => {
    const { fetch, calls } = fakeFetch();
    const unused = await runFlow(plan(GIPHY_AGENTS, { giphy: GIPHY_API }, 'random_gif_flow'), {}, {
      fetch, credentials: { giphy: { origin: 'https://elsewhere.example', credentials: [{ type: 'apiKey', scheme: 'not_used_here', value: 'X' }] } },
    });
    expect(unused.error).toBe("fetch_random_gif: required query parameter 'api_key' is missing");
    const bad = await runFlow(plan(GIPHY_AGENTS, { giphy: GIPHY_API }, 'random_gif_flow'), {}, { fetch, credentials: giphyKey('not an origin') });
    expect(bad.error).toBe("fetch_random_gif: credentials for source 'giphy' are bound to no usable origin; refusing to send them");
    expect(calls).toEqual([]);
  });
});
