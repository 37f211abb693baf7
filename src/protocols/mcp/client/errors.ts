// What can go wrong talking to an MCP server, as one error type with a machine-readable kind.
import type { JsonValue } from '../../agents-json/json';
import type { AuthChallenge } from './oauth-metadata';
import type { McpPaymentRequired } from './payment';

export type McpErrorKind =
  /** The server answered with a JSON-RPC error (`rpcCode` holds its code). */
  | 'rpc'
  /** HTTP status the client cannot use (`status`). */
  | 'http'
  /** 401: needs (new) authorization; `challenge` holds the parsed WWW-Authenticate. */
  | 'unauthorized'
  /** 403, e.g. insufficient_scope; `challenge` when the server sent one. */
  | 'forbidden'
  /** HTTP 402 or an x402 payment-required answer outside `callTool`; `payment` holds it. */
  | 'payment-required'
  /** The answer broke the protocol: wrong ids, bad JSON, wrong content type, stream ended early. */
  | 'protocol'
  /** An answer or a stream was larger than the client's caps. */
  | 'too-large'
  /** No era or protocol version both sides speak. */
  | 'unsupported-version'
  /** fetch itself failed (offline, DNS, CORS). */
  | 'network'
  | 'timeout'
  | 'cancelled';

export interface McpErrorDetails {
  status?: number;
  rpcCode?: number;
  data?: JsonValue;
  challenge?: AuthChallenge;
  payment?: McpPaymentRequired;
}

export class McpError extends Error {
  readonly kind: McpErrorKind;
  readonly status?: number;
  readonly rpcCode?: number;
  readonly data?: JsonValue;
  readonly challenge?: AuthChallenge;
  readonly payment?: McpPaymentRequired;

  constructor(kind: McpErrorKind, message: string, details: McpErrorDetails = {}) {
    super(message);
    this.name = 'McpError';
    this.kind = kind;
    Object.assign(this, details);
  }
}

export function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}
