// x402 wire shapes (coinbase/x402 specs v1 and v2) and the normalised forms Emissary works with.
// Wire types describe what a *well-behaved* server sends; parsers never trust that they got one.

import type { Address } from '../evm/address';
import type { Authorization } from '../evm/eip3009';
import type { Hex } from '../evm/bytes';

export type X402Version = 1 | 2;

/** Header names, as the x402 HTTP transport specs spell them. */
export const HEADERS = {
  /** v2, server → client, base64 JSON PaymentRequired. */
  paymentRequired: 'PAYMENT-REQUIRED',
  /** v2, client → server, base64 JSON PaymentPayload. */
  paymentSignature: 'PAYMENT-SIGNATURE',
  /** v2, server → client, base64 JSON SettlementResponse. */
  paymentResponse: 'PAYMENT-RESPONSE',
  /** v1, client → server. */
  xPayment: 'X-PAYMENT',
  /** v1, server → client. */
  xPaymentResponse: 'X-PAYMENT-RESPONSE',
} as const;

/** Size caps for everything a site sends (characters of header value / body text). */
export const LIMITS = {
  paymentRequiredHeader: 32 * 1024,
  body: 64 * 1024,
  settlementHeader: 16 * 1024,
  paymentHeader: 16 * 1024,
  jsonDepth: 32,
  accepts: 32,
  description: 2000,
  url: 2048,
  mimeType: 256,
  error: 1000,
  tokenField: 128,
  networkId: 80,
  /** maxTimeoutSeconds above this is refused: an authorization should not live for hours. */
  maxTimeoutSeconds: 3600,
} as const;

export interface ResourceInfo {
  url: string;
  description?: string;
  mimeType?: string;
}

/** v1 `accepts[]` entry (x402-specification-v1 §5.1). */
export interface PaymentRequirementsV1 {
  scheme: string;
  network: string;
  maxAmountRequired: string;
  asset: string;
  payTo: string;
  resource: string;
  description: string;
  mimeType?: string;
  outputSchema?: unknown;
  maxTimeoutSeconds: number;
  extra?: Record<string, unknown>;
}

/** v2 `accepts[]` entry (x402-specification-v2 §5.1.2). */
export interface PaymentRequirementsV2 {
  scheme: string;
  network: string;
  amount: string;
  asset: string;
  payTo: string;
  maxTimeoutSeconds: number;
  extra?: Record<string, unknown>;
}

export interface ExactEvmPayload {
  signature: Hex;
  authorization: Authorization;
}

export interface PaymentPayloadV1 {
  x402Version: 1;
  scheme: string;
  network: string;
  payload: ExactEvmPayload;
}

export interface PaymentPayloadV2 {
  x402Version: 2;
  resource?: unknown;
  /** The chosen requirements, echoed verbatim (servers deep-compare it with what they offered). */
  accepted: Record<string, unknown>;
  payload: ExactEvmPayload;
  extensions?: Record<string, unknown>;
}

export type PaymentPayload = PaymentPayloadV1 | PaymentPayloadV2;

/** One payment option Emissary can pay: scheme `exact`, an EVM chain, EIP-3009. */
export interface ExactEvmRequirement {
  x402Version: X402Version;
  scheme: 'exact';
  /** Network id exactly as the server wrote it ('base-sepolia' in v1, 'eip155:84532' in v2). */
  network: string;
  chainId: number;
  /** Atomic token units (v1 `maxAmountRequired`, v2 `amount`). */
  amount: bigint;
  /** Token contract, checksummed. */
  asset: Address;
  /** Recipient, checksummed. */
  payTo: Address;
  maxTimeoutSeconds: number;
  /** The token's EIP-712 domain name and version, as the server claims them (`extra`). */
  token: { name: string; version: string };
  /** What the site says is being bought. Untrusted text: render as text, label as the site's words. */
  resource: ResourceInfo;
  /** Position in the server's `accepts` list. */
  index: number;
  /** Verbatim objects to echo back in a v2 payload. */
  echo: { accepted: Record<string, unknown>; resource?: unknown; extensions?: Record<string, unknown> };
}

export interface PaymentRequired {
  x402Version: X402Version;
  /** The server's own error text (untrusted). */
  error?: string;
  /** Options Emissary can pay, in the server's order. */
  requirements: ExactEvmRequirement[];
  /** Options that were skipped, with the reason for each. */
  ignored: { index: number; problems: Problem[] }[];
}

export type ProblemCode =
  | 'not_402'
  | 'no_requirements'
  | 'too_large'
  | 'bad_base64'
  | 'bad_utf8'
  | 'bad_json'
  | 'too_deep'
  | 'bad_version'
  | 'missing_field'
  | 'bad_field'
  | 'bad_amount'
  | 'bad_address'
  | 'unsupported_scheme'
  | 'unsupported_network'
  | 'unsupported_transfer_method'
  | 'no_usable_option'
  | 'not_enabled';

/** A specific, human-readable reason something from a site was refused. */
export interface Problem {
  code: ProblemCode;
  /** Where in the site's data, e.g. `accepts[0].payTo`. */
  path: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** What the server reports after settling (x402 SettlementResponse). */
export interface SettlementResponse {
  success: boolean;
  /** Transaction hash; '' when settlement failed before reaching the chain. */
  transaction: Hex | '';
  network: string;
  chainId?: number;
  payer?: Address;
  errorReason?: string;
  /** Settled amount in atomic units, when the server reports it (v2, `upto`). */
  amount?: bigint;
}

/** Anything that yields a header by (case-insensitive) name: a fetch `Headers`, or a plain record. */
export type HeaderSource =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined>>;
