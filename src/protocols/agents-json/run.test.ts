// runFlow against resolved corpus flows with an injected fetch: requests built from OpenAPI, link
// propagation, progress events, failures, and credentials that never leave their origin.
import { describe, expect, it } from 'vitest';
import type { ResponseLike } from '../discovery/read-capped';
import { corpusText } from './corpus.fixture';
import { parseAgentsJson } from './parse';
import { planFlow, type FlowPlan } from './plan';
import { resolveOperations } from './resolve';
import { runFlow, type FetchInit, type FlowProgress } from './run';

const BASE = 'https://site.example/.well-known/agents.json';

function load(agents: string, openapis: Record<string, string>): (flowId: string) => FlowPlan {
  const parsed = parseAgentsJson(agents, BASE);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const resolution = resolveOperations(parsed.doc, openapis);
  return (flowId) => {
    const flow = parsed.doc.flows.find((f) => f.id === flowId);
    if (!flow) throw new Error(`no flow ${flowId}`);
    const plan = planFlow(flow, resolution.flows.get(flowId) ?? new Map());
    if (!plan.ok) throw new Error(plan.problems.map((p) => p.message).join('\n'));
    return plan.plan;
  };
}

const giphy = load(corpusText('giphy/agents.json'), { giphy: corpusText('giphy/openapi.yaml') });
const hubspot = load(corpusText('hubspotcontacts/agents.json'), { hubspotcontacts: corpusText('hubspotcontacts/openapi.yaml') });
const resend = load(corpusText('resend/agents.json'), { resend: corpusText('resend/openapi.yaml') });
const linkup = load(corpusText('linkup/agents.json'), { linkup: corpusText('linkup/openapi.yaml') });

interface Call { url: string; init: FetchInit }
type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };

function fakeFetch(reply: (call: Call) => Reply | Promise<Reply> = () => ({ body: { ok: true } })) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: FetchInit): Promise<ResponseLike> => {
    calls.push({ url, init });
    const r = await reply({ url, init });
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? {});
    const headers = new Map(Object.entries({ 'content-type': 'application/json', ...r.headers }));
    return { status: r.status ?? 200, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: async () => text };
  };
  return { fetch, calls };
}

function recorder() {
  const events: FlowProgress[] = [];
  return { events, onProgress: (e: FlowProgress) => events.push(e) };
}

const GIPHY_KEY = { giphy: { credentials: [{ type: 'apiKey' as const, name: 'api_key', in: 'query' as const, value: 'SECRET' }] } };

describe('runFlow on corpus flows', () => {
  it('giphy search: builds the query from links, puts the key in the query, reports redacted progress', async () => {
    const { fetch, calls } = fakeFetch(() => ({ body: { data: [{ id: 'gif1' }] } }));
    const { events, onProgress } = recorder();
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'cats & dogs', limit: 5 } }, { fetch, credentials: GIPHY_KEY, onProgress });
    expect(result).toMatchObject({ ok: true, output: { data: [{ id: 'gif1' }] }, steps: [{ actionId: 'search_gifs', ok: true, status: 200 }] });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('https://api.giphy.com/v1/gifs/search?api_key=SECRET&q=cats+%26+dogs&limit=5');
    expect(calls[0].init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer' });
    expect(events).toEqual([
      { type: 'step-started', step: 0, total: 1, actionId: 'search_gifs', method: 'GET', url: 'https://api.giphy.com/v1/gifs/search?api_key=***&q=cats+%26+dogs&limit=5' },
      { type: 'step-succeeded', step: 0, total: 1, actionId: 'search_gifs', status: 200, unused: [] },
      { type: 'flow-finished', ok: true },
    ]);
  });

  it('giphy stickers: follows the indexed parameters.N.value targets to the right OpenAPI parameters', async () => {
    const { fetch, calls } = fakeFetch();
    await runFlow(giphy('get_trending_stickers_flow'), { parameters: { limit: 3, rating: 'g' } }, { fetch, credentials: GIPHY_KEY });
    expect(calls[0].url).toBe('https://api.giphy.com/v1/stickers/trending?api_key=SECRET&limit=3&rating=g');
  });

  it('giphy suggestions: path values are encoded and cannot walk the path', async () => {
    const { fetch, calls } = fakeFetch();
    await runFlow(giphy('search_suggestions_flow'), { parameters: { term: '../../admin?x=1#y' } }, { fetch, credentials: GIPHY_KEY });
    expect(calls[0].url).toBe('https://api.giphy.com/v1/tags/related/..%2F..%2Fadmin%3Fx%3D1%23y?api_key=SECRET');
    const { events, onProgress } = recorder();
    const dotdot = await runFlow(giphy('search_suggestions_flow'), { parameters: { term: '..' } }, { fetch, credentials: GIPHY_KEY, onProgress });
    expect(dotdot.ok).toBe(false);
    expect(events[0]).toEqual({ type: 'step-failed', step: 0, total: 1, actionId: 'fetch_search_suggestions', error: "path parameter 'term' must be a non-empty plain value other than '.' or '..'" });
    expect(calls).toHaveLength(1);
  });

  it('hubspot get-and-update: the first response feeds the second request; an apiKey scheme places the key', async () => {
    const { fetch, calls } = fakeFetch(({ init }) => (init.method === 'GET' ? { body: { id: '901', properties: {} } } : { body: { id: '901', updated: true } }));
    const { events, onProgress } = recorder();
    const credentials = { hubspotcontacts: { credentials: [{ type: 'apiKey' as const, scheme: 'private_apps', value: 'pat-123' }] } };
    const result = await runFlow(hubspot('contacts_get_and_update'), { parameters: { contactId: '17' }, requestBody: { properties: { firstname: 'Ada' } } }, { fetch, credentials, onProgress });
    expect(result.ok).toBe(true);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET https://api.hubapi.com/crm/v3/objects/contacts/17',
      'PATCH https://api.hubapi.com/crm/v3/objects/contacts/901',
    ]);
    expect(calls[1].init.body).toBe('{"properties":{"firstname":"Ada"}}');
    expect(calls[1].init.headers).toMatchObject({ 'private-app': 'pat-123', 'content-type': 'application/json' });
    expect(events.map((e) => `${e.type}${'step' in e ? ` ${e.step}/${e.total}` : ''}`)).toEqual([
      'step-started 0/2', 'step-succeeded 0/2', 'step-started 1/2', 'step-succeeded 1/2', 'flow-finished',
    ]);
    expect(result.output).toEqual({ id: '901', updated: true });
  });

  it('hubspot list (no links): inputs reach the only action by name', async () => {
    const { fetch, calls } = fakeFetch();
    await runFlow(hubspot('contacts_list'), { parameters: { limit: 10, archived: false }, requestBody: { properties: ['email', 'firstname'] } }, { fetch });
    expect(calls[0].url).toBe('https://api.hubapi.com/crm/v3/objects/contacts?limit=10&properties=email&properties=firstname&archived=false');
  });

  it('resend send email: the whole flow body becomes the request body, with a bearer token', async () => {
    const { fetch, calls } = fakeFetch(() => ({ body: { id: 'em_1' } }));
    const email = { from: 'me@site.example', to: ['you@site.example'], subject: 'Hi', text: 'Hello' };
    const result = await runFlow(resend('resend_post_emails_flow'), { requestBody: email }, { fetch, credentials: { resend: { credentials: [{ type: 'bearer', token: 're_abc' }] } } });
    expect(result).toMatchObject({ ok: true, output: { id: 'em_1' } });
    expect(calls[0]).toMatchObject({ url: 'https://api.resend.com/emails', init: { method: 'POST', body: JSON.stringify(email), headers: { authorization: 'Bearer re_abc' } } });
  });

  it('linkup: parameters that name body properties go into the JSON body', async () => {
    const { fetch, calls } = fakeFetch();
    await runFlow(linkup('linkup_search_flow'), { parameters: { q: 'Who won?', depth: 'standard' } }, { fetch });
    expect(JSON.parse(calls[0].init.body ?? '')).toEqual({ q: 'Who won?', depth: 'standard' });
  });
});

