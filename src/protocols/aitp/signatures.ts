// Signatures on AITP-01 messages. The schema names the fields (merchant_signature, payer_signature) but not
// what is signed nor with which key. Emissary's convention, also what the demo shop does:
//   payload = `aitp-01-payments/<message type>:` + canonical JSON of the body without its signature field
//   merchant: `ed25519:<base58 signature>` by the key of `merchant_id` when it is a NEAR implicit account
//             (64 hex digits = the public key itself), so the key is known without a lookup;
//   payer (x402 method): EIP-191 personal_sign by the EVM address in `payer_id`, 0x-hex.
import { ed25519 } from '@noble/curves/ed25519.js';
import { base58ToBytes, hexToBytes } from '../../wallet/bytes';
import { canonicalJson } from './build';
import type { PaymentConfirmation, PaymentQuote } from './types';

export type SignatureCheck =
  /** The signature verifies under the key the merchant id names. */
  | { status: 'verified'; key: string }
  /** The key is known and the signature does not verify: the message was changed or forged. */
  | { status: 'invalid'; key: string; reason: string }
  /** Emissary cannot know the key (a named account): the card says so. */
  | { status: 'unchecked'; reason: string };

const IMPLICIT_RE = /^[0-9a-f]{64}$/;

export function merchantSigningPayload(type: 'quote' | 'payment_confirmation', body: PaymentQuote | PaymentConfirmation): string {
  const { merchant_signature: _omit, ...unsigned } = body;
  return `aitp-01-payments/${type}:${canonicalJson(unsigned)}`;
}

/** Decodes `ed25519:<base58>` (64 bytes), or null. */
export function decodeEd25519Signature(text: string): Uint8Array | null {
  if (!text.startsWith('ed25519:') || text.length > 120) return null;
  try {
    const bytes = base58ToBytes(text.slice('ed25519:'.length));
    return bytes.length === 64 ? bytes : null;
  } catch {
    return null;
  }
}

/** Checks `merchant_signature` of a quote or confirmation against the key its merchant id names. */
export function checkMerchantSignature(type: 'quote' | 'payment_confirmation', body: PaymentQuote | PaymentConfirmation, merchantId: string): SignatureCheck {
  if (!IMPLICIT_RE.test(merchantId)) {
    return { status: 'unchecked', reason: `the merchant '${merchantId.slice(0, 64)}' is a named account; Emissary cannot look up its key` };
  }
  const key = `ed25519:${merchantId}`;
  const signature = decodeEd25519Signature(body.merchant_signature);
  if (!signature) return { status: 'invalid', key, reason: 'the signature is not ed25519:<base58 of 64 bytes>' };
  const payload = new TextEncoder().encode(merchantSigningPayload(type, body));
  let ok = false;
  try {
    ok = ed25519.verify(signature, payload, hexToBytes(merchantId));
  } catch {
    ok = false;
  }
  return ok ? { status: 'verified', key } : { status: 'invalid', key, reason: 'the signature does not match the message' };
}
