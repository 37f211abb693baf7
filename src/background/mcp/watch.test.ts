// The live-list watcher against the official SDK servers of both eras, over real HTTP on loopback:
// a server adds a tool while the lease holds → the watcher re-lists and bumps the version; when the
// lease is not renewed the streams are closed (the modern server's listener count drops to zero).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, McpClient } from '../../protocols/mcp/client';
import { startDemoSites, type DemoSites } from '../../../e2e/demo/server';
import { createMcpDemo, MCP_PATHS, type McpDemo } from '../../../e2e/demo/mcp';
import { McpWatcher } from './watch';

let sites: DemoSites;
let demo: McpDemo;
beforeAll(async () => {
  demo = createMcpDemo();
  sites = await startDemoSites({ mount: { shop: demo.handle } });
});
afterAll(async () => {
  await demo.close();
  await sites.close();
});

/** Waits for a condition the test then asserts on; no timing is asserted. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.each(['modern', 'legacy'] as const)('the %s-era server', (era) => {
  it('shows a tool the server adds while the view is open, and stops listening when the lease lapses', async () => {
    const url = `${sites.origins.shop}${MCP_PATHS[era]}`;
    const client = new McpClient({ url, fetch: (u, i) => fetch(u, i as RequestInit), clientInfo: { name: 'emissary-test', version: '0' } });
    const connected = client.connect().then(() => client);
    let tools: string[] = [];
    const relist = async () => {
      tools = (await collectPages((cursor) => client.listTools(cursor ? { cursor } : {}))).items.map((t) => t.name);
    };
    const watcher = new McpWatcher({ client: () => connected, relist, leaseMs: 1500 });
    const origin = sites.origins.shop;
    expect(watcher.watch(origin, [url])).toEqual({ version: 0, live: [] });
    await until('the stream to open', () => watcher.watch(origin, [url]).live.includes(url));
    if (era === 'modern') expect(demo.listening()).toBe(1);

    await (await connected).callTool('open_tasting_room', {});
    await until('the change to be heard', () => watcher.watch(origin, [url]).version > 0);
    expect(tools).toContain('book_tasting');

    // No renewal: the lease lapses and the stream is closed on both sides.
    await until('the lease to lapse', () => watcher.openStreams === 0);
    if (era === 'modern') await until('the server to see the stream closed', () => demo.listening() === 0);
    expect(watcher.openStreams).toBe(0);
    demo.tasting[era].close();
    await client.close();
  });
});

it('leaves a server alone that announces no list changes', async () => {
  const silent = { listen: async () => ({ kind: 'nothing' as const }) } as unknown as McpClient;
  let asked = 0;
  const watcher = new McpWatcher({ client: async () => (asked++, silent), relist: async () => undefined });
  watcher.watch('https://a.example', ['https://a.example/mcp']);
  await until('the first attempt', () => asked === 1);
  await new Promise((r) => setTimeout(r, 0));
  watcher.watch('https://a.example', ['https://a.example/mcp']);
  expect(asked).toBe(1);
  watcher.stop();
});
