// Malformed and hostile messages: each gives a specific problem and nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPE_OWNERS } from './capabilities';
import { parseAitpMessage } from './message';
import { D, E, N, P, paymentQuote, productsRequest } from './samples.fixture';
import { parseMessageList, parseRun, parseThread, parseThreadMessage } from './thread';

function errors(input: unknown): string[] {
  const r = parseAitpMessage(input);
  expect(r.ok).toBe(false);
  return r.problems.filter((p) => p.severity === 'error').map((p) => p.message);
}

const rd = (body: object) => ({ $schema: D, request_decision: { id: 'r', options: [{ id: 'a' }], ...body } });
const evmSign = (body: object) => ({ $schema: E, request_message_signing: { request_id: 's', ...body } });
const nearTx = (actions: unknown) => ({ $schema: N, request_transaction: { request_id: 't', transaction: { receiver_id: 'c.near', actions } } });

describe('hostile input: the envelope', () => {
  it.each([
    [null, 'AITP message: must be a JSON object, got null'],
    [42, 'AITP message: must be a JSON object, got a number'],
    [[], 'AITP message: must be a JSON object, got an array'],
    ['[1]', 'AITP message: is JSON but not an object'],
    ['{"$schema":', 'AITP message: is not valid JSON'],
  ])('%j → %s', (input, message) => {
    expect(errors(input)[0]).toContain(message);
  });

  it('names unknown message types, doubled types, missing or foreign $schema, other versions', () => {
    expect(errors({ $schema: P, request_payment: {} })[0]).toMatch(/^AITP message: has no AITP message type \(keys: 'request_payment'\); expected one of quote, /);
    expect(errors({ $schema: P, quote: {}, payment: {} })).toEqual(['AITP message: has 2 message types (quote, payment); a message carries exactly one']);
    expect(errors({ decision: { options: [{ id: 'a' }] } })).toEqual(['AITP message: $schema is required but missing']);
    expect(errors({ $schema: D, quote: paymentQuote.quote })).toEqual(["AITP message: quote is not a message type of aitp-02-decisions (the $schema); it belongs to aitp-01-payments"]);
    expect(errors({ ...rd({}), $schema: 'https://aitp.dev/capabilities/aitp-02-decisions/v2.0.0/schema.json' })).toEqual(['AITP message: $schema names version 2 of aitp-02-decisions; Emissary speaks v1']);
    expect(errors({ $schema: 'javascript:alert(1)', decision: { options: [{ id: 'a' }] } })[0]).toMatch(/^AITP message: \$schema must be the capability's schema URL/);
    expect(errors({ $schema: 'https://x.example/s.json', request_transaction: { request_id: 'a' } })[0]).toMatch(/could be NEAR \(AITP-04\) or EVM \(AITP-05\)/);
  });

  it('reads an unknown $schema URL by the message type, with a warning (stale and third-party URL families)', () => {
    const r = parseAitpMessage({ ...productsRequest, $schema: 'https://crates.io/crates/aitp_schema/capabilities/aitp-02/schema.json' });
    expect(r.ok).toBe(true);
    expect(r.problems[0]).toMatchObject({ severity: 'warning', path: '$schema' });
    const tx = parseAitpMessage({ $schema: 'https://x.example/s.json', request_transaction: { request_id: 'a', transaction: { to: '0x1234567890123456789012345678901234567890' } } });
    expect(tx.ok && tx.message.kind).toBe('evm.request_transaction');
  });

  it('caps sizes and depth', () => {
    expect(errors(JSON.stringify(rd({ title: 'x'.repeat(300_000) })))[0]).toMatch(/^AITP message: is larger than 256 KiB/);
    expect(errors(rd({ title: 'x'.repeat(100_000) }))).toEqual(['AITP message: request_decision.title is 100000 characters long; the limit is 1000']);
    let deep: unknown = 'x';
    for (let i = 0; i < 5_000; i++) deep = { d: deep };
    expect(errors(evmSign({ signing_type: 'typed_data', typed_data: { types: {}, primaryType: 'A', domain: {}, message: deep } }))[0]).toMatch(/nests deeper than 32 levels/);
    expect(errors(rd({ options: Array.from({ length: 500 }, (_, i) => ({ id: `o${i}` })) }))).toEqual(['AITP message: request_decision.options has 500 items; the limit is 100']);
    const cyclic: Record<string, unknown> = { $schema: D };
    cyclic.decision = cyclic;
    expect(errors(cyclic)[0]).toMatch(/decision refers to itself|nests deeper than 32 levels/);
  });

  it('drops __proto__ keys without polluting anything, and survives throwing getters and proxies', () => {
    const r = parseAitpMessage(`{"$schema":"${D}","decision":{"__proto__":{"polluted":true},"options":[{"id":"a"}]}}`);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const getter = { $schema: D, get decision(): unknown { throw new Error('gotcha'); } };
    expect(errors(getter)).toEqual(['AITP message: could not be read (a getter or proxy threw)']);
    const proxy = new Proxy({}, { ownKeys() { throw new Error('no'); } });
    expect(errors(proxy)).toEqual(['AITP message: could not be read (a getter or proxy threw)']);
  });
});

describe('hostile input: message bodies', () => {
  it('names wrong types and missing fields with their paths', () => {
    expect(errors({ $schema: D, request_decision: { id: 7, options: 'a' } })).toEqual([
      'AITP message: request_decision.id must be a string, got a number',
      'AITP message: request_decision.options must be an array, got a string',
    ]);
    expect(errors(rd({ type: 'dropdown' }))).toEqual(["AITP message: request_decision.type must be one of 'products', 'checkbox', 'radio', 'confirmation', got \"dropdown\""]);
    expect(errors({ $schema: P, payment: {} })).toEqual([
      'AITP message: payment.payment_method is required but missing', 'AITP message: payment.quote_id is required but missing',
      'AITP message: payment.payer_id is required but missing', 'AITP message: payment.timestamp is required but missing',
      'AITP message: payment.payer_signature is required but missing',
    ]);
  });

  it('refuses script and data URLs; keeps HTML as inert text', () => {
    expect(errors(rd({ options: [{ id: 'a', image_url: 'javascript:alert(1)' }] }))).toEqual(['AITP message: request_decision.options[0].image_url must be an http(s) URL, got "javascript:alert(1)"']);
    expect(errors({ $schema: 'https://aitp.dev/v1/data/schema.json', request_data: { id: 'd', description: 'x', form: { json_url: 'data:application/json,{}' } } })[0]).toMatch(/form.json_url must be an http\(s\) URL/);
    const r = parseAitpMessage(rd({ title: '<img src=x onerror=alert(1)>' }));
    expect(r.ok && r.message.kind === 'decisions.request_decision' && r.message.body.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('keeps money exact: decimal strings only in AITP-01, plan amounts without exponents', () => {
    const q = (amount: unknown) => ({ $schema: P, quote: { ...paymentQuote.quote, payment_options: [{ ...paymentQuote.quote.payment_options[0], amount }] } });
    expect(errors(q(99.99))).toEqual(['AITP message: quote.payment_options[0].amount must be a string, got a number']);
    expect(errors(q('1e3'))).toEqual(['AITP message: quote.payment_options[0].amount must be decimal text such as "99.99", got "1e3"']);
    const planQuote = (amount: number, currency = 'USD') => rd({ options: [{ id: 'a', quote: { type: 'Quote', quote_id: 'q', payee_id: 'p', valid_until: '2050-01-01T00:00:00Z', payment_plans: [{ plan_id: 'p', plan_type: 'one-time', amount, currency }] } }] });
    expect(errors(planQuote(1e21))[0]).toMatch(/amount is 1e\+21, which has no exact decimal form/);
    expect(errors(planQuote(-1))[0]).toMatch(/amount must be at least 0, got -1/);
    expect(errors(planQuote(5, 'EUR'))[0]).toMatch(/currency must be one of 'USD', got "EUR"/);
    expect(errors({ $schema: P, quote: { ...paymentQuote.quote, expiration: 'tomorrow' } })).toEqual(['AITP message: quote.expiration must be an RFC 3339 date-time, got "tomorrow"']);
  });

  it('validates NEAR transactions strictly: action types, gas, yoctoNEAR, receiver', () => {
    expect(errors(nearTx([{ type: 'Hack', params: {} }]))[0]).toMatch(/actions\[0\].type must be one of 'CreateAccount'/);
    expect(errors(nearTx([{ type: 'FunctionCall', params: { method_name: 'm', gas: '400000000000000' } }]))).toEqual(['AITP message: request_transaction.transaction.actions[0].params.gas is more than the 300 Tgas a transaction may use']);
    expect(errors(nearTx([{ type: 'Transfer', params: { deposit: '-1' } }]))[0]).toMatch(/deposit must be a whole number of yoctoNEAR/);
    expect(errors(nearTx([{ type: 'Transfer', params: { deposit: 1 } }]))[0]).toMatch(/deposit must be a string, got a number/);
    expect(errors(nearTx([]))).toEqual(['AITP message: request_transaction.transaction.actions must have at least 1 item']);
    expect(errors({ $schema: N, request_transaction: { request_id: 't', transaction: { receiver_id: 'EVIL NEAR', actions: [] } } })[0]).toMatch(/receiver_id must be a NEAR account id/);
    expect(errors({ $schema: N, request_message_signing: { request_id: 's', message: { nonce: 'c2hvcnQ=', recipient: 'a.near', message: 'm' } } })[0]).toMatch(/nonce must be base64 of exactly 32 bytes/);
  });

  it('validates EVM requests strictly: checksums, typed data that cannot be signed, signing_type branches', () => {
    const tx = (to: string) => ({ $schema: E, request_transaction: { request_id: 't', chain_id: 1, transaction: { to } } });
    expect(errors(tx('0x742d35cc6634C0532925a3b844Bc454e4438f44e'))[0]).toMatch(/transaction.to has a bad EIP-55 checksum/);
    expect(errors({ $schema: E, request_address: { request_id: 'a', chain_id: 0 } })).toEqual(['AITP message: request_address.chain_id must be at least 1, got 0']);
    expect(errors(evmSign({ signing_type: 'personal_sign' }))).toEqual(['AITP message: request_message_signing.message is required but missing']);
    const typed = (message: object, primaryType = 'Order') => evmSign({ signing_type: 'typed_data', typed_data: {
      types: { EIP712Domain: [{ name: 'name', type: 'string' }], Order: [{ name: 'price', type: 'uint256' }] }, primaryType, domain: { name: 'Shop' }, message } });
    expect(parseAitpMessage(typed({ price: '1000000000000000000' })).ok).toBe(true);
    expect(errors(typed({ price: 1000000000000000000 }))[0]).toMatch(/cannot be signed as EIP-712: .*not a safe integer/);
    expect(errors(typed({ price: '1' }, 'Nope'))).toEqual(["AITP message: request_message_signing.typed_data.primaryType names 'Nope', which is not defined in types"]);
    expect(errors(typed({ price: 'lots' }))[0]).toMatch(/cannot be signed as EIP-712/);
  });
});

describe('never throws', () => {
  const types = [...MESSAGE_TYPE_OWNERS.keys()];
  const schemas = [D, E, N, P, 'https://aitp.dev/v1/data/schema.json', 'x', 'https://evil.example/'];

  it('parseAitpMessage on arbitrary values under every message type', () => {
    fc.assert(fc.property(fc.constantFrom(...schemas), fc.constantFrom(...types), fc.anything({ maxDepth: 5 }), (schema, type, body) => {
      const r = parseAitpMessage({ $schema: schema, [type]: body });
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.problems.some((p) => p.severity === 'error' && p.message.startsWith('AITP message'))).toBe(true);
    }), { numRuns: 2_000 });
  });

  it('parseAitpMessage on arbitrary JSON text, and the thread readers on arbitrary values', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), fc.anything({ maxDepth: 4 }), (text, value) => {
      parseAitpMessage(text);
      for (const f of [parseThread, parseThreadMessage, parseMessageList, parseRun]) {
        const r = f(value);
        expect(Array.isArray(r.problems)).toBe(true);
      }
    }), { numRuns: 1_000 });
  });
});
