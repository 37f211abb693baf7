// Listening for list changes, against scripted servers for the cases the SDK demo servers never
// produce (the happy paths of both eras run against the official SDKs in e2e/demo/mcp).
import { describe, expect, it } from 'vitest';
import { McpClient } from './client';
import { json, modernServer, sse, sseEvent, type Recorded } from './fake-servers.fixture';
import type { FetchInit } from './transport';

const info = { name: 'Emissary', version: '0.1.0' };
const URL = 'https://shop.example/mcp';
const SUB = 'io.modelcontextprotocol/subscriptionId';
const DISCOVER = {
  resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: {} },
  _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'listener', version: '1' } },
};

/** A modern server that answers server/discover and hands subscriptions/listen to `listen`. */
function server(listen: (id: unknown, body: Record<string, unknown>) => ReturnType<typeof json>) {
  const log: Recorded[] = [];
  const fetch = async (_url: string, init: FetchInit) => {
    const body = JSON.parse(init.body ?? '{}') as Record<string, unknown>;
    log.push({ method: init.method, headers: Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v])), body });
    if (body.method === 'server/discover') return json(200, { jsonrpc: '2.0', id: body.id, result: DISCOVER });
    return listen(body.id, body);
  };
  return { fetch, log };
}

describe('listening for list changes (modern subscriptions/listen)', () => {
  it('asks only for what the server announces, reports each change, and ends with the server’s result', async () => {
    const s = server((id) => sse([
      sseEvent({ jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged', params: { notifications: { toolsListChanged: true }, _meta: { [SUB]: id } } }),
      ': keepalive\n\n',
      sseEvent({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: { [SUB]: id } } }),
      sseEvent({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'not a list change' } }),
      sseEvent({ jsonrpc: '2.0', method: 'notifications/prompts/list_changed', params: { _meta: { [SUB]: id } } }),
      sseEvent({ jsonrpc: '2.0', id, result: { resultType: 'complete', _meta: { [SUB]: id } } }),
    ]));
    const client = new McpClient({ url: URL, fetch: s.fetch, clientInfo: info });
    await client.connect();
    expect(client.listenFilter()).toEqual({ toolsListChanged: true, promptsListChanged: true });
    const opened: unknown[] = [];
    const changes: string[] = [];
    const end = await client.listen({ signal: new AbortController().signal, onOpen: (h) => opened.push(h), onChange: (w) => changes.push(w) });
    expect(end).toEqual({ kind: 'closed' });
    expect(opened).toEqual([{ toolsListChanged: true }]);
    expect(changes).toEqual(['tools', 'prompts']);
    const request = s.log.at(-1)!;
    expect(request.headers['mcp-method']).toBe('subscriptions/listen');
    expect(request.headers['mcp-protocol-version']).toBe('2026-07-28');
    expect((request.body?.params as { notifications: unknown }).notifications).toEqual({ toolsListChanged: true, promptsListChanged: true });
  });

  it('does not listen again when the server honours nothing it was asked', async () => {
    const s = server((id) => sse([
      sseEvent({ jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged', params: { notifications: {}, _meta: { [SUB]: id } } }),
      sseEvent({ jsonrpc: '2.0', id, result: { resultType: 'complete', _meta: { [SUB]: id } } }),
    ]));
    const client = new McpClient({ url: URL, fetch: s.fetch, clientInfo: info });
    await client.connect();
    let opened = false;
    expect(await client.listen({ signal: new AbortController().signal, onOpen: () => (opened = true), onChange: () => undefined })).toEqual({ kind: 'nothing' });
    expect(opened).toBe(false);
  });

  it('calls a server without subscriptions/listen unsupported, and a stream that just stops closed', async () => {
    const missing = server((id) => json(404, { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } }));
    const a = new McpClient({ url: URL, fetch: missing.fetch, clientInfo: info });
    await a.connect();
    expect(await a.listen({ signal: new AbortController().signal, onChange: () => undefined })).toMatchObject({ kind: 'unsupported' });

    const cut = server((id) => sse([sseEvent({ jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged', params: { notifications: { toolsListChanged: true }, _meta: { [SUB]: id } } })]));
    const b = new McpClient({ url: URL, fetch: cut.fetch, clientInfo: info });
    await b.connect();
    expect(await b.listen({ signal: new AbortController().signal, onChange: () => undefined })).toEqual({ kind: 'closed' });
  });

  it('sends nothing to a server that announces no list changes', async () => {
    const s = modernServer();
    const client = new McpClient({ url: URL, fetch: s.fetch, clientInfo: info });
    await client.connect();
    const before = s.log.length;
    expect(await client.listen({ signal: new AbortController().signal, onChange: () => undefined })).toEqual({ kind: 'nothing' });
    expect(s.log.length).toBe(before);
  });
});
