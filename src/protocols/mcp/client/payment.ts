// x402 over MCP, read-only: recognise "payment required" answers so the wallet can take over.
// Three shapes are read (coinbase/x402 specs/transports-v2/mcp.md and older drafts):
//   1. a tool result with isError and the PaymentRequired object in structuredContent,
//      in structuredContent["x402/error"].data, or as JSON text in content[0] (bare or `x402/error`-wrapped);
//   2. a JSON-RPC error with code 402 and PaymentRequired in error.data (the earlier @x402/mcp draft);
//   3. HTTP 402 with a PAYMENT-REQUIRED header or a JSON body (plain x402 on the MCP endpoint).
// Also `_meta["x402/payment-required"]` on a result. Nothing here pays.
import { isObject, parseJsonText, type JsonObject, type JsonValue } from '../../agents-json/json';
import { parsePaymentRequired, parsePaymentRequiredObject } from '../../x402/requirements';
import type { PaymentRequired, Result } from '../../x402/types';

export interface McpPaymentRequired {
  kind: 'payment-required';
  source: 'http-402' | 'tool-result' | 'rpc-error' | 'meta';
  /** The x402 payment requirements as the wallet module reads them (options Emissary can pay, and why others were skipped). */
  parsed: Result<PaymentRequired>;
  /** The raw PaymentRequired object (already size-capped), for the x402 payment flow. */
  raw: JsonValue | null;
  /** `x402/payment-response` from a failed settlement, when the server sent one. */
  settlement?: JsonValue;
  /** HTTP 402 only: the PAYMENT-REQUIRED header as sent (base64 JSON), when present. */
  header?: string;
}

const X402_ERROR = 'x402/error';

function looksLikePaymentRequired(v: JsonValue | undefined): v is JsonObject {
  return isObject(v) && (v.x402Version === 1 || v.x402Version === 2) && Array.isArray(v.accepts);
}

function fromObject(raw: JsonObject, source: McpPaymentRequired['source'], settlement?: JsonValue): McpPaymentRequired {
  return { kind: 'payment-required', source, parsed: parsePaymentRequiredObject(raw, { where: 'the MCP payment request' }), raw, ...(settlement !== undefined ? { settlement } : {}) };
}

function unwrap(v: JsonValue | undefined): JsonObject | undefined {
  if (looksLikePaymentRequired(v)) return v;
  if (isObject(v) && isObject(v[X402_ERROR]) && looksLikePaymentRequired(v[X402_ERROR].data)) return v[X402_ERROR].data;
  return undefined;
}

/** A tools/call (or other) result that asks for payment; null for an ordinary result. */
export function paymentRequiredFromResult(result: JsonObject): McpPaymentRequired | null {
  const meta = isObject(result._meta) ? result._meta : undefined;
  if (meta && looksLikePaymentRequired(meta['x402/payment-required'])) return fromObject(meta['x402/payment-required'], 'meta');
  if (result.isError !== true) return null;
  const structured = unwrap(result.structuredContent);
  if (structured) {
    const sc = result.structuredContent as JsonObject;
    return fromObject(structured, 'tool-result', sc['x402/payment-response'] ?? structured['x402/payment-response']);
  }
  const first = Array.isArray(result.content) ? result.content[0] : undefined;
  if (isObject(first) && first.type === 'text' && typeof first.text === 'string' && first.text.includes('x402')) {
    const tree = parseJsonText(first.text, 'x402 payment request', { maxBytes: 256 * 1024, maxDepth: 16, maxNodes: 10_000 });
    const found = tree.ok ? unwrap(tree.value) : undefined;
    if (found) return fromObject(found, 'tool-result', found['x402/payment-response']);
  }
  return null;
}

/** A JSON-RPC error with code 402 carrying PaymentRequired in `data`. */
export function paymentRequiredFromRpcError(error: { code: number; data?: JsonValue }): McpPaymentRequired | null {
  if (error.code !== 402) return null;
  const found = unwrap(error.data);
  return found ? fromObject(found, 'rpc-error') : null;
}

/** HTTP 402 on the MCP endpoint. */
export function paymentRequiredFromHttp(headers: { get(name: string): string | null }, bodyText: string): McpPaymentRequired {
  const parsed = parsePaymentRequired(402, headers, bodyText);
  let raw: JsonValue | null = null;
  const tree = bodyText ? parseJsonText(bodyText, 'x402 payment request', { maxBytes: 256 * 1024, maxDepth: 16, maxNodes: 10_000 }) : null;
  if (tree?.ok) raw = tree.value;
  const header = headers.get('payment-required');
  return { kind: 'payment-required', source: 'http-402', parsed, raw, ...(header && header.length <= 64 * 1024 ? { header } : {}) };
}
