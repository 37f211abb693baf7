// Every example in aitp.md parses (after filling the values the spec elides), and every one passes the
// published schema of its capability — which also shows the hand-rolled schema checker agrees with it.
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from './capabilities';
import { aitpMdExamples, fillElisions, HUB_PAYMENT_RESULT, schemaErrors } from './examples.fixture';
import { parseAitpMessage } from './message';

describe('aitp.md examples', () => {
  const examples = aitpMdExamples();

  it('finds every example: 2 each for decisions, data and EVM, 3 for payments, 4 for NEAR', () => {
    expect(examples.length).toBe(13);
  });

  it.each(examples.map((e, i) => [i, e]))('example %i parses as the message it shows', (_i, text) => {
    const filled = fillElisions(text as string);
    const r = parseAitpMessage(filled);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const wire = JSON.parse(filled);
    expect(Object.keys(wire)).toContain(r.message.type);
    expect(r.message.schema).toBe(CAPABILITIES[r.message.capability].url);
    expect(schemaErrors(r.message.capability, wire)).toEqual([]);
  });

  it('names the elided values precisely when they are left as the spec prints them', () => {
    const problems = examples.map((t) => parseAitpMessage(t)).flatMap((r) => (r.ok ? [] : r.problems));
    const messages = problems.map((p) => p.message);
    expect(messages).toContain('AITP message: request_transaction.transaction.data must be 0x + an even number of hex digits, got "0xa9059cbb..."');
    expect(messages).toContain('AITP message: request_transaction.transaction.actions[0].params.args must be base64 (or a JSON object), got "eyJ0b2tlbl9pZCI6..."');
    expect(messages).toContain('AITP message: transaction_response.transaction_hash must be 0x + 64 hex digits, got "0x88df0164...944b"');
    expect(messages).toContain('AITP message: request_message_signing.message.nonce must be base64 of exactly 32 bytes, got "<base64 32 bytes>"');
    expect(messages.some((m) => m.startsWith('AITP message: message_signing_response.public_key must be "ed25519:" + base58'))).toBe(true);
  });

  it('reads the NEAR AI Hub payment_result example under its alternative URL', () => {
    const r = parseAitpMessage(HUB_PAYMENT_RESULT);
    expect(r.ok).toBe(true);
    if (r.ok && r.message.kind === 'payments.payment_result') {
      expect(r.message.schemaInfo).toEqual({ capability: 'payments', major: 1, family: 'hub' });
      expect(r.message.body.details).toEqual([{ label: 'Color', value: 'Red' }]);
    }
  });
});
