// JSON-RPC 2.0 as MCP uses it: strict parsing of untrusted messages, id correlation, error codes.
// Batches existed only in MCP 2025-03-26; every other revision (2025-06-18 on, and the modern era) forbids them.
import { describeType, isObject, parseJsonText, type JsonObject, type JsonValue, type TreeLimits } from '../../agents-json/json';

export type RequestId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: JsonObject;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonObject;
}

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: JsonValue;
}

export interface JsonRpcResult {
  jsonrpc: '2.0';
  id: RequestId;
  result: JsonObject;
}

export interface JsonRpcError {
  jsonrpc: '2.0';
  /** null when the server could not read the request's id (or, in the modern era, on header errors). */
  id: RequestId | null;
  error: JsonRpcErrorObject;
}

export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResult | JsonRpcError;

export type MessageKind = 'request' | 'notification' | 'result' | 'error';

export function messageKind(m: JsonRpcMessage): MessageKind {
  if ('result' in m) return 'result';
  if ('error' in m) return 'error';
  return 'id' in m ? 'request' : 'notification';
}

export const RPC_ERRORS = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Modern era (2026-07-28). */
  headerMismatch: -32020,
  missingRequiredClientCapability: -32021,
  unsupportedProtocolVersion: -32022,
  /** Legacy 2025-11-25: URL-mode elicitation required. */
  urlElicitationRequired: -32042,
} as const;

/** Error codes whose presence proves the server speaks the modern era. */
export const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([
  RPC_ERRORS.headerMismatch, RPC_ERRORS.missingRequiredClientCapability, RPC_ERRORS.unsupportedProtocolVersion,
]);

export const MESSAGE_TEXT_CAP = 2000;
const METHOD_CAP = 200;
const ID_STRING_CAP = 200;

export type ParsedMessage = { ok: true; message: JsonRpcMessage } | { ok: false; reason: string };
export type ParsedMessages = { ok: true; messages: JsonRpcMessage[]; batch: boolean } | { ok: false; reason: string };

function readId(value: JsonValue | undefined): RequestId | undefined {
  if (typeof value === 'string' && value.length <= ID_STRING_CAP) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  return undefined;
}

function readParams(value: JsonValue | undefined): JsonObject | undefined | false {
  if (value === undefined) return undefined;
  return isObject(value) ? value : false;
}

/** Checks one already-sanitised JSON value against the JSON-RPC 2.0 shapes. Extra members are dropped. */
export function parseMessageValue(value: JsonValue): ParsedMessage {
  if (!isObject(value)) return { ok: false, reason: `a JSON-RPC message must be an object, found ${describeType(value)}` };
  if (value.jsonrpc !== '2.0') return { ok: false, reason: "the message does not say jsonrpc: '2.0'" };
  const hasId = 'id' in value;
  if (typeof value.method === 'string') {
    if (value.method.length === 0 || value.method.length > METHOD_CAP) return { ok: false, reason: 'the method name is empty or too long' };
    const params = readParams(value.params);
    if (params === false) return { ok: false, reason: `the params of '${value.method}' must be an object` };
    if (!hasId) return { ok: true, message: { jsonrpc: '2.0', method: value.method, ...(params ? { params } : {}) } };
    const id = readId(value.id);
    if (id === undefined) return { ok: false, reason: `request '${value.method}' has an id that is not a string or an integer` };
    return { ok: true, message: { jsonrpc: '2.0', id, method: value.method, ...(params ? { params } : {}) } };
  }
  if (('result' in value) === ('error' in value)) return { ok: false, reason: 'a response must have exactly one of result and error' };
  if ('result' in value) {
    const id = readId(value.id);
    if (id === undefined) return { ok: false, reason: 'a result has no usable id' };
    if (!isObject(value.result)) return { ok: false, reason: `a result must be an object, found ${describeType(value.result)}` };
    return { ok: true, message: { jsonrpc: '2.0', id, result: value.result } };
  }
  const error = value.error;
  if (!isObject(error) || typeof error.code !== 'number' || !Number.isInteger(error.code) || typeof error.message !== 'string') {
    return { ok: false, reason: 'an error response must carry an integer code and a message' };
  }
  const id = value.id === null || value.id === undefined ? null : readId(value.id);
  if (id === undefined) return { ok: false, reason: 'an error response has an id that is not a string, an integer or null' };
  const message = error.message.length > MESSAGE_TEXT_CAP ? `${error.message.slice(0, MESSAGE_TEXT_CAP)}…` : error.message;
  return { ok: true, message: { jsonrpc: '2.0', id, error: { code: error.code, message, ...('data' in error ? { data: error.data } : {}) } } };
}

export const MESSAGE_LIMITS: TreeLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 64, maxNodes: 200_000 };

/** Parses JSON text holding one message, or a batch when `allowBatch` (only MCP 2025-03-26). */
export function parseMessages(text: string, opts: { allowBatch?: boolean; limits?: TreeLimits } = {}): ParsedMessages {
  const tree = parseJsonText(text, 'MCP message', opts.limits ?? MESSAGE_LIMITS);
  if (!tree.ok) return { ok: false, reason: tree.problems[0]?.message ?? 'unreadable JSON' };
  if (Array.isArray(tree.value)) {
    if (!opts.allowBatch) return { ok: false, reason: 'the server sent a JSON-RPC batch, which this protocol revision does not allow' };
    if (tree.value.length === 0) return { ok: false, reason: 'the server sent an empty batch' };
    const messages: JsonRpcMessage[] = [];
    for (const item of tree.value) {
      const parsed = parseMessageValue(item);
      if (!parsed.ok) return { ok: false, reason: `batch item ${messages.length}: ${parsed.reason}` };
      messages.push(parsed.message);
    }
    return { ok: true, messages, batch: true };
  }
  const parsed = parseMessageValue(tree.value);
  return parsed.ok ? { ok: true, messages: [parsed.message], batch: false } : parsed;
}

export function isResponseTo(m: JsonRpcMessage, id: RequestId): m is JsonRpcResult | JsonRpcError {
  return ('result' in m || 'error' in m) && m.id === id;
}

/** Hands out request ids that are never reused within one client. */
export class IdSource {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

export function request(id: RequestId, method: string, params?: JsonObject): JsonRpcRequest {
  return { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) };
}

export function notification(method: string, params?: JsonObject): JsonRpcNotification {
  return { jsonrpc: '2.0', method, ...(params ? { params } : {}) };
}
