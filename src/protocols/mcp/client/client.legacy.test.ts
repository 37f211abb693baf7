import { describe, expect, it, vi } from 'vitest';
import { McpClient } from './client';
import type { ElicitationRequest } from './elicitation';
import { McpError } from './errors';
import { json, legacyServer } from './fake-servers.fixture';
import { collectPages } from './pages';
import type { FetchLike } from './transport';

const info = { name: 'Emissary', version: '0.1.0' };
const URL = 'https://shop.example/mcp';

async function connected(server = legacyServer(), extra: Partial<ConstructorParameters<typeof McpClient>[0]> = {}) {
  const client = new McpClient({ url: URL, fetch: server.fetch, clientInfo: info, ...extra });
  const description = await client.connect();
  return { client, server, description };
}

describe('McpClient against a legacy (2025-11-25) server', () => {
  it('probes modern first, falls back to initialize, keeps the session id and sends initialized', async () => {
    const { client, server, description } = await connected();
    expect(description).toMatchObject({ era: 'legacy', protocolVersion: '2025-11-25', serverInfo: { name: 'legacy-fake' } });
    const [probe, init, initialized] = server.log;
    expect(probe.body?.method).toBe('server/discover');
    expect(probe.headers).toMatchObject({ 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover', accept: 'application/json, text/event-stream' });
    expect(init.body?.method).toBe('initialize');
    expect(init.headers['mcp-protocol-version']).toBeUndefined();
    expect(init.headers['mcp-session-id']).toBeUndefined();
    expect(initialized.body).toEqual({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(initialized.headers['mcp-session-id']).toBe(client.sessionId);
    expect(initialized.headers['mcp-protocol-version']).toBe('2025-11-25');
    const page = await client.listTools();
    const last = server.log.at(-1)!;
    expect(last.headers['mcp-session-id']).toMatch(/^sess-/);
    expect(last.body?.params).toEqual({});
    expect(page.items.map((t) => t.name)).toEqual(['echo', 'slow']);
  });

  it('with a cached legacy verdict skips the probe', async () => {
    const server = legacyServer();
    const client = new McpClient({ url: URL, fetch: server.fetch, clientInfo: info });
    await client.connect({ prior: 'legacy' });
    expect(server.log[0].body?.method).toBe('initialize');
  });

  it('declares elicitation only when it can ask the user', async () => {
    const a = await connected();
    expect((a.server.log[1].body?.params as Record<string, unknown>).capabilities).toEqual({});
    const b = await connected(legacyServer(), { onElicit: async () => ({ action: 'decline' }) });
    expect((b.server.log[1].body?.params as Record<string, unknown>).capabilities).toEqual({ elicitation: { form: {}, url: {} } });
  });

  it('follows pagination cursors to the end', async () => {
    const { client, server } = await connected();
    const all = await collectPages((cursor) => client.listTools({ ...(cursor ? { cursor } : {}) }));
    expect(all.complete).toBe(true);
    expect(all.items.map((t) => t.name)).toEqual(['echo', 'slow', 'ask', 'premium', 'wipe']);
    expect(server.log.filter((r) => r.body?.method === 'tools/list').map((r) => (r.body?.params as { cursor?: string }).cursor)).toEqual([undefined, 'page-2', 'page-4']);
    expect(all.items[0].annotations).toEqual({ readOnly: true, destructive: false, idempotent: false, openWorld: true });
    expect(all.items[4].annotations.destructive).toBe(true);
  });

  it('stops on a repeated cursor', async () => {
    const page = { items: [1], skipped: [], nextCursor: 'same' };
    const all = await collectPages(async () => page);
    expect(all.complete).toBe(false);
    expect(all.items).toEqual([1, 1]);
    expect(all.skipped.at(-1)).toMatch(/repeated/);
  });

  it('lists resources and prompts, reads a resource and gets a prompt', async () => {
    const { client } = await connected();
    const resources = await client.listResources();
    expect(resources.items).toEqual([{ uri: 'shop://catalog', name: 'catalog', mimeType: 'application/json' }]);
    expect(resources.skipped).toHaveLength(1);
    expect((await client.listPrompts()).items[0]).toEqual({ name: 'greet', arguments: [{ name: 'who', required: true }] });
    expect(await client.readResource('shop://catalog')).toEqual([{ kind: 'resource', uri: 'shop://catalog', mimeType: 'text/plain', text: 'catalog text', truncated: false }]);
    expect((await client.getPrompt('greet', { who: 'Ada' })).messages).toEqual([{ role: 'user', item: { kind: 'text', text: 'Hello Ada', truncated: false } }]);
  });

  it('calls a tool answered as an SSE stream with an empty priming event', async () => {
    const { client } = await connected();
    const out = await client.callTool('echo', { text: '<b>hi</b>' });
    expect(out).toMatchObject({ kind: 'result', view: { isError: false, items: [{ kind: 'text', text: '<b>hi</b>' }] } });
  });

  it('reads plain JSON answers too', async () => {
    const { client } = await connected(legacyServer({ json: true }));
    expect(await client.callTool('echo', { text: 'x' })).toMatchObject({ kind: 'result', view: { items: [{ text: 'x' }] } });
  });

  it('reports progress and cancels with notifications/cancelled', async () => {
    const notes: unknown[] = [];
    const { client, server } = await connected(legacyServer(), { onNotification: (n) => notes.push(n.method) });
    const controller = new AbortController();
    const onProgress = vi.fn(() => controller.abort());
    const err = await client.callTool('slow', {}, { onProgress, signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McpError);
    expect((err as McpError).kind).toBe('cancelled');
    expect(onProgress).toHaveBeenCalledWith({ progress: 1, total: 2 });
    const call = server.log.find((r) => r.body?.method === 'tools/call')!;
    expect((call.body?.params as { _meta: { progressToken: string } })._meta.progressToken).toMatch(/^emissary-/);
    expect(server.state.cancelled).toEqual([call.body?.id]);
  });

  it('times out a call that never answers', async () => {
    const { client, server } = await connected(legacyServer(), { timeoutMs: 30 });
    await expect(client.callTool('slow')).rejects.toMatchObject({ kind: 'timeout' });
    expect(server.state.cancelled).toHaveLength(1);
  });

  it('answers an elicitation request from the stream through the callback', async () => {
    const onElicit = vi.fn(async (_request: ElicitationRequest) => ({ action: 'accept' as const, content: { name: 'Ada' } }));
    const { client, server } = await connected(legacyServer(), { onElicit });
    const out = await client.callTool('ask');
    expect(onElicit.mock.calls[0][0]).toMatchObject({ mode: 'form', message: 'Your name?', form: { root: { kind: 'object', fields: [{ name: 'name', required: true }] } } });
    expect(server.state.elicited).toEqual([{ action: 'accept', content: { name: 'Ada' } }]);
    expect(out).toMatchObject({ kind: 'result', view: { items: [{ text: 'got {"action":"accept","content":{"name":"Ada"}}' }] } });
  });

  it('refuses elicitation with method-not-found when it has no callback', async () => {
    const { client, server } = await connected();
    await client.callTool('ask');
    expect(server.state.elicited).toEqual([{ code: -32601, message: 'Emissary does not handle elicitation/create' }]);
  });

  it('re-initializes once when the session expires (404, and the reference server’s 400)', async () => {
    for (const expiredStatus of [404, 400]) {
      const { client, server } = await connected(legacyServer({ expiredStatus }));
      const before = client.sessionId;
      server.expire();
      server.log.length = 0;
      expect(await client.callTool('echo', { text: 'again' })).toMatchObject({ kind: 'result' });
      expect(server.log.map((r) => r.body?.method)).toEqual(['tools/call', 'initialize', 'notifications/initialized', 'tools/call']);
      expect(client.sessionId).not.toBe(before);
    }
  });

  it('resumes a stream that ended early with GET and Last-Event-ID', async () => {
    const { client, server } = await connected();
    const out = await client.callTool('resume');
    expect(out).toMatchObject({ kind: 'result', view: { items: [{ text: 'resumed after r1' }] } });
    const get = server.log.find((r) => r.method === 'GET')!;
    expect(get.headers).toMatchObject({ 'last-event-id': 'r1', accept: 'text/event-stream' });
    expect(get.headers['mcp-session-id']).toBe(client.sessionId);
  });

  it('maps JSON-RPC errors, payment results and HTTP 402', async () => {
    const { client } = await connected();
    await expect(client.callTool('nope')).rejects.toMatchObject({ kind: 'rpc', rpcCode: -32602, message: 'tools/call: Unknown tool: nope (-32602)' });
    const paid = await client.callTool('premium');
    expect(paid).toMatchObject({ kind: 'payment-required', source: 'tool-result', raw: { x402Version: 2, accepts: [{ amount: '10000' }] } });
    // The x402 MCP transport names the resource `mcp://tool/<name>`; the wallet's x402 reader accepts it.
    expect(paid.kind === 'payment-required' && paid.parsed.ok).toBe(true);
  });

  it('ends the session with DELETE on close', async () => {
    const { client, server } = await connected();
    await client.close();
    expect(server.state.deleted).toBe(1);
    expect(server.log.at(-1)).toMatchObject({ method: 'DELETE' });
  });
});

describe('McpClient error mapping', () => {
  const wrap = (inner: FetchLike, onCall: (body: Record<string, unknown>) => ReturnType<FetchLike> | undefined): FetchLike =>
    async (url, init) => {
      const body = init.body ? JSON.parse(init.body) : {};
      return (body.method === 'tools/call' ? onCall(body) : undefined) ?? inner(url, init);
    };

  it('surfaces HTTP 402 on a tool call as a payment outcome', async () => {
    const header = btoa(JSON.stringify({ x402Version: 2, resource: { url: 'mcp://tool/x' }, accepts: [] }));
    const server = legacyServer();
    const client = new McpClient({ url: URL, clientInfo: info, fetch: wrap(server.fetch, () => Promise.resolve(json(402, {}, { 'PAYMENT-REQUIRED': header }))) });
    await client.connect();
    expect(await client.callTool('echo', { text: 'x' })).toMatchObject({ kind: 'payment-required', source: 'http-402', header });
  });

  it('turns 401 into an unauthorized error with the parsed challenge, and wrong ids into protocol errors', async () => {
    const server = legacyServer();
    let mode = 'auth';
    const client = new McpClient({
      url: URL, clientInfo: info,
      fetch: wrap(server.fetch, (body) => Promise.resolve(mode === 'auth'
        ? json(401, {}, { 'WWW-Authenticate': 'Bearer resource_metadata="https://shop.example/.well-known/oauth-protected-resource", scope="tools:call"' })
        : json(200, { jsonrpc: '2.0', id: Number(body.id) + 100, result: {} }))),
    });
    await client.connect();
    await expect(client.callTool('echo')).rejects.toMatchObject({ kind: 'unauthorized', status: 401, challenge: { resourceMetadata: 'https://shop.example/.well-known/oauth-protected-resource', scope: 'tools:call' } });
    mode = 'wrong-id';
    await expect(client.callTool('echo')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/response for id/) });
  });

  it('does not treat 401 on the probe as era evidence', async () => {
    const client = new McpClient({ url: URL, clientInfo: info, fetch: async () => json(401, {}, { 'WWW-Authenticate': 'Bearer' }) });
    await expect(client.connect()).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('falls back to legacy when the probe fails like a CORS TypeError', async () => {
    const server = legacyServer();
    const client = new McpClient({
      url: URL, clientInfo: info,
      fetch: async (url, init) => {
        if (init.headers['Mcp-Method']) throw new TypeError('Failed to fetch');
        return server.fetch(url, init);
      },
    });
    expect((await client.connect()).era).toBe('legacy');
  });

  it('rejects an HTML answer and a legacy version it does not speak', async () => {
    const html = new McpClient({ url: URL, clientInfo: info, fetch: async (_u, init) => (init.body?.includes('initialize') ? json(200, { jsonrpc: '2.0', id: 2, result: { protocolVersion: '1999-01-01' } }) : json(400, '<html>')) });
    await expect(html.connect()).rejects.toMatchObject({ kind: 'unsupported-version' });
  });
});
