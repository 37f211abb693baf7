// The demo shop's paid API (x402 v1 and v2) and a facilitator settling on the local chain.
export * from './facilitator';
export * from './paid-api';
export * from './backend';
