// What Emissary sends: the create-thread body (declaring its capabilities), user text, and capability
// replies — decision, payment (signed through a callback), NEAR / EVM wallet responses. Every capability
// message built here is read back through parseAitpMessage before it is returned.

import { problem, type JsonObject, type Problem } from '../agents-json/json';
import { CAPABILITIES, EMISSARY_CAPABILITY_URLS } from './capabilities';
import { parseAitpMessage } from './message';
import { AITP_LIMITS } from './read';
import type { AitpMessage, MessageOf, Payment, PaymentQuote, SelectedOption } from './types';

export type BuildResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
/** A capability message as sent: `{ $schema, <message_type>: body }`. */
export type WireMessage = JsonObject;

const LABEL = 'reply';
const no = (path: string, text: string): { ok: false; problems: Problem[] } => ({ ok: false, problems: [problem('error', LABEL, path, text)] });

/** Answer in the URL family the request used (the Hub's agents expect theirs); canonical when it was unknown. */
export function replySchema(request: AitpMessage): string {
  return request.schemaInfo ? request.schema : CAPABILITIES[request.capability].url;
}

/** Checks a built message by parsing it back; the returned value is the wire object. */
export function finishMessage(wire: WireMessage): BuildResult<WireMessage> {
  const r = parseAitpMessage(wire, { label: LABEL });
  return r.ok ? { ok: true, value: wire } : { ok: false, problems: r.problems };
}

// ---- T01 -------------------------------------------------------------------------------------

export type Dialect = 'spec' | 'hub';

export interface CreateThreadOptions {
  /** Emissary's actor id in this thread (need not be stable across threads). */
  actorId: string;
  clientId?: string;
  capabilities?: readonly string[];
  /** Opening user messages. */
  messages?: readonly string[];
  /** `spec`: AITP-T01 as written. `hub`: NEAR AI Hub (metadata.actors as JSON text, OpenAI message objects). */
  dialect?: Dialect;
}

export function buildCreateThreadBody(options: CreateThreadOptions): JsonObject {
  const actors = [{
    id: options.actorId,
    client_id: options.clientId ?? 'emissary',
    capabilities: [...(options.capabilities ?? EMISSARY_CAPABILITY_URLS)],
  }];
  const messages = [...(options.messages ?? [])];
  if (options.dialect === 'hub') {
    return { messages: messages.map((content) => ({ role: 'user', content })), metadata: { actors: JSON.stringify(actors) } };
  }
  return { messages, metadata: { actors } };
}

/** Endpoint URLs. `spec`: `<agent>/v1/thread` etc. as T01 writes them; `hub`: `<base>/threads...` (base ends in /v1). */
export function threadEndpoints(agentUrl: string, dialect: Dialect = 'spec') {
  const base = agentUrl.replace(/\/+$/, '') + (dialect === 'spec' ? '/v1' : '');
  const t = (id: string) => `${base}/threads/${encodeURIComponent(id)}`;
  return {
    createThread: dialect === 'spec' ? `${base}/thread` : `${base}/threads`,
    thread: t,
    messages: (id: string) => `${t(id)}/messages`,
    runs: (id: string) => `${t(id)}/runs`,
    run: (id: string, runId: string) => `${t(id)}/runs/${encodeURIComponent(runId)}`,
  };
}

/** Body of "create message" for user text. */
export function buildUserTextMessage(text: string): BuildResult<{ role: 'user'; content: string }> {
  if (text.trim() === '') return no('content', 'is empty');
  if (text.length > AITP_LIMITS.longText) return no('content', `is ${text.length} characters; the limit is ${AITP_LIMITS.longText}`);
  return { ok: true, value: { role: 'user', content: text } };
}

/** Body of "create message" carrying a capability message (JSON text, as both the spec and the Hub expect). */
export function buildCapabilityMessage(wire: WireMessage): { role: 'user'; content: string } {
  return { role: 'user', content: JSON.stringify(wire) };
}

// ---- AITP-02 decision ------------------------------------------------------------------------

export interface Choice { id: string; quantity?: number }

/** A `decision` answering `request` by its id. Choices must name its options (or their variants). */
export function buildDecision(request: MessageOf<'decisions.request_decision'>, choices: readonly Choice[]): BuildResult<WireMessage> {
  const req = request.body;
  if (choices.length === 0) return no('decision.options', 'needs at least one choice');
  if ((req.type === 'radio' || req.type === 'confirmation') && choices.length !== 1) {
    return no('decision.options', `a ${req.type} request takes exactly one choice, got ${choices.length}`);
  }
  const names = new Map<string, string | undefined>();
  for (const o of req.options) {
    names.set(o.id, o.name);
    for (const v of o.variants ?? []) names.set(v.id, v.name ?? (v.short_variant_name && o.name ? `${o.name} (${v.short_variant_name})` : v.short_variant_name ?? o.name));
  }
  const seen = new Set<string>();
  const options: SelectedOption[] = [];
  for (const [i, c] of choices.entries()) {
    if (!names.has(c.id)) return no(`decision.options[${i}].id`, `'${c.id.slice(0, 60)}' is not an option of request ${req.id}`);
    if (seen.has(c.id)) return no(`decision.options[${i}].id`, `'${c.id.slice(0, 60)}' is chosen twice`);
    seen.add(c.id);
    const quantity = c.quantity ?? (req.type === 'products' ? 1 : undefined);
    if (quantity !== undefined && (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 10_000)) {
      return no(`decision.options[${i}].quantity`, `must be a whole number from 1 to 10000, got ${quantity}`);
    }
    const name = names.get(c.id);
    options.push({ id: c.id, ...(name !== undefined ? { name } : {}), ...(quantity !== undefined ? { quantity } : {}) });
  }
  return finishMessage({ $schema: replySchema(request), decision: { request_decision_id: req.id, options } } as unknown as WireMessage);
}

