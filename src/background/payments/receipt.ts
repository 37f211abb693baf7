// What the human sees for a payment, and the hash that binds a decision to exactly that.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { chainName } from '../../protocols/evm/chains';
import { formatTokenAmount } from '../../protocols/evm/units';
import type { PaymentRecord, PaymentStatus } from '../../store/schema';
import type { SpendCheck } from '../../wallet/budget';

/** A payment for the popup: plain strings and numbers only (safe over comlink, rendered as text). */
export interface PaymentReceiptView {
  id: string;
  status: PaymentStatus;
  /** Who asked (from the browser). */
  origin: string;
  /** What for: the resource URL and description as the site states them (untrusted text). */
  resource: string;
  description?: string;
  /** The URL Emissary fetched (may differ from `resource`; see warnings). */
  requestUrl: string;
  /** "0.01 USDC" — decimals and symbol from Emissary's token list. */
  amount: string;
  amountAtomic: string;
  tokenSymbol: string;
  asset: string;
  chain: string;
  chainId: number;
  payTo: string;
  /** End of the authorization's validity, epoch ms, and the same as ISO 8601. */
  validUntil: number;
  validUntilIso: string;
  createdAt: number;
  /** Which budget it counts against and what is left, in words. */
  budget: string;
  /** What would be left of the site's budget after this payment, formatted; absent without a budget. */
  remainingAfter?: string;
  warnings: string[];
  decidedBy?: 'budget' | 'user';
  txHash?: string;
  error?: string;
  note?: string;
  x402Version: 1 | 2;
  /** Hash of everything shown here that matters; decide() must get the same value back. */
  contentHash: string;
  /** The EIP-712 typed data that is (to be) signed, pretty JSON, for "show raw". */
  typedData: string;
}

/**
 * sha256 over every field that the human's consent is about: who asks, for what, how much, in which
 * token on which chain, to whom, from which account, and the exact typed data (window and nonce).
 */
export function paymentContentHash(r: PaymentRecord): string {
  const bound = [
    'emissary-payment-v1',
    r.id,
    r.origin,
    r.url,
    r.resourceUrl,
    r.description ?? null,
    r.chainId,
    r.asset,
    r.token.symbol,
    r.token.decimals,
    r.payTo,
    r.from,
    r.amount,
    r.validAfter,
    r.validBefore,
    r.nonce,
    r.typedData,
  ];
  return bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(bound))));
}

export function toReceipt(r: PaymentRecord, spend?: SpendCheck): PaymentReceiptView {
  const fmt = (v: bigint) => formatTokenAmount(v, r.token.decimals, r.token.symbol);
  const remaining = spend ? spend.remainingAfter : r.spendCheck.remainingAfter !== undefined ? BigInt(r.spendCheck.remainingAfter) : undefined;
  const validUntil = r.validBefore * 1000;
  return {
    id: r.id,
    status: r.status,
    origin: r.origin,
    resource: r.resourceUrl,
    ...(r.description !== undefined ? { description: r.description } : {}),
    requestUrl: r.url,
    amount: fmt(BigInt(r.amount)),
    amountAtomic: r.amount,
    tokenSymbol: r.token.symbol,
    asset: r.asset,
    chain: chainName(r.chainId),
    chainId: r.chainId,
    payTo: r.payTo,
    validUntil,
    validUntilIso: new Date(validUntil).toISOString(),
    createdAt: r.createdAt,
    budget: spend ? spend.reason : r.spendCheck.reason,
    ...(remaining !== undefined ? { remainingAfter: fmt(remaining) } : {}),
    warnings: [...r.warnings],
    ...(r.decidedBy ? { decidedBy: r.decidedBy } : {}),
    ...(r.txHash ? { txHash: r.txHash } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.note ? { note: r.note } : {}),
    x402Version: r.x402Version,
    contentHash: paymentContentHash(r),
    typedData: JSON.stringify(r.typedData, null, 2),
  };
}
