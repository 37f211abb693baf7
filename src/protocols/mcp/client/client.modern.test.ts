import { describe, expect, it, vi } from 'vitest';
import { McpClient } from './client';
import type { ElicitationRequest } from './elicitation';
import { json, modernServer } from './fake-servers.fixture';
import { collectPages } from './pages';

const info = { name: 'Emissary', version: '0.1.0' };
const URL = 'https://shop.example/mcp';
const META_KEYS = ['io.modelcontextprotocol/protocolVersion', 'io.modelcontextprotocol/clientInfo', 'io.modelcontextprotocol/clientCapabilities'];

async function connected(extra: Partial<ConstructorParameters<typeof McpClient>[0]> = {}) {
  const server = modernServer();
  const client = new McpClient({ url: URL, fetch: server.fetch, clientInfo: info, ...extra });
  const description = await client.connect();
  return { client, server, description };
}

describe('McpClient against a modern (2026-07-28) server', () => {
  it('detects the modern era from server/discover and keeps what it says', async () => {
    const { client, server, description } = await connected();
    expect(description).toEqual({
      era: 'modern', protocolVersion: '2026-07-28', serverInfo: { name: 'modern-fake', version: '2.0.0' },
      capabilities: { tools: {} }, instructions: 'Modern fake', ttlMs: 60000, cacheScope: 'public',
    });
    expect(server.log).toHaveLength(1);
    expect(client.sessionId).toBeUndefined();
  });

  it('sends the required headers and per-request _meta on every request, and no session', async () => {
    const { client, server } = await connected();
    await client.listTools();
    await client.callTool('echo', { text: 'hi' });
    for (const r of server.log) {
      expect(r.headers['mcp-protocol-version']).toBe('2026-07-28');
      expect(r.headers['mcp-method']).toBe(r.body?.method);
      expect(r.headers['mcp-session-id']).toBeUndefined();
      expect(Object.keys((r.body?.params as { _meta: object })._meta)).toEqual(expect.arrayContaining(META_KEYS));
    }
    expect(server.log.at(-1)!.headers['mcp-name']).toBe('echo');
    expect(server.log.map((r) => r.body?.method)).not.toContain('initialize');
  });

  it('pages through tools, drops tools with invalid x-mcp-header, and mirrors valid ones', async () => {
    const { client, server } = await connected();
    const all = await collectPages((cursor) => client.listTools({ ...(cursor ? { cursor } : {}) }));
    expect(all.items.map((t) => t.name)).toEqual(['echo', 'slow', 'ask', 'premium', 'regional', 'wipe']);
    expect(all.skipped).toEqual([expect.stringMatching(/^tool 'bad' was dropped: x-mcp-header .* not reachable/)]);
    expect(all.ttlMs).toBe(1000);
    const fresh = new McpClient({ url: URL, fetch: server.fetch, clientInfo: info });
    await fresh.connect();
    server.log.length = 0;
    // Not listed yet: the server answers HeaderMismatch, the client re-lists the tools and retries with the header.
    expect(await fresh.callTool('regional', { region: 'eu-west' })).toMatchObject({ kind: 'result' });
    expect(server.log.map((r) => r.body?.method)).toEqual(['tools/call', 'tools/list', 'tools/list', 'tools/list', 'tools/call']);
    const out = await client.callTool('regional', { region: 'eu-west' });
    expect(out).toMatchObject({ kind: 'result', view: { items: [{ text: 'region eu-west' }] } });
    expect(server.log.at(-1)!.headers['mcp-param-region']).toBe('eu-west');
  });

  it('reports progress from an SSE answer', async () => {
    const { client } = await connected();
    const seen: number[] = [];
    const out = await client.callTool('slow', { finish: true }, { onProgress: (p) => seen.push(p.progress) });
    expect(seen).toEqual([1, 2]);
    expect(out).toMatchObject({ kind: 'result', view: { items: [{ text: 'done' }] } });
  });

  it('cancels by closing the stream, without notifications/cancelled', async () => {
    const { client, server } = await connected();
    const controller = new AbortController();
    const call = client.callTool('slow', {}, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
    expect(server.log.map((r) => r.body?.method)).not.toContain('notifications/cancelled');
  });

  it('answers input_required (MRTR) through the elicitation callback and retries with a new id', async () => {
    const onElicit = vi.fn(async (_request: ElicitationRequest) => ({ action: 'accept' as const, content: { ignored: true } }));
    const { client, server } = await connected({ onElicit });
    const out = await client.callTool('ask');
    expect(onElicit.mock.calls[0][0]).toEqual({ mode: 'url', message: 'Sign in', url: 'https://example.com/login', elicitationId: 'el-1' });
    expect(out).toMatchObject({ kind: 'result', view: { items: [{ text: 'got {"login":{"action":"accept"}}' }] } });
    const calls = server.log.filter((r) => r.body?.method === 'tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0].body?.id).not.toBe(calls[1].body?.id);
    expect(calls[1].body?.params).toMatchObject({ requestState: 'state-1', name: 'ask' });
    const caps = (server.log[0].body?.params as { _meta: Record<string, unknown> })._meta['io.modelcontextprotocol/clientCapabilities'];
    expect(caps).toEqual({ elicitation: { form: {}, url: {} } });
  });

  it('fails clearly when the server asks for input it cannot give', async () => {
    const { client } = await connected();
    await expect(client.callTool('ask')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/elicitation\/create/) });
  });

  it('returns x402 tool results as a payment outcome', async () => {
    const { client } = await connected();
    expect(await client.callTool('premium')).toMatchObject({ kind: 'payment-required', source: 'tool-result' });
  });

  it('maps 404 method-not-found to an rpc error', async () => {
    const { client } = await connected();
    await expect(client.listPrompts()).rejects.toMatchObject({ kind: 'rpc', status: 404, rpcCode: -32601 });
  });

  it('with a stale legacy verdict, re-probes when initialize gets a modern error', async () => {
    const server = modernServer();
    const client = new McpClient({ url: URL, fetch: server.fetch, clientInfo: info });
    expect((await client.connect({ prior: 'legacy' })).era).toBe('modern');
    expect(server.log.map((r) => r.body?.method)).toEqual(['initialize', 'server/discover']);
  });

  it('falls back to legacy when UnsupportedProtocolVersion lists only legacy versions', async () => {
    const server = modernServer({ supported: ['2025-11-25'] });
    const client = new McpClient({ url: URL, fetch: server.fetch, clientInfo: info });
    // This fake rejects initialize too, so the fallback surfaces as that error — but only after trying legacy.
    await expect(client.connect()).rejects.toMatchObject({ kind: 'rpc', rpcCode: -32022 });
    expect(server.log.map((r) => r.body?.method)).toEqual(['server/discover', 'initialize']);
  });

  it('treats HeaderMismatch as modern (no fallback) and 5xx as no evidence', async () => {
    for (const [status, code] of [[400, -32020], [503, -32603]] as const) {
      const log: string[] = [];
      const client = new McpClient({
        url: URL, clientInfo: info,
        fetch: async (_u, init) => {
          log.push(JSON.parse(init.body ?? '{}').method);
          return json(status, { jsonrpc: '2.0', id: null, error: { code, message: 'no' } });
        },
      });
      await expect(client.connect()).rejects.toMatchObject({ kind: 'rpc', status });
      expect(log).toEqual(['server/discover']);
    }
  });
});