// ---- AITP-01 payment -------------------------------------------------------------------------

export interface PaymentChoice {
  quote: MessageOf<'payments.quote'>;
  optionIndex: number;
  methodIndex?: number;
  channelId: string;
  payerId: string;
  /** The time of payment (also checked against the quote's expiration). */
  now: Date;
}

export type UnsignedPayment = Omit<Payment, 'payer_signature'>;
/** Signs the payload (done by the background with the payer's key); returns e.g. `ed25519:<base58>`. */
export type PaymentSigner = (payload: string, unsigned: UnsignedPayment) => string | Promise<string>;

/** JSON with object keys sorted at every level: a stable byte form to sign. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What the payer signs. AITP-01 does not define it; Emissary signs the canonical JSON of the payment body
 * without `payer_signature`, prefixed with the capability slug so the bytes cannot pass for anything else.
 */
export function paymentSigningPayload(unsigned: UnsignedPayment): string {
  return `aitp-01-payments/payment:${canonicalJson(unsigned)}`;
}

/** A signed `payment` for one option of an AITP-01 quote. Open amounts and expired quotes are refused. */
export async function buildPayment(choice: PaymentChoice, sign: PaymentSigner): Promise<BuildResult<WireMessage>> {
  const body = choice.quote.body;
  if (body.type === 'Quote') return no('quote', 'is a payment-plan quote (AITP-02 / NEAR AI Hub); it has no AITP-01 payment message');
  const quote: PaymentQuote = body;
  const option = quote.payment_options[choice.optionIndex];
  if (!option) return no('optionIndex', `quote ${quote.quote_id} has no option ${choice.optionIndex}`);
  const method = option.payment_methods[choice.methodIndex ?? 0];
  if (!method) return no('methodIndex', `option ${choice.optionIndex} has no payment method ${choice.methodIndex ?? 0}`);
  if (option.amount === undefined) return no('amount', `option ${choice.optionIndex} of quote ${quote.quote_id} names no amount; Emissary does not pay open amounts`);
  if (Number.isNaN(choice.now.getTime())) return no('now', 'is not a valid date');
  if (quote.expiration && Date.parse(quote.expiration) <= choice.now.getTime()) {
    return no('quote.expiration', `quote ${quote.quote_id} expired at ${quote.expiration}`);
  }
  const unsigned: UnsignedPayment = {
    quote_id: quote.quote_id,
    payment_method: { type: method.type, token: method.token, channel_id: choice.channelId, amount: option.amount, currency: option.currency },
    payer_id: choice.payerId,
    timestamp: choice.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  let signature: string;
  try {
    signature = await sign(paymentSigningPayload(unsigned), unsigned);
  } catch (e) {
    return no('payer_signature', `could not be made: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
  }
  if (typeof signature !== 'string' || signature === '') return no('payer_signature', 'the signer returned no signature');
  const payment: Payment = { ...unsigned, payer_signature: signature };
  return finishMessage({ $schema: replySchema(choice.quote), payment } as unknown as WireMessage);
}

// ---- AITP-04 / AITP-05 responses (signing happens in the background) -------------------------

type Req<K extends AitpMessage['kind']> = MessageOf<K>;
const reply = (request: AitpMessage, type: string, body: object) =>
  finishMessage({ $schema: replySchema(request), [type]: { request_id: (request.body as { request_id: string }).request_id, ...body } } as WireMessage);

export const buildNearAccountResponse = (request: Req<'near.request_account'>, accounts: string[]) =>
  reply(request, 'account_response', { accounts });
export const buildNearTransactionResponse = (request: Req<'near.request_transaction'>, transactionHash: string) =>
  reply(request, 'transaction_response', { transaction_hash: transactionHash });
export const buildNearMessageSigningResponse = (request: Req<'near.request_message_signing'>,
  signed: { account_id: string; public_key: string; signature: string }) => reply(request, 'message_signing_response', signed);
export const buildEvmAddressResponse = (request: Req<'evm.request_address'>, addresses: string[]) =>
  reply(request, 'address_response', { addresses });
export const buildEvmTransactionResponse = (request: Req<'evm.request_transaction'>, transactionHash: string) =>
  reply(request, 'transaction_response', { transaction_hash: transactionHash });
export const buildEvmMessageSigningResponse = (request: Req<'evm.request_message_signing'>, signed: { address: string; signature: string }) =>
  reply(request, 'message_signing_response', signed);
