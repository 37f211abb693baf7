// The settlement receipt a server returns after a paid request:
// v2 `PAYMENT-RESPONSE`, v1 `X-PAYMENT-RESPONSE`, both base64 JSON SettlementResponse.

import { parseAddress } from '../evm/address';
import { isHex, quote, type Hex } from '../evm/bytes';
import { chainIdFromX402Network } from '../evm/chains';
import { parseUintString } from '../evm/units';
import { decodeBase64Json, fail, FieldReader, getHeader, isObject } from './codec';
import { HEADERS, LIMITS, type HeaderSource, type Result, type SettlementResponse } from './types';

/** The settlement header of a response, v2 name first (as the reference client reads it). */
export function findSettlementHeader(headers: HeaderSource | null | undefined): { name: string; value: string } | undefined {
  for (const name of [HEADERS.paymentResponse, HEADERS.xPaymentResponse]) {
    const value = getHeader(headers, name);
    if (value !== undefined && value.trim() !== '') return { name, value };
  }
  return undefined;
}

/** Decode and validate a `PAYMENT-RESPONSE` / `X-PAYMENT-RESPONSE` header value. */
export function parseSettlementResponse(headerValue: string): Result<SettlementResponse> {
  const decoded = decodeBase64Json(headerValue, 'settlement header', LIMITS.settlementHeader);
  if (!decoded.ok) return decoded;
  const v = decoded.value;
  if (!isObject(v)) return fail('bad_field', '', 'settlement response must be a JSON object');
  const r = new FieldReader(v, '');

  const success = v.success;
  if (typeof success !== 'boolean') r.add('bad_field', 'success', `success must be true or false, got ${quote(success)}`);

  const transaction = r.string('transaction', { max: 200, required: success !== false });
  if (transaction !== undefined && transaction !== '' && !isHex(transaction, 32)) {
    r.add('bad_field', 'transaction', `transaction must be a 32-byte 0x hash, got ${quote(transaction)}`);
  } else if (success === true && !transaction) {
    r.add('missing_field', 'transaction', 'a successful settlement must name its transaction');
  }

  const network = r.string('network', { max: LIMITS.networkId, nonEmpty: true });
  const chainId = network === undefined ? undefined : (chainIdFromX402Network(network, 2) ?? chainIdFromX402Network(network, 1));

  let payer;
  if (v.payer !== undefined && v.payer !== null && v.payer !== '') {
    try {
      payer = parseAddress(v.payer, 'payer');
    } catch (e) {
      r.add('bad_address', 'payer', (e as Error).message);
    }
  }
  const errorReason = r.string('errorReason', { max: LIMITS.error, required: false });

  let amount: bigint | undefined;
  if (v.amount !== undefined && v.amount !== null && v.amount !== '') {
    try {
      amount = parseUintString(v.amount, { what: 'amount' });
    } catch (e) {
      r.add('bad_amount', 'amount', (e as Error).message);
    }
  }

  if (r.problems.length > 0 || typeof success !== 'boolean' || network === undefined) {
    return { ok: false, problems: r.problems };
  }
  return {
    ok: true,
    value: {
      success,
      transaction: (transaction ? transaction.toLowerCase() : '') as Hex | '',
      network,
      ...(chainId !== undefined ? { chainId } : {}),
      ...(payer ? { payer } : {}),
      ...(errorReason ? { errorReason } : {}),
      ...(amount !== undefined ? { amount } : {}),
    },
  };
}
