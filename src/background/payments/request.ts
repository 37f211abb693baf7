// The HTTP side of a paid request: what is sent, what is kept for a resend after a restart, and
// reading a 402 or a receipt without trusting its size.
import { readCapped } from '../../protocols/discovery/read-capped';
import { HEADERS, LIMITS } from '../../protocols/x402';

/** A request Emissary can send twice: string bodies only (a stream cannot be replayed). */
export interface PaidRequestInit {
  method?: string;
  headers?: Record<string, string> | [string, string][];
  body?: string;
}

export interface NormalizedRequest {
  method: string;
  headers: [string, string][];
  body?: string;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Max characters of request body kept for a resend. */
export const MAX_STORED_BODY = 64 * 1024;

const PAYMENT_HEADERS = new Set([HEADERS.xPayment, HEADERS.paymentSignature].map((h) => h.toLowerCase()));

/**
 * Headers never written to idb in clear: the resend after a restart goes without them. (Site
 * credentials live encrypted in the vault; a site that needs them will refuse the resend, and the
 * payment is then marked failed with the site's answer.)
 */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|cookie2)$|token|secret|key|auth|session|password|signature/i;

export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Method upper-cased, headers as a list (payment headers a caller supplied are dropped), body kept. */
export function normalizeRequest(init: PaidRequestInit | undefined): NormalizedRequest {
  const method = (init?.method ?? 'GET').toUpperCase();
  if (!/^[A-Z]{1,16}$/.test(method)) throw new RequestError(`not an HTTP method: ${JSON.stringify(method.slice(0, 20))}`);
  const raw = init?.headers ?? [];
  const list = Array.isArray(raw) ? raw : Object.entries(raw);
  const headers = list
    .filter((h): h is [string, string] => Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'string')
    .filter(([name]) => !PAYMENT_HEADERS.has(name.toLowerCase()));
  if (init?.body !== undefined && typeof init.body !== 'string') throw new RequestError('a paid request body must be text');
  if (init?.body !== undefined && (method === 'GET' || method === 'HEAD')) throw new RequestError(`a ${method} request has no body`);
  return { method, headers, ...(init?.body !== undefined ? { body: init.body } : {}) };
}

/** What is persisted with the payment so the paid retry can be sent again after a restart. */
export function storableRequest(req: NormalizedRequest): NormalizedRequest {
  if (req.body !== undefined && req.body.length > MAX_STORED_BODY) {
    throw new RequestError(`the request body is over ${MAX_STORED_BODY} characters; Emissary pays only for requests it can resend`);
  }
  return { ...req, headers: req.headers.filter(([name]) => !CREDENTIAL_HEADER.test(name)) };
}

/** fetch() options: no cookies, no referrer, no cache; the payment header when paying. */
export function toFetchInit(req: NormalizedRequest, payment?: { name: string; value: string }): RequestInit {
  const headers: [string, string][] = [...req.headers];
  if (payment) {
    headers.push([payment.name, payment.value]);
    // v1 servers expose the receipt only when asked (what the reference client sends).
    if (payment.name === HEADERS.xPayment) headers.push(['Access-Control-Expose-Headers', HEADERS.xPaymentResponse]);
  }
  return {
    method: req.method,
    headers,
    ...(req.body !== undefined ? { body: req.body } : {}),
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
  };
}

/** The body of a response as capped text, leaving the response itself readable for the caller. */
export async function peekBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const read = await readCapped(response.clone(), LIMITS.body);
  return read.ok ? read.text : '';
}

/** The origin of a URL, or undefined. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
