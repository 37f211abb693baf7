// AITP-01 Payments message bodies, plus the quote-with-plans shape (AITP-02's embedded quote, which the
// NEAR AI Hub also sends as its payments `quote`) and the Hub-only payment_authorization / payment_result.

import { childPath, type JsonValue } from '../agents-json/json';
import { AITP_LIMITS, compact, nested, numberToDecimal, objectReader, type BodyReader, type Reader } from './read';
import type {
  Affiliate, AffiliateRole, Payment, PaymentAuthorization, PaymentConfirmation, PaymentDetail, PaymentMethod,
  PaymentOption, PaymentPlan, PaymentQuote, PaymentResult, PlanQuote, RevenueShare, TopUpRequest, TopUpResponse,
  WrappedQuote, Wrapper,
} from './types';

export const DECIMAL_AMOUNT_RE = /^\d+(\.\d+)?$/;
const AMOUNT = { max: AITP_LIMITS.amount, pattern: DECIMAL_AMOUNT_RE, patternText: 'decimal text such as "99.99"' };
const SIG = { max: 4_096, nonEmpty: true };
const METHOD_TYPES = ['near_payment_channel', 'x402'] as const;
const ROLES: readonly AffiliateRole[] = ['personal_assistant', 'discovery', 'service', 'other'];

function readAffiliate(r: Reader, v: JsonValue, at: string): Affiliate | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const id = r.id(o, 'id', at);
  const role = r.oneOf(o, 'role', at, ROLES, true);
  const weight = r.num(o, 'weight', at, { integer: true, min: 1 });
  return id !== undefined && role !== undefined ? compact({ id, role, weight }) : undefined;
}

function readRevenueShare(r: Reader, v: JsonValue, at: string): RevenueShare | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const bps = r.num(o, 'affiliate_share_bps', at, { required: true, integer: true, min: 0, max: 10_000 });
  const affiliates = r.list(o, 'affiliates', at, (x, p) => readAffiliate(r, x, p));
  return bps !== undefined ? compact({ affiliate_share_bps: bps, affiliates }) : undefined;
}

function readMethod(r: Reader, v: JsonValue, at: string): PaymentMethod | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const type = r.oneOf(o, 'type', at, METHOD_TYPES, true);
  const token = r.id(o, 'token', at);
  const recipient = r.id(o, 'recipient', at);
  if (!type || token === undefined || recipient === undefined) return undefined;
  if (type === 'near_payment_channel') return { type, token, recipient };
  r.warn(childPath(at, 'type'), "'x402' is Emissary's extension, not a method of the published AITP-01 schema");
  const url = r.url(o, 'url', at, true);
  return url === undefined ? undefined : { type, token, recipient, url };
}

function readOption(r: Reader, v: JsonValue, at: string): PaymentOption | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const amount = r.str(o, 'amount', at, AMOUNT);
  const currency = r.id(o, 'currency', at);
  const methods = r.list(o, 'payment_methods', at, (x, p) => readMethod(r, x, p), { required: true, minItems: 1 });
  if (currency === undefined || !methods) return undefined;
  return compact({ amount, currency, payment_methods: methods });
}

/** The AITP-01 quote body (also `wrapped_quote.original_quote`). */
export const readPaymentQuote = objectReader<PaymentQuote>((r, o, at) => ({
  quote_id: r.id(o, 'quote_id', at),
  merchant_id: r.id(o, 'merchant_id', at),
  description: r.str(o, 'description', at, { required: true, max: AITP_LIMITS.longText }),
  expiration: r.dateTime(o, 'expiration', at),
  next_recipient: r.id(o, 'next_recipient', at, false),
  payment_options: r.list(o, 'payment_options', at, (x, p) => readOption(r, x, p), { required: true, minItems: 1 }),
  revenue_share: nested(r, o, 'revenue_share', at, readRevenueShare),
  merchant_signature: r.str(o, 'merchant_signature', at, { ...SIG, required: true }),
}));

