// Remote messages → Inbox records: hostile or malformed capability messages become a clear problem (never a
// widget), unknown parts are shown as a placeholder, card numbers in our own data answers are redacted, and
// whose turn it is follows the open requests.
import { describe, expect, it } from 'vitest';
import { parseThreadMessage, type ThreadMessage } from '../../protocols/aitp';
import { threadStateOf, toRecords } from './convert';

const D = 'https://aitp.dev/capabilities/aitp-02-decisions/v1.0.0/schema.json';
const DATA = 'https://aitp.dev/capabilities/aitp-03-data-request/v1.0.0/schema.json';
const P = 'https://aitp.dev/capabilities/aitp-01-payments/v1.0.0/schema.json';

function message(role: 'user' | 'assistant', content: unknown[]): ThreadMessage {
  const r = parseThreadMessage({ id: 'm1', role, created_at: 1_700_000_000, content });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

describe('toRecords', () => {
  it('turns hostile capability messages into problems, not widgets', () => {
    const hostile = [
      JSON.stringify({ $schema: D, request_decision: { id: 'r', type: 'products', options: [{ id: 'a', image_url: 'javascript:alert(1)' }] } }),
      JSON.stringify({ $schema: D, request_decision: { id: 'r', options: 'all of them' } }),
      JSON.stringify({ $schema: P, quote: { quote_id: 'q', merchant_id: 'm', description: 'x', merchant_signature: 's', payment_options: [{ amount: 1e21, currency: 'USD', payment_methods: [{ type: 'near_payment_channel', token: 't', recipient: 'r' }] }] } }),
      JSON.stringify({ $schema: DATA, request_data: { id: 'd', description: '<img src=x onerror=alert(1)>', form: {} } }),
      JSON.stringify({ $schema: 'https://evil.example/schema.json', request_decision: { id: 'r', options: [] } }),
    ];
    const records = toRecords(message('assistant', hostile), 0, new Map());
    expect(records.map((r) => r.kind)).toEqual(Array(hostile.length).fill('aitp:invalid'));
    for (const r of records) {
      expect(r.problems!.length).toBeGreaterThan(0);
      expect(r.body).toBeUndefined();
    }
  });

  it('keeps HTML as text and shows unknown parts as a placeholder', () => {
    const r = parseThreadMessage({ id: 'm2', role: 'assistant', content: [{ type: 'text', text: { value: '<script>alert(1)</script>' } }, { type: 'image_file', image_file: { file_id: 'f' } }] });
    if (!r.ok) throw new Error('unreadable');
    expect(toRecords(r.value, 0, new Map()).map((x) => [x.kind, x.text])).toEqual([['text', '<script>alert(1)</script>'], ['text', '(image_file not shown)']]);
  });

  it('redacts card numbers in our own data answer as the agent lists it back', () => {
    const answer = JSON.stringify({ $schema: DATA, data: { request_data_id: 'd', fields: [{ id: 'card', label: 'Card', value: '4111 1111 1111 1111' }, { id: 'city', label: 'City', value: 'London' }] } });
    const [r] = toRecords(message('user', [answer]), 0, new Map());
    expect(r.text).toBe('Card: ************1111\nCity: London');
    expect(JSON.stringify(r.body)).not.toContain('4111 1111');
  });

  it('says whose turn it is', () => {
    const ask = toRecords(message('assistant', [JSON.stringify({ $schema: D, request_decision: { id: 'r', options: [{ id: 'a' }] } })]), 0, new Map());
    const rec = (r: (typeof ask)[number], extra = {}) => ({ ...r, id: r.remoteId!, threadId: 't', seq: 0, ...extra });
    expect(threadStateOf([rec(ask[0])])).toBe('waiting-for-you');
    expect(threadStateOf([rec(ask[0], { answered: { at: 1, summary: 'x' } }), { ...rec(ask[0]), direction: 'out' as const, kind: 'text', id: 'o' }])).toBe('waiting-for-agent');
  });
});
