// Test-only: sample messages and a parse-or-throw helper shared by the AITP tests.
import { parseAitpMessage } from './message';
import type { AitpKind, MessageOf } from './types';

export function parsed<K extends AitpKind>(wire: object, kind: K): MessageOf<K> {
  const r = parseAitpMessage(wire);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  if (r.message.kind !== kind) throw new Error(`parsed as ${r.message.kind}, expected ${kind}`);
  return r.message as MessageOf<K>;
}

export const D = 'https://aitp.dev/capabilities/aitp-02-decisions/v1.0.0/schema.json';
export const P = 'https://aitp.dev/capabilities/aitp-01-payments/v1.0.0/schema.json';
export const N = 'https://aitp.dev/capabilities/aitp-04-near-wallet/v1.0.0/schema.json';
export const E = 'https://aitp.dev/capabilities/aitp-05-evm-wallet/v1.0.0/schema.json';

export const productsRequest = {
  $schema: D,
  request_decision: {
    id: 'rd-1', title: 'Pick headphones', type: 'products',
    options: [
      { id: 'p1', name: 'JBL Tour One M2', five_star_rating: 4.2, reviews_count: 132, image_url: 'https://shop.example/h1.jpg',
        quote: { type: 'Quote', quote_id: 'q1', payee_id: 'jbl-store', valid_until: '2050-01-01T00:00:00Z',
          payment_plans: [{ plan_id: 'pl1', plan_type: 'one-time', amount: 1199.5, currency: 'USD' }] },
        variants: [{ id: 'p1-black', short_variant_name: 'Black' }, { id: 'p1-white', short_variant_name: 'White' }] },
      { id: 'p2', name: 'Sony WH-1000XM5' },
    ],
  },
};

export const paymentQuote = {
  $schema: P,
  quote: {
    quote_id: 'q_1', merchant_id: 'shop.near', description: 'Headphones', expiration: '2050-01-01T00:00:00Z',
    payment_options: [
      { amount: '199.50', currency: 'USD', payment_methods: [{ type: 'near_payment_channel', token: 'usdc.near', recipient: 'shop.near' }] },
      { currency: 'USD', payment_methods: [{ type: 'near_payment_channel', token: 'usdc.near', recipient: 'shop.near' }] },
    ],
    merchant_signature: 'ed25519:abc',
  },
};

