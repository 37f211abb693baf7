// Fake MCP servers for the client tests, as injected fetch functions: a legacy (2025-11-25) server that
// answers like the reference "everything" server (SSE answers with an empty priming event, session ids,
// 400 on modern requests) and a modern (2026-07-28) server that checks headers and uses MRTR.
import type { ResponseLike } from '../../discovery/read-capped';
import type { FetchInit, FetchLike } from './transport';

type Json = Record<string, unknown>;
const enc = new TextEncoder();

export interface Recorded { method: string; headers: Record<string, string>; body?: Json }

export function sseEvent(data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** A stream the test (or the fake) can push into; it errors when the request is aborted. */
export function pushStream(signal?: AbortSignal): { stream: ReadableStream<Uint8Array>; push(text: string): void; close(): void } {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => { ctrl = c; } });
  signal?.addEventListener('abort', () => {
    try { ctrl.error(Object.assign(new Error('aborted'), { name: 'AbortError' })); } catch { /* closed */ }
  });
  return { stream, push: (t) => ctrl.enqueue(enc.encode(t)), close: () => { try { ctrl.close(); } catch { /* closed */ } } };
}

export function respond(status: number, headers: Record<string, string>, body?: string | ReadableStream<Uint8Array>): ResponseLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const stream = typeof body === 'string' ? new ReadableStream<Uint8Array>({ start: (c) => { c.enqueue(enc.encode(body)); c.close(); } }) : body ?? null;
  return { status, headers: { get: (n: string) => lower[n.toLowerCase()] ?? null }, body: stream };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  respond(status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(body));
export const sse = (events: string[], headers: Record<string, string> = {}) =>
  respond(200, { 'Content-Type': 'text/event-stream', ...headers }, events.join(''));

function lowerHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

export const PAYMENT_REQUIRED = {
  x402Version: 2, error: 'Payment required',
  resource: { url: 'mcp://tool/premium', description: 'Premium', mimeType: 'application/json' },
  accepts: [{ scheme: 'exact', network: 'eip155:84532', amount: '10000', asset: '0x036CbD53842c5426634e7929541eC2318f3dCF7e', payTo: '0x209693Bc6afc0C5328bA36FaF03C514EF312287C', maxTimeoutSeconds: 60, extra: { name: 'USDC', version: '2' } }],
};

const TOOLS = [
  { name: 'echo', description: 'Echoes', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, annotations: { readOnlyHint: true } },
  { name: 'slow', description: 'Reports progress', inputSchema: { type: 'object' } },
  { name: 'ask', description: 'Asks the user', inputSchema: { type: 'object' } },
  { name: 'premium', description: 'Paid', inputSchema: { type: 'object' } },
  { name: 'wipe', description: 'Destructive', inputSchema: { type: 'object' }, annotations: { destructiveHint: true } },
];

function toolPage(cursor: unknown): Json {
  const start = typeof cursor === 'string' ? Number(cursor.replace('page-', '')) : 0;
  const items = TOOLS.slice(start, start + 2);
  return { tools: items, ...(start + 2 < TOOLS.length ? { nextCursor: `page-${start + 2}` } : {}) };
}

const paid = () => ({ isError: true, structuredContent: PAYMENT_REQUIRED, content: [{ type: 'text', text: JSON.stringify({ 'x402/error': { code: 402, message: 'Payment required', data: PAYMENT_REQUIRED } }) }] });

