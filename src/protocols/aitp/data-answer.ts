// The AITP-03 `data` answer to a request_data, checked against the form; and redaction of card data for
// showing the answer in the thread afterwards.

import { hasOwn, problem, type Problem } from '../agents-json/json';
import { finishMessage, replySchema, type BuildResult, type WireMessage } from './build';
import { isSensitiveAutocomplete, parseAutocomplete } from './form';
import { AITP_LIMITS } from './read';
import type { DataAnswer, DataField, MessageOf } from './types';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER_RE = /^-?\d+(\.\d+)?$/;
const TEL_RE = /^\+?[\d\s().-]{3,32}$/;

function checkValue(f: DataField, value: string): string | null {
  if (value.length > AITP_LIMITS.longText) return `is ${value.length} characters; the limit is ${AITP_LIMITS.longText}`;
  if (f.type === 'email' && !EMAIL_RE.test(value)) return 'is not an email address';
  if (f.type === 'number' && !NUMBER_RE.test(value)) return 'is not a number';
  if (f.type === 'tel' && !TEL_RE.test(value)) return 'is not a phone number';
  if (f.type === 'select' && f.options && !f.options.some((o) => o.value === value)) return 'is not one of the options';
  return null;
}

/**
 * A `data` answer to `request`, with `values` by field id (empty = not answered). For a json_url form, pass
 * the fetched fields. Required fields must be answered; values are checked against the field types.
 */
export function buildDataAnswer(request: MessageOf<'data.request_data'>, values: Readonly<Record<string, string>>,
  remoteFields?: readonly DataField[]): BuildResult<WireMessage> {
  const fields = request.body.form.fields ?? remoteFields;
  const problems: Problem[] = [];
  const err = (path: string, text: string) => problems.push(problem('error', 'reply', path, text));
  if (!fields) {
    err('data.fields', 'the form is at json_url; fetch it (parseRemoteForm) and pass its fields');
    return { ok: false, problems };
  }
  const known = new Set(fields.map((f) => f.id));
  for (const id of Object.keys(values)) if (!known.has(id)) err(`data.fields`, `'${id.slice(0, 60)}' is not a field of request ${request.body.id}`);
  const out: DataAnswer['fields'] = [];
  for (const f of fields) {
    const value = hasOwn(values, f.id) ? values[f.id] : '';
    if (typeof value !== 'string') {
      err(`data.fields.${f.id}`, 'must be text');
      continue;
    }
    if (value.trim() === '') {
      if (f.required) err(`data.fields.${f.id}`, `'${f.label ?? f.id}' is required`);
      continue;
    }
    const bad = checkValue(f, value);
    if (bad) err(`data.fields.${f.id}`, `'${f.label ?? f.id}' ${bad}`);
    else out.push({ id: f.id, ...(f.label !== undefined ? { label: f.label } : {}), value });
  }
  if (problems.length === 0 && out.length === 0) err('data.fields', 'nothing was filled in; the answer needs at least one field');
  if (problems.length > 0) return { ok: false, problems };
  return finishMessage({ $schema: replySchema(request), data: { request_data_id: request.body.id, fields: out } } as unknown as WireMessage);
}

/** Luhn check for 13–19 digit card numbers (spaces and dashes allowed). */
export function looksLikeCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** `************1234` for a card number; all `*` for other secrets (CSC, expiry). */
export function redactValue(value: string, keepLast4: boolean): string {
  const digits = value.replace(/[\s-]/g, '');
  return keepLast4 && digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '*'.repeat(Math.min(value.length, 8) || 3);
}

/** Card numbers anywhere inside free text (13–19 digits, spaces/dashes allowed, Luhn-valid) → last four kept. */
export function redactCardNumbersIn(text: string): string {
  return text.replace(/\d(?:[ -]?\d){12,18}/g, (m) => (looksLikeCardNumber(m) ? redactValue(m, true) : m));
}

/**
 * A copy of an answer for display in the thread afterwards: card numbers (by autocomplete token, or any
 * Luhn-valid digit run, also inside free text) keep their last four digits; other card fields are masked entirely.
 */
export function redactDataForDisplay(answer: DataAnswer, fields: readonly DataField[] = []): DataAnswer {
  const byId = new Map(fields.map((f) => [f.id, parseAutocomplete(f.autocomplete)]));
  return {
    ...answer,
    fields: answer.fields.map((f) => {
      if (f.value === undefined) return f;
      const ac = byId.get(f.id);
      if (ac?.field === 'cc-number' || looksLikeCardNumber(f.value)) return { ...f, value: redactValue(f.value, true) };
      if (isSensitiveAutocomplete(ac)) return { ...f, value: redactValue(f.value, false) };
      const value = redactCardNumbersIn(f.value);
      return value === f.value ? f : { ...f, value };
    }),
  };
}
