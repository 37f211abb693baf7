// What the demo shop's MCP servers offer, written once for both SDKs (v1 serves the 2025-11-25
// era, v2 the 2026-07-28 era). Handlers return plain MCP results; each server file adapts them.
import * as z from 'zod';
import { PRODUCTS } from '../shop-documents';

export const PRODUCT_IDS = PRODUCTS.map((p) => p.id) as [string, ...string[]];

/** One cart per demo instance: tests read it to see that a call really happened. */
export class DemoCart {
  readonly lines: { productId: string; quantity: number; giftWrap: boolean }[] = [];
  cleared = 0;
}

export type ToolResult = {
  content: ({ type: 'text'; text: string } | { type: 'image'; data: string; mimeType: string } | { type: 'resource_link'; uri: string; name: string; mimeType?: string })[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

export const searchInput = {
  query: z.string().describe('Words to look for in product names'),
  maxResults: z.number().int().min(1).max(10).default(5).describe('At most this many products'),
};

export function searchProducts({ query, maxResults }: { query: string; maxResults?: number }): ToolResult {
  const q = query.toLowerCase();
  const found = PRODUCTS.filter((p) => p.name.toLowerCase().includes(q)).slice(0, maxResults ?? 5);
  return {
    content: [
      { type: 'text', text: found.length ? found.map((p) => `${p.name}: ${p.price} ${p.currency}`).join('\n') : `No product matches “${query}”.` },
      { type: 'resource_link', uri: 'shop://catalogue', name: 'catalogue', mimeType: 'application/json' },
    ],
    structuredContent: { products: found.map((p) => ({ id: p.id, name: p.name, price: p.price })) },
  };
}

export const addInput = {
  productId: z.enum(PRODUCT_IDS).describe('Which product'),
  quantity: z.number().int().min(1).max(20).default(1),
  options: z.object({
    giftWrap: z.boolean().default(false).describe('Wrap it as a gift'),
    note: z.string().max(200).optional().describe('A note for the card'),
  }).optional(),
};

export function addToCart(cart: DemoCart, args: { productId: string; quantity?: number; options?: { giftWrap?: boolean } }): ToolResult {
  const product = PRODUCTS.find((p) => p.id === args.productId);
  if (!product) return { content: [{ type: 'text', text: `Unknown product ${args.productId}` }], isError: true };
  cart.lines.push({ productId: product.id, quantity: args.quantity ?? 1, giftWrap: args.options?.giftWrap === true });
  return {
    content: [{ type: 'text', text: `Added ${args.quantity ?? 1} × ${product.name} to the cart.` }],
    structuredContent: { cart: cart.lines.map((l) => ({ ...l })) },
  };
}

export function clearCart(cart: DemoCart): ToolResult {
  const n = cart.lines.length;
  cart.lines.length = 0;
  cart.cleared++;
  return { content: [{ type: 'text', text: `Emptied the cart (${n} line${n === 1 ? '' : 's'} removed).` }] };
}

export const roastInput = { batches: z.number().int().min(1).max(10).default(3).describe('How many batches to roast') };

/** Reports progress once per batch; stops early when the client cancels. */
export async function roast(batches: number, signal: AbortSignal, progress: (done: number, total: number, message: string) => Promise<void>, stepMs = 300): Promise<ToolResult> {
  for (let i = 1; i <= batches; i++) {
    await new Promise((r) => setTimeout(r, stepMs));
    if (signal.aborted) return { content: [{ type: 'text', text: 'Roast cancelled.' }], isError: true };
    await progress(i, batches, `Batch ${i} of ${batches} roasted`);
  }
  return { content: [{ type: 'text', text: `Roasted ${batches} batches.` }] };
}

/** The paid tool's answer; the HTTP layer (paid-gate.ts) takes the x402 payment before it runs. */
export function roasterReport(): ToolResult {
  return {
    content: [{ type: 'text', text: `Roaster's report (paid): ${PRODUCTS.map((p) => p.name).join(', ')} — all in stock.` }],
    structuredContent: { report: PRODUCTS.map((p) => ({ product: p.name, stock: 'in stock' })) },
  };
}

export const PAID_TOOL = 'roaster_report';

/** The elicitation tool asks the user how many bags to hold (legacy: elicitation/create; modern: input_required). */
export const HOLD_MESSAGE = 'How many bags of espresso beans should we hold for you?';
export const HOLD_SCHEMA = { type: 'object', properties: { bags: { type: 'integer', minimum: 1, maximum: 5, title: 'Bags', description: 'Between 1 and 5' } }, required: ['bags'] } as const;
export function holdBeans(answer: { action: string; content?: Record<string, unknown> } | undefined): ToolResult {
  const bags = Number(answer?.content?.bags);
  if (answer?.action !== 'accept' || !Number.isInteger(bags)) return { content: [{ type: 'text', text: 'Nothing held.' }] };
  return { content: [{ type: 'text', text: `Holding ${bags} bag${bags === 1 ? '' : 's'} for you until Friday.` }] };
}

export const TOOL_META = {
  search_products: { title: 'Search products', description: 'Finds products in the shop catalogue.', annotations: { readOnlyHint: true, openWorldHint: false } },
  add_to_cart: { title: 'Add to cart', description: 'Puts a product in your cart.', annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } },
  clear_cart: { title: 'Empty the cart', description: 'Removes everything from your cart.', annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false } },
  roast_batches: { title: 'Roast batches', description: 'Roasts coffee batch by batch and reports progress.', annotations: { readOnlyHint: true, openWorldHint: false } },
  hold_beans: { title: 'Hold beans', description: 'Asks how many bags to put aside for you.', annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } },
  [PAID_TOOL]: { title: "Roaster's report (paid)", description: "This week's tasting report; costs 0.01 USDC via x402.", annotations: { readOnlyHint: true, openWorldHint: false } },
} as const;