/** The legacy-era fake. `expire()` forgets the session; the next request with it gets 404 (or 400, `expiredStatus`). */
export function legacyServer(opts: { expiredStatus?: number; json?: boolean } = {}) {
  const log: Recorded[] = [];
  const sessions = new Set<string>();
  const waiting = new Map<unknown, (result: unknown) => void>();
  let n = 0;
  const state = { cancelled: [] as unknown[], elicited: [] as unknown[], deleted: 0 };
  const answer = (id: unknown, result: unknown, headers: Record<string, string> = {}) =>
    opts.json ? json(200, { jsonrpc: '2.0', id, result }, headers) : sse([sseEvent('', `e${++n}`), sseEvent({ jsonrpc: '2.0', id, result }, `e${++n}`)], headers);

  const fetch: FetchLike = async (_url: string, init: FetchInit) => {
    const headers = lowerHeaders(init.headers);
    const body = init.body ? (JSON.parse(init.body) as Json) : undefined;
    log.push({ method: init.method, headers, ...(body ? { body } : {}) });
    if (init.method === 'DELETE') {
      state.deleted++;
      if (headers['mcp-session-id']) sessions.delete(headers['mcp-session-id']);
      return respond(200, {});
    }
    if (headers.accept !== 'application/json, text/event-stream') return json(406, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Not Acceptable' } });
    if (!body) return respond(405, {});
    if (body.method === 'initialize') {
      const sid = `sess-${++n}`;
      sessions.add(sid);
      return answer(body.id, { protocolVersion: '2025-11-25', capabilities: { tools: { listChanged: true }, resources: {}, prompts: {} }, serverInfo: { name: 'legacy-fake', version: '1.0.0' } }, { 'Mcp-Session-Id': sid });
    }
    const sid = headers['mcp-session-id'];
    if (!sid) return json(400, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad Request: Server not initialized' } });
    if (!sessions.has(sid)) return json(opts.expiredStatus ?? 404, { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } });
    if (headers['mcp-protocol-version'] !== '2025-11-25') return json(400, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad protocol version' } });
    if (!('method' in body)) { // the client's answer to a server request
      waiting.get(body.id)?.(body.result ?? body.error);
      return respond(202, {});
    }
    if (!('id' in body)) {
      if (body.method === 'notifications/cancelled') state.cancelled.push((body.params as Json).requestId);
      return respond(202, {});
    }
    const params = (body.params ?? {}) as Json;
    switch (body.method) {
      case 'tools/list': return answer(body.id, toolPage(params.cursor));
      case 'resources/list': return answer(body.id, { resources: [{ uri: 'shop://catalog', name: 'catalog', mimeType: 'application/json' }, { name: 'no uri' }] });
      case 'prompts/list': return answer(body.id, { prompts: [{ name: 'greet', arguments: [{ name: 'who', required: true }] }] });
      case 'resources/read': return answer(body.id, { contents: [{ uri: params.uri, mimeType: 'text/plain', text: 'catalog text' }] });
      case 'prompts/get': return answer(body.id, { messages: [{ role: 'user', content: { type: 'text', text: `Hello ${(params.arguments as Json).who}` } }] });
      case 'tools/call': break;
      default: return answer(body.id, {});
    }
    const token = (params._meta as Json | undefined)?.progressToken;
    const progress = (p: number) => sseEvent({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token, progress: p, total: 2 } });
    switch (params.name) {
      case 'echo': return answer(body.id, { content: [{ type: 'text', text: String((params.arguments as Json).text) }] });
      case 'premium': return answer(body.id, paid());
      case 'slow': {
        const s = pushStream(init.signal);
        s.push(progress(1));
        s.push(sseEvent({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'working' } }));
        return respond(200, { 'Content-Type': 'text/event-stream' }, s.stream);
      }
      case 'ask': {
        const s = pushStream(init.signal);
        const rid = `srv-${++n}`;
        waiting.set(rid, (result) => {
          state.elicited.push(result);
          s.push(sseEvent({ jsonrpc: '2.0', id: body.id, result: { content: [{ type: 'text', text: `got ${JSON.stringify(result)}` }] } }));
          s.close();
        });
        s.push(sseEvent({ jsonrpc: '2.0', id: rid, method: 'elicitation/create', params: { mode: 'form', message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }));
        return respond(200, { 'Content-Type': 'text/event-stream' }, s.stream);
      }
      case 'resume': {
        // Ends the stream after the priming event; the answer comes on GET + Last-Event-ID.
        return sse(['retry: 0\n', sseEvent('', 'r1')]);
      }
      default: return json(200, { jsonrpc: '2.0', id: body.id, error: { code: -32602, message: `Unknown tool: ${String(params.name)}` } });
    }
  };
  const wrapped: FetchLike = async (url, init) => {
    if (init.method === 'GET') {
      const headers = lowerHeaders(init.headers);
      log.push({ method: 'GET', headers });
      const original = [...log].reverse().find((r) => r.body?.method === 'tools/call');
      return sse([sseEvent({ jsonrpc: '2.0', id: original?.body?.id, result: { content: [{ type: 'text', text: `resumed after ${headers['last-event-id']}` }] } }, 'r2')]);
    }
    return fetch(url, init);
  };
  return { fetch: wrapped, log, state, expire: () => sessions.clear() };
}

/** The modern-era fake: checks the required headers against the body, serves JSON, switches to SSE for progress. */
export function modernServer(opts: { supported?: string[] } = {}) {
  const log: Recorded[] = [];
  const supported = opts.supported ?? ['2026-07-28'];
  const fetch: FetchLike = async (_url: string, init: FetchInit) => {
    const headers = lowerHeaders(init.headers);
    const body = init.body ? (JSON.parse(init.body) as Json) : undefined;
    log.push({ method: init.method, headers, ...(body ? { body } : {}) });
    if (init.method !== 'POST' || !body) return respond(405, {});
    const err = (status: number, code: number, message: string, data?: unknown) => json(status, { jsonrpc: '2.0', id: body.id ?? null, error: { code, message, ...(data ? { data } : {}) } });
    if (body.method === 'initialize') return err(400, -32022, 'Unsupported protocol version', { supported, requested: (body.params as Json).protocolVersion });
    const params = (body.params ?? {}) as Json;
    const meta = (params._meta ?? {}) as Json;
    const version = meta['io.modelcontextprotocol/protocolVersion'];
    if (!supported.includes(String(version))) return err(400, -32022, 'Unsupported protocol version', { supported, requested: version });
    if (headers['mcp-protocol-version'] !== version || headers['mcp-method'] !== body.method) return err(400, -32020, 'Header mismatch');
    const nameSource = body.method === 'resources/read' ? params.uri : params.name;
    if (['tools/call', 'prompts/get', 'resources/read'].includes(String(body.method)) && headers['mcp-name'] !== nameSource) return err(400, -32020, 'Header mismatch: Mcp-Name');
    const ok = (result: Json) => json(200, { jsonrpc: '2.0', id: body.id, result: { resultType: 'complete', ...result, _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'modern-fake', version: '2.0.0' } } } });
    switch (body.method) {
      case 'server/discover': return ok({ supportedVersions: supported, capabilities: { tools: {} }, instructions: 'Modern fake', ttlMs: 60000, cacheScope: 'public' });
      case 'tools/list': return ok({ ...toolPage(params.cursor), ttlMs: 1000, cacheScope: 'public', ...(params.cursor === 'page-2' ? { tools: [...TOOLS.slice(2, 4), { name: 'bad', inputSchema: { type: 'object', properties: { a: { type: 'array', items: { type: 'string', 'x-mcp-header': 'A' } } } } }, { name: 'regional', inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } } }] } : {}) });
      case 'tools/call': break;
      default: return err(404, -32601, 'Method not found');
    }
    const args = (params.arguments ?? {}) as Json;
    switch (params.name) {
      case 'echo': return ok({ content: [{ type: 'text', text: String(args.text) }], structuredContent: { echoed: args.text } });
      case 'regional':
        if (headers['mcp-param-region'] !== args.region) return err(400, -32020, 'Header mismatch: Mcp-Param-Region');
        return ok({ content: [{ type: 'text', text: `region ${String(args.region)}` }] });
      case 'premium': return ok(paid());
      case 'slow': {
        const s = pushStream(init.signal);
        s.push(sseEvent({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: meta.progressToken, progress: 1, total: 2 } }));
        if (args.finish) {
          s.push(sseEvent({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: meta.progressToken, progress: 2, total: 2 } }));
          s.push(sseEvent({ jsonrpc: '2.0', id: body.id, result: { content: [{ type: 'text', text: 'done' }] } }));
          s.close();
        }
        return respond(200, { 'Content-Type': 'text/event-stream' }, s.stream);
      }
      case 'ask': {
        if (params.requestState === 'state-1' && params.inputResponses) return ok({ content: [{ type: 'text', text: `got ${JSON.stringify(params.inputResponses)}` }] });
        return ok({ resultType: 'input_required', requestState: 'state-1', inputRequests: { login: { method: 'elicitation/create', params: { mode: 'url', message: 'Sign in', url: 'https://example.com/login', elicitationId: 'el-1' } } } });
      }
      default: return err(200, -32602, 'Unknown tool');
    }
  };
  return { fetch, log };
}
