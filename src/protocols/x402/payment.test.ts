import { describe, expect, it } from 'vitest';
import { Wallet, verifyTypedData as ethersVerify, type TypedDataField } from 'ethers';
import { hexToBytes } from '../evm/bytes';
import { signTypedData } from '../evm/sign';
import examples from './testdata/payments-md-examples.json';
import { decodeBase64Json, encodeBase64Json } from './codec';
import { buildExactEvmPayment, buildExactEvmTypedData, parsePaymentPayload, PaymentBuildError } from './payment';
import { parsePaymentRequired } from './requirements';
import { findSettlementHeader, parseSettlementResponse } from './settlement';
import type { ExactEvmRequirement, Result } from './types';

// Anvil/Hardhat dev account #0 (public test key).
const key = hexToBytes('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const payer = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const signer = (td: Parameters<typeof signTypedData>[0]) => signTypedData(td, key);
const now = 1_740_672_000;
const nonce = `0x${'ab'.repeat(32)}`;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const requirementV1 = (): ExactEvmRequirement =>
  value(parsePaymentRequired(402, {}, JSON.stringify(examples.paymentRequiredV1))).requirements[0];
const requirementV2 = (): ExactEvmRequirement =>
  value(parsePaymentRequired(402, { 'PAYMENT-REQUIRED': encodeBase64Json(examples.paymentRequiredV2) }, '')).requirements[0];

describe('buildExactEvmTypedData', () => {
  it('is the reference client\'s TransferWithAuthorization', () => {
    const td = buildExactEvmTypedData(requirementV2(), payer.toLowerCase(), now, nonce);
    expect(td).toEqual({
      types: { TransferWithAuthorization: expect.any(Array) },
      primaryType: 'TransferWithAuthorization',
      domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' },
      message: {
        from: payer, to: '0x209693Bc6afc0C5328bA36FaF03C514EF312287C', value: '10000',
        validAfter: String(now - 600), validBefore: String(now + 60), nonce,
      },
    });
  });
  it('refuses bad signer addresses, times and nonces', () => {
    expect(() => buildExactEvmTypedData(requirementV2(), '0x12', now, nonce)).toThrow(PaymentBuildError);
    expect(() => buildExactEvmTypedData(requirementV2(), payer, -1, nonce)).toThrow(/now/);
    expect(() => buildExactEvmTypedData(requirementV2(), payer, now, '0x00')).toThrow(/32 bytes/);
    expect(() => buildExactEvmTypedData({} as ExactEvmRequirement, payer, now, nonce)).toThrow(/exact EVM requirement/);
  });
});

describe('buildExactEvmPayment', () => {
  it('v1: X-PAYMENT with scheme/network and a signature ethers accepts', async () => {
    const built = await buildExactEvmPayment(requirementV1(), payer, signer, now, hexToBytes(nonce));
    expect(built.headerName).toBe('X-PAYMENT');
    const decoded = value(decodeBase64Json(built.headerValue, 'h', 1e6)) as typeof examples.paymentPayloadV1;
    expect(Object.keys(decoded)).toEqual(['x402Version', 'scheme', 'network', 'payload']);
    expect(decoded).toMatchObject({ x402Version: 1, scheme: 'exact', network: 'base-sepolia' });
    const { domain, types, message } = built.typedData;
    expect(ethersVerify(domain, types as Record<string, TypedDataField[]>, message, decoded.payload.signature)).toBe(payer);
    expect(decoded.payload.authorization).toEqual(message);
  });
  it('v2: PAYMENT-SIGNATURE echoes accepted, resource and extensions verbatim', async () => {
    const req = requirementV2();
    const built = await buildExactEvmPayment(req, payer, async (td) => signer(td), now, nonce);
    expect(built.headerName).toBe('PAYMENT-SIGNATURE');
    const decoded = value(decodeBase64Json(built.headerValue, 'h', 1e6)) as Record<string, unknown>;
    expect(decoded.x402Version).toBe(2);
    expect(decoded.accepted).toStrictEqual(examples.paymentRequiredV2.accepts[0]);
    expect(decoded.resource).toStrictEqual(examples.paymentRequiredV2.resource);
    expect(decoded.extensions).toStrictEqual({});
    const parsed = value(parsePaymentPayload(built.headerValue));
    expect(parsed).toMatchObject({ x402Version: 2, scheme: 'exact', network: 'eip155:84532', authorization: built.authorization });
  });
  it('agrees with an ethers Wallet signing the same typed data (random nonces)', async () => {
    const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    for (let i = 0; i < 10; i++) {
      const n = crypto.getRandomValues(new Uint8Array(32));
      const built = await buildExactEvmPayment(requirementV2(), wallet.address, (td) =>
        wallet.signTypedData(td.domain, td.types as Record<string, TypedDataField[]>, td.message), now + i, n);
      expect(built.payload.payload.authorization.from).toBe(wallet.address);
    }
  });
  it('refuses a signature from the wrong key or of the wrong shape', async () => {
    const other = hexToBytes('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    await expect(buildExactEvmPayment(requirementV2(), payer, (td) => signTypedData(td, other), now, nonce)).rejects.toThrow(/recovers to .* not the payer/);
    await expect(buildExactEvmPayment(requirementV2(), payer, () => '0x1234', now, nonce)).rejects.toThrow(/65-byte/);
    await expect(buildExactEvmPayment(requirementV2(), payer, (td) => signer({ ...td, message: { ...td.message, value: '1' } }), now, nonce)).rejects.toThrow(PaymentBuildError);
  });
});

describe('parsePaymentPayload', () => {
  it('reads the payments.md v1 example', () => {
    const p = value(parsePaymentPayload(encodeBase64Json(examples.paymentPayloadV1)));
    expect(p).toMatchObject({ x402Version: 1, scheme: 'exact', network: 'base-sepolia' });
    expect(p.authorization.validBefore).toBe('1740672154');
  });
  it('names what is wrong', () => {
    const bad = structuredClone(examples.paymentPayloadV1) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    bad.payload.authorization.value = 10000;
    bad.payload.authorization.nonce = '0x12';
    bad.payload.signature = '0xdead';
    const r = parsePaymentPayload(encodeBase64Json(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.path).sort()).toEqual(['payload.authorization.nonce', 'payload.authorization.value', 'payload.signature']);
    }
    expect(parsePaymentPayload('%%%').ok).toBe(false);
  });
});

describe('parseSettlementResponse', () => {
  it('reads success and failure receipts', () => {
    const s = value(parseSettlementResponse(encodeBase64Json(examples.settlementV2)));
    expect(s).toEqual({ success: true, transaction: examples.settlementV2.transaction, network: 'eip155:84532', chainId: 84532, payer: '0x857b06519E91e3A54538791bDbb0E22373e36b66' });
    const f = value(parseSettlementResponse(encodeBase64Json(examples.settlementFailure)));
    expect(f).toMatchObject({ success: false, transaction: '', errorReason: 'insufficient_funds' });
    const v1 = value(parseSettlementResponse(encodeBase64Json({ ...examples.settlementV2, network: 'base-sepolia', amount: '10000' })));
    expect(v1).toMatchObject({ chainId: 84532, amount: 10000n });
  });
  it('finds the header by either name, v2 first', () => {
    expect(findSettlementHeader(new Headers({ 'x-payment-response': 'a', 'payment-response': 'b' }))).toEqual({ name: 'PAYMENT-RESPONSE', value: 'b' });
    expect(findSettlementHeader({ 'X-Payment-Response': 'a' })).toEqual({ name: 'X-PAYMENT-RESPONSE', value: 'a' });
    expect(findSettlementHeader({})).toBeUndefined();
  });
  it.each([
    ['not base64', '***', 'bad_base64'],
    ['huge', 'A'.repeat(20_000), 'too_large'],
    ['array', encodeBase64Json([1]), 'bad_field'],
    ['success as string', encodeBase64Json({ ...examples.settlementV2, success: 'true' }), 'bad_field'],
    ['success without tx', encodeBase64Json({ ...examples.settlementV2, transaction: '' }), 'missing_field'],
    ['bad tx hash', encodeBase64Json({ ...examples.settlementV2, transaction: '0x1234' }), 'bad_field'],
    ['bad payer', encodeBase64Json({ ...examples.settlementV2, payer: '0xnope' }), 'bad_address'],
    ['negative amount', encodeBase64Json({ ...examples.settlementV2, amount: '-1' }), 'bad_amount'],
    ['no network', encodeBase64Json({ ...examples.settlementV2, network: undefined }), 'missing_field'],
  ])('%s', (_n, header, code) => {
    const r = parseSettlementResponse(header);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].code).toBe(code);
  });
});
