// Signatures Emissary makes or checks for AITP, each against an independent implementation used only here:
// NEP-413 bytes written by hand with Node's Buffer and verified with node:crypto's ed25519; personal_sign and
// EIP-712 verified with ethers; merchant signatures made with node:crypto over the JCS (`canonicalize`) form.
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import canonicalize from 'canonicalize';
import { verifyMessage, verifyTypedData as ethersVerifyTypedData, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { signDigest, signTypedData } from '../evm/sign';
import { base58ToBytes, bytesToBase58, bytesToHex, hexToBytes } from '../../wallet/bytes';
import { checkMerchantSignature, merchantSigningPayload } from './signatures';
import { nep413Bytes, nep413Hash, personalSignHash } from './wallet-signing';
import type { PaymentQuote } from './types';

const SEED = new Uint8Array(32).map((_, i) => i + 1);
const nodeKey = () => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(SEED)]), format: 'der', type: 'pkcs8' });
const rawPublic = () => createPublicKey(nodeKey()).export({ format: 'der', type: 'spki' }).subarray(-32);

function oracleNep413(message: string, nonce: Buffer, recipient: string, callbackUrl?: string): Buffer {
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    return Buffer.concat([len, b]);
  };
  const tag = Buffer.alloc(4);
  tag.writeUInt32LE(2147484061);
  return Buffer.concat([tag, str(message), nonce, str(recipient), callbackUrl === undefined ? Buffer.from([0]) : Buffer.concat([Buffer.from([1]), str(callbackUrl)])]);
}

describe('NEP-413', () => {
  const nonce = Buffer.alloc(32, 7);
  it('serialises the tagged payload byte for byte like a hand-written borsh encoder', () => {
    expect(Buffer.from(nep413Bytes({ message: 'Log in to the shop ✓', nonce: nonce.toString('base64'), recipient: 'shop.near' })))
      .toEqual(oracleNep413('Log in to the shop ✓', nonce, 'shop.near'));
    expect(Buffer.from(nep413Bytes({ message: 'm', nonce: nonce.toString('base64'), recipient: 'r', callbackUrl: 'https://x.example/cb' })))
      .toEqual(oracleNep413('m', nonce, 'r', 'https://x.example/cb'));
  });

  it('signs a hash that node:crypto verifies with the same public key, and rejects another recipient', () => {
    const payload = { message: 'Prove it is you', nonce: nonce.toString('base64'), recipient: 'shop.near' };
    const signature = ed25519.sign(nep413Hash(payload), SEED);
    const publicKey = createPublicKey(nodeKey());
    const hash = createHash('sha256').update(oracleNep413(payload.message, nonce, payload.recipient)).digest();
    expect(nodeVerify(null, hash, publicKey, signature)).toBe(true);
    const other = createHash('sha256').update(oracleNep413(payload.message, nonce, 'evil.near')).digest();
    expect(nodeVerify(null, other, publicKey, signature)).toBe(false);
  });

  it('refuses a nonce that is not 32 bytes', () => {
    expect(() => nep413Hash({ message: 'm', nonce: Buffer.alloc(31).toString('base64'), recipient: 'r' })).toThrow(/32 bytes/);
  });
});

describe('EVM message signing', () => {
  const wallet = new Wallet(`0x${'11'.repeat(32)}`);
  const key = hexToBytes('11'.repeat(32));
  it('personal_sign of text and of 0x bytes verifies with ethers', () => {
    for (const message of ['Pay the shop 2.50 USDC\nnonce 42', '0xdeadbeef']) {
      const signature = signDigest(personalSignHash(message), key);
      const expected = message.startsWith('0x') ? hexToBytes(message.slice(2)) : message;
      expect(verifyMessage(expected, signature)).toBe(wallet.address);
    }
  });

  it('EIP-712 typed data verifies with ethers', () => {
    const domain = { name: 'Demo Shop', version: '1', chainId: 31337, verifyingContract: '0x0000000000000000000000000000000000000001' };
    const types = { Order: [{ name: 'orderId', type: 'string' }, { name: 'amount', type: 'uint256' }] };
    const message = { orderId: 'o-1', amount: '2500000' };
    const signature = signTypedData({ domain, types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], ...types }, primaryType: 'Order', message }, key);
    expect(ethersVerifyTypedData(domain, types, message, signature)).toBe(wallet.address);
  });
});

describe('merchant signatures', () => {
  const merchantId = bytesToHex(rawPublic());
  const quote = {
    quote_id: 'q-1', merchant_id: merchantId, description: 'Hand grinder ×1', expiration: '2050-01-01T00:00:00Z',
    payment_options: [{ amount: '64.00', currency: 'USDC', payment_methods: [{ type: 'x402', token: 'eip155:31337/erc20:0x1', recipient: '0x2', url: 'http://127.0.0.1/pay' }] }],
  };
  const signed = (body: object): PaymentQuote => {
    const sig = nodeSign(null, Buffer.from(`aitp-01-payments/quote:${canonicalize(body)}`), nodeKey());
    return { ...body, merchant_signature: `ed25519:${bytesToBase58(sig)}` } as unknown as PaymentQuote;
  };

  it('signs the same bytes as JCS canonicalisation', () => {
    expect(merchantSigningPayload('quote', signed(quote))).toBe(`aitp-01-payments/quote:${canonicalize(quote)}`);
  });

  it('verifies a quote signed by the implicit account its merchant id names', () => {
    expect(checkMerchantSignature('quote', signed(quote), merchantId)).toEqual({ status: 'verified', key: `ed25519:${merchantId}` });
  });

  it('flags a quote whose amount was changed after signing', () => {
    const s = signed(quote);
    const changed = { ...s, payment_options: [{ ...s.payment_options[0], amount: '6.40' }] } as PaymentQuote;
    expect(checkMerchantSignature('quote', changed, merchantId).status).toBe('invalid');
  });

  it('says when the key cannot be known, and when the signature is malformed', () => {
    expect(checkMerchantSignature('quote', { ...signed(quote), merchant_id: 'shop.near' }, 'shop.near').status).toBe('unchecked');
    expect(checkMerchantSignature('quote', { ...signed(quote), merchant_signature: 'ed25519:abc' }, merchantId)).toMatchObject({ status: 'invalid' });
    expect(base58ToBytes(signed(quote).merchant_signature.slice(8))).toHaveLength(64);
  });
});
