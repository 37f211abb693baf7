// decisionView: an AITP-02 request_decision → the options to render (radio, checkbox, confirmation, product
// cards with image, rating, variants and the price from the embedded quote). Money stays decimal text.

import { formatUnits, parseUnits } from '../evm/units';
import type { DecisionOptionVariant, DecisionType, MessageOf, PlanQuote, RequestDecision } from './types';

/** Currencies shown with at least two minor digits (the AITP-02 quote only allows USD; stablecoins read alike). */
const TWO_DECIMALS = new Set(['USD', 'USDC', 'USDT', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD']);

/** `1,234.50 USD` from decimal text; no floating point. Unparseable text is shown as sent. */
export function formatDecimalAmount(amount: string, currency: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m || amount.length > 80) return `${amount.slice(0, 80)} ${currency}`.trim();
  const places = Math.max((m[2] ?? '').replace(/0+$/, '').length, TWO_DECIMALS.has(currency) ? 2 : 0);
  let text = formatUnits(parseUnits(amount, places), places, { group: true });
  if (TWO_DECIMALS.has(currency)) {
    const [whole, fraction = ''] = text.split('.');
    text = `${whole}.${fraction.padEnd(2, '0')}`;
  }
  return `${text} ${currency}`.trim();
}

export interface PriceView {
  /** Display text, e.g. `199.50 USD`. */
  text: string;
  amount: string;
  currency: string;
  quoteId: string;
  payee: string;
  validUntil: string;
  /** True when valid_until has passed at `now`. */
  expired: boolean;
  planType: 'one-time';
}

export interface OptionView {
  id: string;
  name: string;
  /** The short name for a variant chip, e.g. `Black`. */
  shortName?: string;
  description?: string;
  imageUrl?: string;
  url?: string;
  rating?: { stars: number; reviews?: number };
  price?: PriceView;
  variants: OptionView[];
}

export interface DecisionView {
  requestId: string;
  title?: string;
  description?: string;
  type: DecisionType;
  /** Checkbox: several may be chosen. Radio, confirmation, products: one. */
  multiple: boolean;
  /** Products: each choice carries a quantity. */
  withQuantity: boolean;
  options: OptionView[];
}

function priceView(quote: PlanQuote | undefined, now: Date): PriceView | undefined {
  const plan = quote?.payment_plans[0];
  if (!quote || !plan) return undefined;
  return {
    text: formatDecimalAmount(plan.amount, plan.currency), amount: plan.amount, currency: plan.currency,
    quoteId: quote.quote_id, payee: quote.payee_id, validUntil: quote.valid_until,
    expired: Date.parse(quote.valid_until) <= now.getTime(), planType: plan.plan_type,
  };
}

function optionView(o: DecisionOptionVariant & { variants?: DecisionOptionVariant[] }, now: Date, parentName?: string): OptionView {
  const view: OptionView = { id: o.id, name: o.name ?? parentName ?? o.id, variants: [] };
  if (o.short_variant_name !== undefined) view.shortName = o.short_variant_name;
  if (o.description !== undefined) view.description = o.description;
  if (o.image_url !== undefined) view.imageUrl = o.image_url;
  if (o.url !== undefined) view.url = o.url;
  if (o.five_star_rating !== undefined) {
    view.rating = { stars: o.five_star_rating, ...(o.reviews_count !== undefined ? { reviews: o.reviews_count } : {}) };
  }
  const price = priceView(o.quote, now);
  if (price) view.price = price;
  view.variants = (o.variants ?? []).map((v) => optionView(v, now, view.name));
  return view;
}

export function decisionView(request: MessageOf<'decisions.request_decision'> | RequestDecision, now: Date = new Date()): DecisionView {
  const body = 'body' in request ? request.body : request;
  return {
    requestId: body.id,
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    type: body.type,
    multiple: body.type === 'checkbox',
    withQuantity: body.type === 'products',
    options: body.options.map((o) => optionView(o, now)),
  };
}