/** A quote with payment plans (AITP-02 `Quote`; the Hub's payments `quote`). Amount number → decimal text. */
export function readPlanQuote(r: Reader, v: JsonValue, at: string): PlanQuote | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const before = r.problems.length;
  const type = r.oneOf(o, 'type', at, ['Quote'] as const, true);
  const quote_id = r.id(o, 'quote_id', at);
  const payee_id = r.id(o, 'payee_id', at);
  const plans = r.list(o, 'payment_plans', at, (x, p) => readPlan(r, x, p), { required: true, minItems: 1 });
  const valid_until = r.dateTime(o, 'valid_until', at, true);
  if (r.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return { type: type!, quote_id: quote_id!, payee_id: payee_id!, payment_plans: plans!, valid_until: valid_until! };
}

function moneyNumber(r: Reader, o: Record<string, JsonValue>, key: string, at: string): string | undefined {
  const n = r.num(o, key, at, { required: true, min: 0 });
  if (n === undefined) return undefined;
  const text = numberToDecimal(n);
  if (text === null) r.error(childPath(at, key), `is ${n}, which has no exact decimal form; send amounts below 2^53 without exponents`);
  return text ?? undefined;
}

function readPlan(r: Reader, v: JsonValue, at: string): PaymentPlan | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const plan_id = r.id(o, 'plan_id', at);
  const plan_type = o.plan_type === undefined ? 'one-time' : r.oneOf(o, 'plan_type', at, ['one-time'] as const);
  const amount = moneyNumber(r, o, 'amount', at);
  const currency = r.oneOf(o, 'currency', at, ['USD'] as const, true);
  if (plan_id === undefined || !plan_type || amount === undefined || !currency) return undefined;
  return { plan_id, plan_type, amount, currency };
}

const readWrapper = objectReader<Wrapper>((r, o, at) => ({
  affiliate_id: r.id(o, 'affiliate_id', at),
  role: r.oneOf(o, 'role', at, ROLES, true),
  added_affiliates: r.list(o, 'added_affiliates', at, (x, p) => readAffiliate(r, x, p)),
  next_recipient: r.id(o, 'next_recipient', at),
  timestamp: r.dateTime(o, 'timestamp', at, true),
  signature: r.str(o, 'signature', at, { ...SIG, required: true }),
}));

function readDetail(r: Reader, v: JsonValue, at: string): PaymentDetail | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  const label = r.str(o, 'label', at, { required: true });
  let value: string | number | undefined;
  if (typeof o.value === 'number') value = r.num(o, 'value', at);
  else value = r.str(o, 'value', at, { required: true, max: AITP_LIMITS.shortText });
  const url = r.url(o, 'url', at);
  return label !== undefined && value !== undefined ? compact({ label, value, url }) : undefined;
}

const readWrappedQuote = objectReader<WrappedQuote>((r, o, at) => ({
  original_quote: nested(r, o, 'original_quote', at, readPaymentQuote, true),
  wrappers: r.list(o, 'wrappers', at, (x, p) => readWrapper(r, x, p), { required: true, max: 20 }),
}));

const readPayment = objectReader<Payment>((r, o, at) => {
  const pmAt = childPath(at, 'payment_method');
  const pm = r.obj(o, 'payment_method', at, true);
  return {
    quote_id: r.id(o, 'quote_id', at),
    payment_method: pm && compact({
      type: r.oneOf(pm, 'type', pmAt, METHOD_TYPES, true),
      token: r.id(pm, 'token', pmAt),
      channel_id: r.id(pm, 'channel_id', pmAt),
      amount: r.str(pm, 'amount', pmAt, AMOUNT),
      currency: r.id(pm, 'currency', pmAt),
    }),
    payer_id: r.id(o, 'payer_id', at),
    timestamp: r.dateTime(o, 'timestamp', at, true),
    payer_signature: r.str(o, 'payer_signature', at, { ...SIG, required: true }),
  };
});

