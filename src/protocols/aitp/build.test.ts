// Everything Emissary sends validates against the published schema of its capability (hand-rolled checker),
// and the builders refuse what does not fit the request.
import { describe, expect, it } from 'vitest';
import { EMISSARY_CAPABILITY_URLS } from './capabilities';
import {
  buildCapabilityMessage, buildCreateThreadBody, buildDecision, buildEvmAddressResponse, buildEvmMessageSigningResponse,
  buildEvmTransactionResponse, buildNearAccountResponse, buildNearMessageSigningResponse, buildNearTransactionResponse,
  buildPayment, buildUserTextMessage, canonicalJson, paymentSigningPayload, threadEndpoints, type WireMessage,
} from './build';
import { schemaErrors } from './examples.fixture';
import { D, E, N, P, parsed, paymentQuote, productsRequest } from './samples.fixture';

function valid(result: { ok: boolean; value?: WireMessage; problems?: unknown }, capability: Parameters<typeof schemaErrors>[0]) {
  expect(result.problems).toBeUndefined();
  expect(result.ok).toBe(true);
  expect(schemaErrors(capability, result.value)).toEqual([]);
  return result.value as WireMessage;
}

describe('create thread and text', () => {
  it('declares every capability Emissary speaks (T01 as written)', () => {
    const body = buildCreateThreadBody({ actorId: 'user-7f3a', messages: ['hello'] });
    expect(body).toEqual({ messages: ['hello'], metadata: { actors: [{ id: 'user-7f3a', client_id: 'emissary', capabilities: [...EMISSARY_CAPABILITY_URLS] }] } });
    expect(EMISSARY_CAPABILITY_URLS).toHaveLength(5);
  });

  it('writes the Hub form: actors as JSON text, OpenAI message objects', () => {
    const body = buildCreateThreadBody({ actorId: 'me.near', dialect: 'hub', messages: ['hi'] });
    expect(body.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(JSON.parse((body.metadata as { actors: string }).actors)[0].capabilities).toEqual([...EMISSARY_CAPABILITY_URLS]);
  });

  it('builds endpoint URLs for both dialects', () => {
    expect(threadEndpoints('https://shop.example/agent/').createThread).toBe('https://shop.example/agent/v1/thread');
    expect(threadEndpoints('https://shop.example/agent').messages('t/1')).toBe('https://shop.example/agent/v1/threads/t%2F1/messages');
    expect(threadEndpoints('https://api.near.ai/v1', 'hub').runs('th')).toBe('https://api.near.ai/v1/threads/th/runs');
  });

  it('builds user text and refuses empty or huge text', () => {
    expect(buildUserTextMessage('Hi there')).toEqual({ ok: true, value: { role: 'user', content: 'Hi there' } });
    expect(buildUserTextMessage('  ').ok).toBe(false);
    expect(buildUserTextMessage('x'.repeat(20_000)).ok).toBe(false);
    expect(buildCapabilityMessage({ $schema: D, decision: { options: [{ id: 'a' }] } }).content).toBe(`{"$schema":"${D}","decision":{"options":[{"id":"a"}]}}`);
  });
});

describe('buildDecision', () => {
  const request = parsed(productsRequest, 'decisions.request_decision');

  it('answers a products request by its id, with names (a variant under its product name) and quantities', () => {
    const wire = valid(buildDecision(request, [{ id: 'p1-black', quantity: 2 }]), 'decisions');
    expect(wire).toEqual({ $schema: D, decision: { request_decision_id: 'rd-1', options: [{ id: 'p1-black', name: 'JBL Tour One M2 (Black)', quantity: 2 }] } });
  });

  it('answers checkbox requests with several choices, radio with exactly one', () => {
    const checkbox = parsed({ $schema: D, request_decision: { id: 'c', type: 'checkbox', options: [{ id: 'a' }, { id: 'b', name: 'B' }] } }, 'decisions.request_decision');
    expect(valid(buildDecision(checkbox, [{ id: 'a' }, { id: 'b' }]), 'decisions')).toEqual({ $schema: D, decision: { request_decision_id: 'c', options: [{ id: 'a' }, { id: 'b', name: 'B' }] } });
    const radio = parsed({ $schema: D, request_decision: { id: 'r', options: [{ id: 'a' }, { id: 'b' }] } }, 'decisions.request_decision');
    expect(radio.body.type).toBe('radio');
    expect(buildDecision(radio, [{ id: 'a' }, { id: 'b' }])).toMatchObject({ ok: false, problems: [{ message: 'reply: decision.options a radio request takes exactly one choice, got 2' }] });
  });

  it('refuses ids the request does not offer, duplicates, bad quantities and empty choices', () => {
    expect(buildDecision(request, [{ id: 'p9' }])).toMatchObject({ ok: false, problems: [{ message: "reply: decision.options[0].id 'p9' is not an option of request rd-1" }] });
    const checkbox = parsed({ $schema: D, request_decision: { id: 'c', type: 'checkbox', options: [{ id: 'a' }] } }, 'decisions.request_decision');
    expect(buildDecision(checkbox, [{ id: 'a' }, { id: 'a' }]).ok).toBe(false);
    expect(buildDecision(request, [{ id: 'p1', quantity: 0.5 }]).ok).toBe(false);
    expect(buildDecision(request, []).ok).toBe(false);
  });

  it('answers a Hub request under the Hub URL', () => {
    const hub = parsed({ ...productsRequest, $schema: 'https://aitp.dev/v1/decisions/schema.json' }, 'decisions.request_decision');
    const r = buildDecision(hub, [{ id: 'p2' }]);
    expect(r.ok && r.value.$schema).toBe('https://aitp.dev/v1/decisions/schema.json');
  });
});

describe('buildPayment', () => {
  const quote = parsed(paymentQuote, 'payments.quote');
  const now = new Date('2030-05-01T10:00:00.123Z');
  const choice = { quote, optionIndex: 0, channelId: 'ch_1', payerId: 'me.near', now };

  it('builds a signed payment for the chosen option; the signer sees the exact payload', async () => {
    let seen = '';
    const r = await buildPayment(choice, (payload) => {
      seen = payload;
      return 'ed25519:sig';
    });
    const wire = valid(r, 'payments');
    expect(wire).toEqual({ $schema: P, payment: { quote_id: 'q_1', payer_id: 'me.near', timestamp: '2030-05-01T10:00:00Z', payer_signature: 'ed25519:sig',
      payment_method: { type: 'near_payment_channel', token: 'usdc.near', channel_id: 'ch_1', amount: '199.50', currency: 'USD' } } });
    expect(seen).toBe('aitp-01-payments/payment:{"payer_id":"me.near","payment_method":{"amount":"199.50","channel_id":"ch_1","currency":"USD","token":"usdc.near","type":"near_payment_channel"},"quote_id":"q_1","timestamp":"2030-05-01T10:00:00Z"}');
    const { payer_signature: _s, ...unsigned } = (wire.payment as Record<string, unknown>);
    expect(paymentSigningPayload(unsigned as never)).toBe(seen);
  });

  it('refuses open amounts, missing options, expired quotes, plan quotes and failing signers', async () => {
    const sign = () => 'ed25519:sig';
    expect(await buildPayment({ ...choice, optionIndex: 1 }, sign)).toMatchObject({ ok: false, problems: [{ path: 'amount' }] });
    expect(await buildPayment({ ...choice, optionIndex: 5 }, sign)).toMatchObject({ ok: false, problems: [{ path: 'optionIndex' }] });
    expect(await buildPayment({ ...choice, now: new Date('2051-01-01T00:00:00Z') }, sign)).toMatchObject({ ok: false, problems: [{ path: 'quote.expiration' }] });
    const plan = parsed({ $schema: 'https://aitp.dev/v1/payments/schema.json', quote: productsRequest.request_decision.options[0].quote }, 'payments.quote');
    expect((await buildPayment({ ...choice, quote: plan }, sign)).ok).toBe(false);
    expect(await buildPayment(choice, () => { throw new Error('locked'); })).toMatchObject({ ok: false, problems: [{ message: 'reply: payer_signature could not be made: locked' }] });
    expect((await buildPayment(choice, async () => '')).ok).toBe(false);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
  });
});

describe('wallet responses', () => {
  const acct = parsed({ $schema: N, request_account: { request_id: 'a1' } }, 'near.request_account');
  const ntx = parsed({ $schema: N, request_transaction: { request_id: 't1', transaction: { receiver_id: 'shop.near', actions: [{ type: 'Transfer', params: { deposit: '1' } }] } } }, 'near.request_transaction');
  const nsig = parsed({ $schema: N, request_message_signing: { request_id: 's1', message: { nonce: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', recipient: 'shop.near', message: 'hi' } } }, 'near.request_message_signing');
  const addr = parsed({ $schema: E, request_address: { request_id: 'e1', chain_id: 8453 } }, 'evm.request_address');
  const etx = parsed({ $schema: E, request_transaction: { request_id: 'e2', transaction: { to: '0x1234567890123456789012345678901234567890' } } }, 'evm.request_transaction');
  const esig = parsed({ $schema: E, request_message_signing: { request_id: 'e3', signing_type: 'personal_sign', message: 'hi' } }, 'evm.request_message_signing');
  const address = '0x742d35Cc6634C0532925a3b844Bc454e4438f44e';

  it('builds each NEAR and EVM response with the request id, valid against the published schemas', () => {
    expect(valid(buildNearAccountResponse(acct, ['me.near']), 'near')).toEqual({ $schema: N, account_response: { request_id: 'a1', accounts: ['me.near'] } });
    valid(buildNearTransactionResponse(ntx, '9pz7fg2ZnM8joauyjvmwJeUESanYjRFzD3MN3kENAHVV'), 'near');
    valid(buildNearMessageSigningResponse(nsig, { account_id: 'me.near', public_key: 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp', signature: 'ed25519:4bkh' }), 'near');
    valid(buildEvmAddressResponse(addr, [address]), 'evm');
    valid(buildEvmTransactionResponse(etx, `0x${'ab'.repeat(32)}`), 'evm');
    expect(valid(buildEvmMessageSigningResponse(esig, { address, signature: `0x${'11'.repeat(65)}` }), 'evm')).toEqual({ $schema: E,
      message_signing_response: { request_id: 'e3', address, signature: `0x${'11'.repeat(65)}` } });
  });

  it('refuses malformed response values', () => {
    expect(buildNearAccountResponse(acct, ['Not An Account']).ok).toBe(false);
    expect(buildEvmTransactionResponse(etx, '0x1234').ok).toBe(false);
    expect(buildEvmAddressResponse(addr, ['0xnope']).ok).toBe(false);
  });
});

describe('the schema checker is not vacuous', () => {
  it('catches missing required fields, wrong types, extra properties, patterns, enums and oneOf', () => {
    expect(schemaErrors('payments', { $schema: P, payment: { quote_id: 'q' } })).not.toEqual([]);
    expect(schemaErrors('decisions', { $schema: D, decision: { options: [{ id: 1 }] } })).not.toEqual([]);
    expect(schemaErrors('near', { $schema: N, request_account: { request_id: 'a', extra: 1 } })).not.toEqual([]);
    expect(schemaErrors('evm', { $schema: E, address_response: { request_id: 'a', addresses: ['0x12'] } })).not.toEqual([]);
    expect(schemaErrors('data', { $schema: P, data: { fields: [] } })).not.toEqual([]);
    expect(schemaErrors('evm', { $schema: E, request_message_signing: { request_id: 'a', signing_type: 'typed_data', message: 'x' } })).not.toEqual([]);
    expect(schemaErrors('payments', { $schema: P, payment_confirmation: { quote_id: 'q', payment_id: 'p', result: 'maybe', timestamp: 't', merchant_signature: 's' } })).not.toEqual([]);
  });
});
