// AITP-02 Decisions: request_decision (radio, checkbox, confirmation, product cards) and decision.

import type { JsonObject } from '../agents-json/json';
import { AITP_LIMITS, nested, objectReader, type BodyReader, type Reader } from './read';
import { readPlanQuote } from './payments';
import type { Decision, DecisionOption, DecisionOptionVariant, DecisionType, RequestDecision, SelectedOption } from './types';

const DECISION_TYPES: readonly DecisionType[] = ['products', 'checkbox', 'radio', 'confirmation'];

/** At most this many options per request and variants per option (the guide advises 3–7). */
export const MAX_DECISION_OPTIONS = 100;

const variantFields = (r: Reader, o: JsonObject, at: string) => ({
  id: r.id(o, 'id', at),
  name: r.str(o, 'name', at),
  short_variant_name: r.str(o, 'short_variant_name', at),
  image_url: r.url(o, 'image_url', at),
  description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
  quote: nested(r, o, 'quote', at, readPlanQuote),
  reviews_count: r.num(o, 'reviews_count', at, { integer: true, min: 0 }),
  five_star_rating: r.num(o, 'five_star_rating', at, { min: 0, max: 5 }),
  url: r.url(o, 'url', at),
});

const readVariant = objectReader<DecisionOptionVariant>(variantFields);

const readOption = objectReader<DecisionOption>((r, o, at) => ({
  ...variantFields(r, o, at),
  variants: r.list(o, 'variants', at, (x, p) => readVariant(r, x, p), { max: MAX_DECISION_OPTIONS }),
}));

export const readRequestDecision = objectReader<RequestDecision>((r, o, at) => ({
  id: r.id(o, 'id', at),
  title: r.str(o, 'title', at),
  description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
  type: r.oneOf(o, 'type', at, DECISION_TYPES) ?? 'radio',
  options: r.list(o, 'options', at, (x, p) => readOption(r, x, p), { required: true, minItems: 1, max: MAX_DECISION_OPTIONS }),
}));

const readSelected = objectReader<SelectedOption>((r, o, at) => ({
  id: r.id(o, 'id', at),
  name: r.str(o, 'name', at),
  quantity: r.num(o, 'quantity', at, { min: 0 }),
}));

export const readDecision = objectReader<Decision>((r, o, at) => ({
  request_decision_id: r.id(o, 'request_decision_id', at, false),
  options: r.list(o, 'options', at, (x, p) => readSelected(r, x, p), { required: true, minItems: 1, max: MAX_DECISION_OPTIONS }),
}));

export const DECISION_READERS: Record<string, BodyReader<unknown>> = {
  request_decision: readRequestDecision,
  decision: readDecision,
};