const readConfirmation = objectReader<PaymentConfirmation>((r, o, at) => ({
  quote_id: r.id(o, 'quote_id', at),
  payment_id: r.id(o, 'payment_id', at),
  result: r.oneOf(o, 'result', at, ['success', 'failure', 'pending'] as const, true),
  timestamp: r.dateTime(o, 'timestamp', at, true),
  message: r.str(o, 'message', at, { max: AITP_LIMITS.longText }),
  details: r.list(o, 'details', at, (x, p) => readDetail(r, x, p)),
  merchant_signature: r.str(o, 'merchant_signature', at, { ...SIG, required: true }),
}));

const readTopUpRequest = objectReader<TopUpRequest>((r, o, at) => ({
  channel_id: r.id(o, 'channel_id', at),
  amount: r.str(o, 'amount', at, AMOUNT),
  currency: r.id(o, 'currency', at),
  reason: r.str(o, 'reason', at, { max: AITP_LIMITS.longText }),
  merchant_id: r.id(o, 'merchant_id', at),
  timestamp: r.dateTime(o, 'timestamp', at, true),
  merchant_signature: r.str(o, 'merchant_signature', at, { ...SIG, required: true }),
}));

const readTopUpResponse = objectReader<TopUpResponse>((r, o, at) => ({
  channel_id: r.id(o, 'channel_id', at),
  amount: r.str(o, 'amount', at, { ...AMOUNT, required: true }),
  currency: r.id(o, 'currency', at),
  new_balance: r.str(o, 'new_balance', at, AMOUNT),
  payer_id: r.id(o, 'payer_id', at),
  timestamp: r.dateTime(o, 'timestamp', at, true),
  payer_signature: r.str(o, 'payer_signature', at, { ...SIG, required: true }),
}));

const readAuthorizationDetail = objectReader<PaymentAuthorization['details'][number]>((r, d, p) => ({
  network: r.oneOf(d, 'network', p, ['NEAR'] as const, true),
  token_type: r.oneOf(d, 'token_type', p, ['USDC'] as const, true),
  amount: moneyNumber(r, d, 'amount', p),
  account_id: r.id(d, 'account_id', p),
  transaction_id: r.id(d, 'transaction_id', p),
}));

const readAuthorization = objectReader<PaymentAuthorization>((r, o, at) => ({
  quote_id: r.id(o, 'quote_id', at),
  result: r.oneOf(o, 'result', at, ['success', 'failure'] as const, true),
  message: r.str(o, 'message', at, { max: AITP_LIMITS.longText }),
  timestamp: r.dateTime(o, 'timestamp', at, true),
  details: r.list(o, 'details', at, (x, p) => readAuthorizationDetail(r, x, p), { required: true }),
}));

const readPaymentResult = objectReader<PaymentResult>((r, o, at) => ({
  quote_id: r.id(o, 'quote_id', at),
  result: r.oneOf(o, 'result', at, ['success', 'failure'] as const, true),
  timestamp: r.dateTime(o, 'timestamp', at, true),
  message: r.str(o, 'message', at, { max: AITP_LIMITS.longText }),
  details: r.list(o, 'details', at, (x, p) => readDetail(r, x, p), { required: true }),
}));

/** A payments `quote`: the AITP-01 shape, or — when it says `"type": "Quote"` or has `payment_plans` — the plan shape. */
function readAnyQuote(r: Reader, v: JsonValue, at: string): PaymentQuote | PlanQuote | undefined {
  const o = r.object(v, at);
  if (!o) return undefined;
  return o.type === 'Quote' || o.payment_plans !== undefined ? readPlanQuote(r, o, at) : readPaymentQuote(r, o, at);
}

export const PAYMENT_READERS: Record<string, BodyReader<unknown>> = {
  quote: readAnyQuote,
  wrapped_quote: readWrappedQuote,
  payment: readPayment,
  payment_confirmation: readConfirmation,
  top_up_request: readTopUpRequest,
  top_up_response: readTopUpResponse,
  payment_authorization: readAuthorization,
  payment_result: readPaymentResult,
};