describe('runFlow failures', () => {
  it('refuses to start without required inputs', async () => {
    const { fetch, calls } = fakeFetch();
    const { events, onProgress } = recorder();
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { limit: 1 } }, { fetch, onProgress });
    expect(result).toEqual({ ok: false, steps: [], error: 'required input missing: q' });
    expect(events).toEqual([{ type: 'flow-finished', ok: false }]);
    expect(calls).toHaveLength(0);
  });

  it('stops at an HTTP error and reports status and an excerpt', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 404, body: { message: 'No such\ncontact' } }));
    const result = await runFlow(hubspot('contacts_get_and_update'), { parameters: { contactId: '1' }, requestBody: { properties: {} } }, { fetch });
    expect(result).toMatchObject({ ok: false, error: 'get_contact_action: the server answered 404: {"message":"No such\\ncontact"}', steps: [{ ok: false, status: 404 }] });
    expect(calls).toHaveLength(1);
  });

  it('reports a required OpenAPI parameter nothing supplies', async () => {
    const { fetch } = fakeFetch();
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'x' } }, { fetch });
    expect(result.error).toBe("search_gifs: required query parameter 'api_key' is missing");
  });

  it('times out a request whose fetch never settles', async () => {
    const fetch = () => new Promise<ResponseLike>(() => undefined);
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'x' } }, { fetch, credentials: GIPHY_KEY, timeoutMs: 30 });
    expect(result.error).toBe('search_gifs: the request timed out after 30 ms');
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const fetch = () => {
      controller.abort();
      return new Promise<ResponseLike>(() => undefined);
    };
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'x' } }, { fetch, credentials: GIPHY_KEY, signal: controller.signal });
    expect(result.error).toBe('search_gifs: cancelled');
  });

  it('caps the response size', async () => {
    const { fetch } = fakeFetch(() => ({ body: { big: 'x'.repeat(5000) } }));
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'x' } }, { fetch, credentials: GIPHY_KEY, maxResponseBytes: 1000 });
    expect(result.error).toBe('search_gifs: the response is larger than 1000 bytes (5010 bytes); not read');
  });

  it('sanitises hostile JSON responses', async () => {
    const { fetch } = fakeFetch(() => ({ body: '{"__proto__":{"polluted":1},"data":[]}' }));
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'x' } }, { fetch, credentials: GIPHY_KEY });
    expect(result.output).toEqual({ data: [] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives a throwing progress listener', async () => {
    const { fetch } = fakeFetch();
    const result = await runFlow(giphy('search_gifs_flow'), { parameters: { q: 'x' } }, { fetch, credentials: GIPHY_KEY, onProgress: () => { throw new Error('ui gone'); } });
    expect(result.ok).toBe(true);
  });
});
