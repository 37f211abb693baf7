// decisionView (product cards with price from the embedded quote) and NEAR actions in words.
import { describe, expect, it } from 'vitest';
import { decisionView, formatDecimalAmount } from './decision-view';
import { describeNearTransaction } from './near-wallet';
import { N, parsed, productsRequest } from './samples.fixture';

describe('decisionView', () => {
  it('renders product cards: image, rating, variants, price formatted from the embedded quote', () => {
    const view = decisionView(parsed(productsRequest, 'decisions.request_decision'), new Date('2030-01-01T00:00:00Z'));
    expect(view).toMatchObject({ requestId: 'rd-1', title: 'Pick headphones', type: 'products', multiple: false, withQuantity: true });
    expect(view.options[0]).toEqual({
      id: 'p1', name: 'JBL Tour One M2', imageUrl: 'https://shop.example/h1.jpg', rating: { stars: 4.2, reviews: 132 },
      price: { text: '1,199.50 USD', amount: '1199.5', currency: 'USD', quoteId: 'q1', payee: 'jbl-store', validUntil: '2050-01-01T00:00:00Z', expired: false, planType: 'one-time' },
      variants: [{ id: 'p1-black', name: 'JBL Tour One M2', shortName: 'Black', variants: [] }, { id: 'p1-white', name: 'JBL Tour One M2', shortName: 'White', variants: [] }],
    });
    expect(view.options[1]).toEqual({ id: 'p2', name: 'Sony WH-1000XM5', variants: [] });
    expect(decisionView(parsed(productsRequest, 'decisions.request_decision'), new Date('2051-01-01T00:00:00Z')).options[0].price?.expired).toBe(true);
  });

  it('marks checkbox requests as multiple', () => {
    const req = parsed({ $schema: productsRequest.$schema, request_decision: { id: 'c', type: 'checkbox', options: [{ id: 'a' }] } }, 'decisions.request_decision');
    expect(decisionView(req)).toMatchObject({ type: 'checkbox', multiple: true, withQuantity: false, options: [{ id: 'a', name: 'a' }] });
  });

  it('formats decimal text exactly', () => {
    expect(formatDecimalAmount('0.1', 'USD')).toBe('0.10 USD');
    expect(formatDecimalAmount('1234567.125', 'USD')).toBe('1,234,567.125 USD');
    expect(formatDecimalAmount('99.99', 'USDC')).toBe('99.99 USDC');
    expect(formatDecimalAmount('5', 'NEAR')).toBe('5 NEAR');
  });
});

describe('describeNearTransaction', () => {
  it('says what each action does', () => {
    const tx = parsed({ $schema: N, request_transaction: { request_id: 't', transaction: { receiver_id: 'contract.near', actions: [
      { type: 'FunctionCall', params: { method_name: 'nft_mint', args: 'e30=', gas: '30000000000000', deposit: '1000000000000000000000000' } },
      { type: 'FunctionCall', params: { method_name: 'ping', args: { a: 1 } } },
      { type: 'Transfer', params: { deposit: '2500000000000000000000000' } },
      { type: 'AddKey', params: { public_key: 'ed25519:abc' } },
    ] } } }, 'near.request_transaction');
    expect(describeNearTransaction(tx.body.transaction)).toEqual([
      'call nft_mint on contract.near with 1 NEAR attached, 30 Tgas',
      'call ping on contract.near with nothing attached, 30 Tgas',
      'send 2.5 NEAR to contract.near',
      'AddKey on contract.near (parameters shown as data)',
    ]);
  });
});