export const CATALOGUE_RESOURCE = { uri: 'shop://catalogue', name: 'catalogue', title: 'Catalogue', description: 'Every product with its price', mimeType: 'application/json' };
export const catalogueText = () => JSON.stringify({ products: PRODUCTS }, null, 2);

export const PAIRING_PROMPT = { name: 'pairing', title: 'Food pairing', description: 'Asks what to serve with a product' };
export const pairingArgs = { product: z.string().describe('Product name') };
export const pairingMessages = (product: string) => [
  { role: 'user' as const, content: { type: 'text' as const, text: `What food goes well with ${product}?` } },
];

/** A resource template (RFC 6570 level 1): one product by id. */
export const PRODUCT_TEMPLATE = {
  uriTemplate: 'shop://products/{productId}', name: 'product', title: 'One product', description: 'A product by its id, e.g. p-mug', mimeType: 'application/json',
};
export function productContents(uri: string, productId: unknown) {
  const product = PRODUCTS.find((p) => p.id === String(productId));
  return { contents: [{ uri, mimeType: PRODUCT_TEMPLATE.mimeType, text: product ? JSON.stringify(product, null, 2) : JSON.stringify({ error: `No product ${String(productId)}` }) }] };
}

/**
 * Tools that change the list while a client looks: calling the first adds the second to the
 * server's tools and the server says so (list_changed), so an open Site view can show it live.
 */
export const TASTING = {
  unlock: 'open_tasting_room',
  unlocked: 'book_tasting',
  meta: {
    open_tasting_room: { title: 'Open the tasting room', description: 'Opens the tasting room; a booking tool appears.', annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false } },
    book_tasting: { title: 'Book a tasting', description: 'Books a seat at the next tasting.', annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } },
  },
} as const;
export const tastingInput = { seats: z.number().int().min(1).max(4).default(1).describe('How many seats') };
export const openedText = (): ToolResult => ({ content: [{ type: 'text', text: 'The tasting room is open: you can book a tasting now.' }] });
export const bookedText = (seats: number): ToolResult => ({ content: [{ type: 'text', text: `Booked ${seats} seat${seats === 1 ? '' : 's'} at Friday's tasting.` }] });
