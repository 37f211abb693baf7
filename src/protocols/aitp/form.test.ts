// request_data → form description, profile suggestions, the data answer and card redaction.
import { describe, expect, it } from 'vitest';
import { buildDataAnswer, looksLikeCardNumber, redactDataForDisplay } from './data-answer';
import { schemaErrors } from './examples.fixture';
import { parseAutocomplete, parseRemoteForm, requestDataForm, suggestFromProfile } from './form';
import { parsed } from './samples.fixture';
import type { DataAnswer } from './types';

const S = 'https://aitp.dev/capabilities/aitp-03-data-request/v1.0.0/schema.json';
const checkout = parsed({
  $schema: S,
  request_data: {
    id: 'rq-1', title: 'Shipping', description: 'Where should we ship?', fillButtonLabel: 'Ship here',
    form: { fields: [
      { id: 'full_name', label: 'Full name', required: true, autocomplete: 'shipping name' },
      { id: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
      { id: 'line1', label: 'Address', required: true, autocomplete: 'section-ship shipping address-line1' },
      { id: 'country', label: 'Country', type: 'select', options: ['US', { label: 'Germany', value: 'DE' }], default_value: 'US' },
      { id: 'card', label: 'Card', autocomplete: 'cc-number', default_value: '4111111111111111' },
      { id: 'csc', label: 'CVC', autocomplete: 'cc-csc' },
      { id: 'note', type: 'textarea' },
    ] },
  },
}, 'data.request_data');

describe('requestDataForm', () => {
  const form = requestDataForm(checkout);

  it('describes each field: label, input type, required, autocomplete → profile field', () => {
    expect(form).toMatchObject({ requestId: 'rq-1', title: 'Shipping', submitLabel: 'Ship here', source: { kind: 'inline' } });
    expect(form.fields.map((f) => [f.name, f.input, f.required, f.profileKey, f.sensitive])).toEqual([
      ['full_name', 'text', true, 'name', false],
      ['email', 'email', false, 'email', false],
      ['line1', 'text', true, 'address_line1', false],
      ['country', 'select', false, null, false],
      ['card', 'text', false, null, true],
      ['csc', 'text', false, null, true],
      ['note', 'textarea', false, null, false],
    ]);
    expect(form.fields[2].autocomplete).toEqual({ token: 'section-ship shipping address-line1', field: 'address-line1', section: 'shipping' });
    expect(form.fields[3].options).toEqual([{ label: 'US', value: 'US' }, { label: 'Germany', value: 'DE' }]);
    expect(form.fields[4].defaultValue).toBeUndefined();
    expect(form.fields[6].label).toBe('note');
  });

  it('suggests profile values for non-sensitive fields only', () => {
    expect(suggestFromProfile(form, { name: 'Ada Lovelace', email: 'ada@example.com', address_line1: '1 Main St', tel: '+1 555' }))
      .toEqual({ full_name: 'Ada Lovelace', email: 'ada@example.com', line1: '1 Main St' });
  });

  it('parses autocomplete tokens, ignoring off and qualifiers', () => {
    expect(parseAutocomplete('off')).toBeUndefined();
    expect(parseAutocomplete(' Billing  Postal-Code ')).toEqual({ token: 'billing  postal-code', field: 'postal-code', section: 'billing' });
    expect(parseAutocomplete('work tel')?.field).toBe('tel');
  });

  it('describes a json_url form as remote, saying whether it stays on the agent origin', () => {
    const remote = parsed({ $schema: S, request_data: { id: 'r2', description: 'Address', form: { json_url: 'https://app.near.ai/api/v1/aitp/data/forms/shipping_address_international.json' } } }, 'data.request_data');
    expect(requestDataForm(remote, { agentOrigin: 'https://shop.example' }).source).toEqual({ kind: 'remote', url: remote.body.form.json_url, sameOrigin: false });
    expect(requestDataForm(remote, { agentOrigin: 'https://app.near.ai' }).source).toMatchObject({ sameOrigin: true });
    const fetched = parseRemoteForm('{"fields":[{"id":"zip","label":"ZIP","autocomplete":"postal-code","required":true}]}');
    expect(fetched.ok).toBe(true);
    if (!fetched.ok) return;
    expect(requestDataForm(remote, { remoteFields: fetched.value }).fields[0]).toMatchObject({ name: 'zip', profileKey: 'postal_code', required: true });
    expect(parseRemoteForm('{"fields":[]}')).toMatchObject({ ok: false, problems: [{ message: 'remote form: fields must have at least 1 item' }] });
    const answer = buildDataAnswer(remote, { zip: '10115' }, fetched.value);
    expect(answer.ok).toBe(true);
    expect(buildDataAnswer(remote, { zip: '10115' }).ok).toBe(false);
  });
});

describe('buildDataAnswer', () => {
  it('answers by request id with the filled fields, valid against the published schema', () => {
    const r = buildDataAnswer(checkout, { full_name: 'Ada', line1: '1 Main St', country: 'DE', email: '' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ $schema: S, data: { request_data_id: 'rq-1', fields: [
      { id: 'full_name', label: 'Full name', value: 'Ada' }, { id: 'line1', label: 'Address', value: '1 Main St' }, { id: 'country', label: 'Country', value: 'DE' },
    ] } });
    expect(schemaErrors('data', r.value)).toEqual([]);
  });

  it('refuses missing required fields, bad emails, off-list selections and unknown fields', () => {
    const r = buildDataAnswer(checkout, { line1: 'x', email: 'not-an-email', country: 'FR', extra: 'y' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message)).toEqual([
      "reply: data.fields 'extra' is not a field of request rq-1",
      "reply: data.fields.full_name 'Full name' is required",
      "reply: data.fields.email 'Email' is not an email address",
      "reply: data.fields.country 'Country' is not one of the options",
    ]);
  });
});

describe('redactDataForDisplay', () => {
  it('keeps the last four digits of card numbers and masks other card fields', () => {
    const answer: DataAnswer = { request_data_id: 'rq-1', fields: [
      { id: 'card', value: '4111 1111 1111 1111' }, { id: 'csc', value: '123' }, { id: 'full_name', value: 'Ada' },
      { id: 'note', value: 'my other card is 5555555555554444' }, { id: 'pasted', value: '5555-5555-5555-4444' },
    ] };
    const fields = checkout.body.form.fields ?? [];
    expect(redactDataForDisplay(answer, fields).fields.map((f) => f.value)).toEqual([
      '************1111', '***', 'Ada', 'my other card is ************4444', '************4444',
    ]);
    expect(answer.fields[0].value).toBe('4111 1111 1111 1111');
  });

  it('recognises card numbers by the Luhn check', () => {
    expect(looksLikeCardNumber('4111111111111111')).toBe(true);
    expect(looksLikeCardNumber('4111111111111112')).toBe(false);
    expect(looksLikeCardNumber('12345')).toBe(false);
  });
});
