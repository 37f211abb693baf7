// Emissary's MCP client (src/protocols/mcp/client) against the official SDK servers of both eras,
// over real HTTP on loopback: era detection, listing, calls with progress, resources, prompts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpClient, collectPages, expandUriTemplate, type McpTool } from '../../../src/protocols/mcp/client';
import { startDemoSites, type DemoSites } from '../server';
import { createMcpDemo, MCP_PATHS, type McpDemo } from '.';

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

const client = (path: string) => new McpClient({ url: `${sites.origins.shop}${path}`, fetch: (u, i) => fetch(u, i as RequestInit), clientInfo: { name: 'emissary-test', version: '0' } });

describe.each([['modern', MCP_PATHS.modern], ['legacy', MCP_PATHS.legacy]] as const)('the %s-era SDK server', (era, path) => {
  it('is recognised as its era and lists tools with their annotations, a resource and a prompt', async () => {
    const c = client(path);
    const server = await c.connect();
    expect(server.era).toBe(era);
    expect(server.serverInfo?.name).toBe(`demo-shop-${era}`);
    const tools = await collectPages<McpTool>((cursor) => c.listTools(cursor ? { cursor } : {}));
    const byName = Object.fromEntries(tools.items.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(['add_to_cart', 'clear_cart', 'hold_beans', 'open_tasting_room', 'roast_batches', 'roaster_report', 'search_products']);
    expect(byName.search_products.annotations.readOnly).toBe(true);
    expect(byName.clear_cart.annotations.destructive).toBe(true);
    expect(byName.add_to_cart.inputSchema.properties).toHaveProperty('productId');
    expect((await c.listResources()).items.map((r) => r.uri)).toEqual(['shop://catalogue']);
    expect((await c.listPrompts()).items[0].arguments).toEqual([expect.objectContaining({ name: 'product', required: true })]);
  });

  it('calls a tool, reports progress, reads the resource and gets the prompt', async () => {
    const c = client(path);
    await c.connect({ prior: era });
    const out = await c.callTool('search_products', { query: 'mug' });
    expect(out.kind === 'result' && out.view.items[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('Stoneware mug') });
    const steps: number[] = [];
    const roast = await c.callTool('roast_batches', { batches: 2 }, { onProgress: (p) => steps.push(p.progress) });
    expect(steps).toEqual([1, 2]);
    expect(roast.kind === 'result' && roast.view.isError).toBe(false);
    const resource = await c.readResource('shop://catalogue');
    expect(resource[0]).toMatchObject({ kind: 'resource', text: expect.stringContaining('p-espresso') });
    const prompt = await c.getPrompt('pairing', { product: 'Espresso' });
    expect(prompt.messages[0].item).toMatchObject({ kind: 'text', text: expect.stringContaining('Espresso') });
  });

  it('lists the resource template and reads the URI built from it', async () => {
    const c = client(path);
    await c.connect();
    const templates = await c.listResourceTemplates();
    expect(templates.items).toEqual([expect.objectContaining({ uriTemplate: 'shop://products/{productId}', name: 'product', title: 'One product', variables: ['productId'] })]);
    const built = expandUriTemplate(templates.items[0].uriTemplate, { productId: 'p-mug' });
    expect(built).toEqual({ ok: true, uri: 'shop://products/p-mug' });
    const read = await c.readResource(built.ok ? built.uri : '');
    expect(read[0]).toMatchObject({ kind: 'resource', uri: 'shop://products/p-mug', text: expect.stringContaining('Stoneware mug') });
  });

  it('asks the user through elicitation and sends the answer back', async () => {
    const asked: string[] = [];
    const c = new McpClient({
      url: `${sites.origins.shop}${path}`, fetch: (u, i) => fetch(u, i as RequestInit), clientInfo: { name: 'emissary-test', version: '0' },
      onElicit: async (req) => {
        asked.push(req.message);
        return req.mode === 'form' && req.form.root.kind === 'object' && req.form.root.fields[0].name === 'bags' ? { action: 'accept', content: { bags: 3 } } : { action: 'decline' };
      },
    });
    await c.connect();
    const out = await c.callTool('hold_beans', {});
    expect(asked).toEqual([expect.stringContaining('How many bags')]);
    expect(out.kind === 'result' && out.view.items[0]).toMatchObject({ kind: 'text', text: 'Holding 3 bags for you until Friday.' });
  });

  it('hears a list change on its listening stream while it is open, and stops when told to', async () => {
    const c = client(path);
    await c.connect();
    expect(c.listenFilter()).toEqual({ toolsListChanged: true, resourcesListChanged: true, promptsListChanged: true });
    const stop = new AbortController();
    const changes: string[] = [];
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    let heard!: () => void;
    const changed = new Promise<void>((r) => (heard = r));
    const listening = c.listen({ signal: stop.signal, onOpen: () => opened(), onChange: (what) => {
      changes.push(what);
      heard();
    } });
    await open;
    const before = await collectPages<McpTool>((cursor) => c.listTools(cursor ? { cursor } : {}));
    expect(before.items.map((t) => t.name)).not.toContain('book_tasting');
    await c.callTool('open_tasting_room', {});
    await changed;
    expect(changes[0]).toBe('tools');
    const after = await collectPages<McpTool>((cursor) => c.listTools(cursor ? { cursor } : {}));
    expect(after.items.map((t) => t.name)).toContain('book_tasting');
    stop.abort();
    expect(await listening).toEqual({ kind: 'closed' });
    demo.tasting[era].close();
    expect((await collectPages<McpTool>((cursor) => c.listTools(cursor ? { cursor } : {}))).items.map((t) => t.name)).not.toContain('book_tasting');
  });

  it('cancels a long call', async () => {
    const c = client(path);
    await c.connect();
    const ac = new AbortController();
    const call = c.callTool('roast_batches', { batches: 10 }, { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

it('a legacy client verdict given to a modern server is corrected by probing again', async () => {
  const c = client(MCP_PATHS.modern);
  expect((await c.connect({ prior: 'legacy' })).era).toBe('modern');
});
