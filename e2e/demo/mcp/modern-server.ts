// The shop's MCP endpoint for the 2026-07-28 ("modern") era, served by the official v2 server SDK.
// `legacy: 'reject'` makes it modern-only, so a client must really speak the new era to use it.
import { toNodeHandler, type NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, inputRequired, McpServer, ResourceTemplate, type McpHttpHandler } from '@modelcontextprotocol/server';
import * as z from 'zod';
import {
  addInput, addToCart, bookedText, holdBeans, HOLD_MESSAGE, CATALOGUE_RESOURCE, catalogueText, clearCart, openedText, PAID_TOOL, PAIRING_PROMPT, pairingArgs, pairingMessages,
  PRODUCT_TEMPLATE, productContents, roast, roasterReport, roastInput, searchInput, searchProducts, TASTING, tastingInput, TOOL_META, type DemoCart, type ToolResult,
} from './catalogue';

/** Whether the tasting room is open (its booking tool listed); tests close it again between browsers. */
export interface TastingRoom {
  readonly open: boolean;
  close(): void;
}

export function modernShopServer(cart: DemoCart, name = 'Demo shop (modern)'): { handler: McpHttpHandler; node: NodeMcpRequestHandler; tasting: TastingRoom } {
  let tastingOpen = false;
  // The v2 entry builds a server per request; what it lists comes from shared state, and a change is
  // published on the handler's bus to every open subscriptions/listen stream.
  const factory = () => {
    const server = new McpServer({ name: 'demo-shop-modern', title: name, version: '1.0.0' }, { instructions: 'Coffee shop tools.' });
    const result = (r: ToolResult) => r as never;
    server.registerTool('search_products', { ...TOOL_META.search_products, inputSchema: z.object(searchInput) }, async (args) => result(searchProducts(args)));
    server.registerTool('add_to_cart', { ...TOOL_META.add_to_cart, inputSchema: z.object(addInput) }, async (args) => result(addToCart(cart, args)));
    server.registerTool('clear_cart', { ...TOOL_META.clear_cart }, async () => result(clearCart(cart)));
    server.registerTool('roast_batches', { ...TOOL_META.roast_batches, inputSchema: z.object(roastInput) }, async ({ batches }, ctx) => {
      const token = ctx.mcpReq._meta?.progressToken;
      return result(await roast(batches, ctx.mcpReq.signal, async (progress, total, message) => {
        if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } });
      }));
    });
    server.registerTool('hold_beans', { ...TOOL_META.hold_beans }, async (ctx) => {
      const answer = (ctx.mcpReq.inputResponses as Record<string, { action: string; content?: Record<string, unknown> }> | undefined)?.bags;
      if (!answer) {
        return inputRequired({ inputRequests: { bags: inputRequired.elicit({ message: HOLD_MESSAGE, requestedSchema: z.object({ bags: z.number().int().min(1).max(5).describe('Between 1 and 5') }) }) } }) as never;
      }
      return result(holdBeans(answer));
    });
    server.registerTool(PAID_TOOL, { ...TOOL_META[PAID_TOOL] }, async () => result(roasterReport()));
    server.registerTool(TASTING.unlock, { ...TASTING.meta.open_tasting_room }, async () => {
      if (!tastingOpen) {
        tastingOpen = true;
        handler.notify.toolsChanged();
      }
      return result(openedText());
    });
    if (tastingOpen) server.registerTool(TASTING.unlocked, { ...TASTING.meta.book_tasting, inputSchema: z.object(tastingInput) }, async ({ seats }) => result(bookedText(seats)));
    server.registerResource(CATALOGUE_RESOURCE.name, CATALOGUE_RESOURCE.uri, { title: CATALOGUE_RESOURCE.title, description: CATALOGUE_RESOURCE.description, mimeType: CATALOGUE_RESOURCE.mimeType },
      async (uri) => ({ contents: [{ uri: uri.href, mimeType: CATALOGUE_RESOURCE.mimeType, text: catalogueText() }] }));
    server.registerResource(PRODUCT_TEMPLATE.name, new ResourceTemplate(PRODUCT_TEMPLATE.uriTemplate, { list: undefined }),
      { title: PRODUCT_TEMPLATE.title, description: PRODUCT_TEMPLATE.description, mimeType: PRODUCT_TEMPLATE.mimeType },
      async (uri, { productId }) => productContents(uri.href, productId));
    server.registerPrompt(PAIRING_PROMPT.name, { title: PAIRING_PROMPT.title, description: PAIRING_PROMPT.description, argsSchema: z.object(pairingArgs) },
      ({ product }) => ({ messages: pairingMessages(product) }));
    return server;
  };
  const handler = createMcpHandler(factory, { legacy: 'reject' });
  const tasting: TastingRoom = {
    get open() {
      return tastingOpen;
    },
    close() {
      if (!tastingOpen) return;
      tastingOpen = false;
      handler.notify.toolsChanged();
    },
  };
  return { handler, node: toNodeHandler(handler), tasting };
}
