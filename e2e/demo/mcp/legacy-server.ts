// The shop's MCP endpoint for the 2025-11-25 ("legacy") era: the official v1 SDK with sessions
// (initialize → Mcp-Session-Id), exactly as most deployed servers run today.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer, ResourceTemplate, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ElicitResultSchema, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import {
  addInput, addToCart, bookedText, holdBeans, HOLD_MESSAGE, HOLD_SCHEMA, CATALOGUE_RESOURCE, catalogueText, clearCart, openedText, PAID_TOOL, PAIRING_PROMPT, pairingArgs, pairingMessages,
  PRODUCT_TEMPLATE, productContents, roast, roasterReport, roastInput, searchInput, searchProducts, TASTING, tastingInput, TOOL_META, type DemoCart, type ToolResult,
} from './catalogue';
import type { TastingRoom } from './modern-server';

/** The tasting room of all sessions: opening it adds the booking tool to every session's server. */
class LegacyTastingRoom implements TastingRoom {
  open = false;
  readonly #booking = new Map<McpServer, RegisteredTool>();

  /** Registering on a connected v1 server sends notifications/tools/list_changed (on the GET stream). */
  list(server: McpServer): void {
    if (!this.open || this.#booking.has(server)) return;
    const result = (r: ToolResult) => r as never;
    this.#booking.set(server, server.registerTool(TASTING.unlocked, { ...TASTING.meta.book_tasting, inputSchema: tastingInput }, async ({ seats }) => result(bookedText(seats))));
  }

  openFor(servers: Iterable<McpServer>): void {
    this.open = true;
    for (const s of servers) this.list(s);
  }

  forget(server: McpServer): void {
    this.#booking.delete(server);
  }

  close(): void {
    this.open = false;
    for (const tool of this.#booking.values()) tool.remove();
    this.#booking.clear();
  }
}

function shopServer(cart: DemoCart, name: string, tasting: LegacyTastingRoom, all: () => Iterable<McpServer>): McpServer {
  const server = new McpServer({ name: 'demo-shop-legacy', title: name, version: '1.0.0' }, { instructions: 'Coffee shop tools.' });
  const result = (r: ToolResult) => r as never;
  server.registerTool('search_products', { ...TOOL_META.search_products, inputSchema: searchInput }, async (args) => result(searchProducts(args)));
  server.registerTool('add_to_cart', { ...TOOL_META.add_to_cart, inputSchema: addInput }, async (args) => result(addToCart(cart, args)));
  server.registerTool('clear_cart', { ...TOOL_META.clear_cart }, async () => result(clearCart(cart)));
  server.registerTool('roast_batches', { ...TOOL_META.roast_batches, inputSchema: roastInput }, async ({ batches }, extra) => {
    const token = extra._meta?.progressToken;
    return result(await roast(batches, extra.signal, async (progress, total, message) => {
      if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } });
    }));
  });
  server.registerTool('hold_beans', { ...TOOL_META.hold_beans }, async (extra) => {
    // On the tool call's own response stream (a 2025 server request), not the standalone GET stream.
    const answer = await extra.sendRequest({ method: 'elicitation/create', params: { mode: 'form', message: HOLD_MESSAGE, requestedSchema: structuredClone(HOLD_SCHEMA) as never } }, ElicitResultSchema);
    return result(holdBeans(answer as { action: string; content?: Record<string, unknown> }));
  });
  server.registerTool(PAID_TOOL, { ...TOOL_META[PAID_TOOL] }, async () => result(roasterReport()));
  server.registerTool(TASTING.unlock, { ...TASTING.meta.open_tasting_room }, async () => {
    tasting.openFor(all());
    return result(openedText());
  });
  server.registerResource(PRODUCT_TEMPLATE.name, new ResourceTemplate(PRODUCT_TEMPLATE.uriTemplate, { list: undefined }),
    { title: PRODUCT_TEMPLATE.title, description: PRODUCT_TEMPLATE.description, mimeType: PRODUCT_TEMPLATE.mimeType },
    async (uri, { productId }) => productContents(uri.href, productId));
  server.registerResource(CATALOGUE_RESOURCE.name, CATALOGUE_RESOURCE.uri, { title: CATALOGUE_RESOURCE.title, description: CATALOGUE_RESOURCE.description, mimeType: CATALOGUE_RESOURCE.mimeType },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: CATALOGUE_RESOURCE.mimeType, text: catalogueText() }] }));
  server.registerPrompt(PAIRING_PROMPT.name, { title: PAIRING_PROMPT.title, description: PAIRING_PROMPT.description, argsSchema: pairingArgs },
    ({ product }) => ({ messages: pairingMessages(product) }));
  return server;
}

export interface LegacyShopServer {
  handle(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void>;
  sessions(): number;
  tasting: TastingRoom;
  close(): Promise<void>;
}

export function legacyShopServer(cart: DemoCart, name = 'Demo shop (legacy)'): LegacyShopServer {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const servers = new Set<McpServer>();
  const tasting = new LegacyTastingRoom();
  return {
    sessions: () => transports.size,
    tasting,
    async handle(req, res, body) {
      const sid = req.headers['mcp-session-id'];
      const existing = typeof sid === 'string' ? transports.get(sid) : undefined;
      if (existing) return existing.handleRequest(req, res, body);
      if (req.method !== 'POST' || !isInitializeRequest(body)) {
        res.writeHead(sid ? 404 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: sid ? 'Session not found' : 'Bad Request: No valid session ID provided' } }));
        return;
      }
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, transport),
      });
      const server = shopServer(cart, name, tasting, () => servers);
      transport.onclose = () => {
        if (transport.sessionId) transports.delete(transport.sessionId);
        servers.delete(server);
        tasting.forget(server);
      };
      tasting.list(server); // before connecting: a new session just lists it, nothing to announce
      await server.connect(transport);
      servers.add(server);
      await transport.handleRequest(req, res, body);
    },
    async close() {
      await Promise.all([...transports.values()].map((t) => t.close()));
      transports.clear();
    },
  };
}
