// Building the paid retry: an EIP-3009 TransferWithAuthorization for the chosen `exact` option,
// signed by the wallet, wrapped as x402 v1 `X-PAYMENT` or v2 `PAYMENT-SIGNATURE` (base64 JSON).
// Also the reverse (parsePaymentPayload) for the demo server and facilitator tests.

import { parseAddress, type Address } from '../evm/address';
import { bytesToHex, hexToBytes, isHex, quote } from '../evm/bytes';
import {
  buildAuthorizationTypedData,
  createAuthorization,
  type Authorization,
} from '../evm/eip3009';
import { hashTypedData, type TypedData } from '../evm/eip712';
import { recoverAddress } from '../evm/sign';
import { parseUintString } from '../evm/units';
import { decodeBase64Json, encodeBase64Json, fail, FieldReader, isObject } from './codec';
import {
  HEADERS,
  LIMITS,
  type ExactEvmRequirement,
  type PaymentPayload,
  type Problem,
  type Result,
  type X402Version,
} from './types';

/** Seconds validAfter is back-dated against clock skew, as the reference x402 client does. */
export const VALID_AFTER_BACKDATE_SECONDS = 600;

export type AuthorizationTypedData = TypedData & { message: Authorization };

/** Signs EIP-712 typed data and returns a 65-byte r ‖ s ‖ v hex signature (the wallet's approval path). */
export type SignTypedDataFn = (typedData: AuthorizationTypedData) => Promise<string> | string;

export class PaymentBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentBuildError';
  }
}

/**
 * The exact typed data the wallet will be asked to sign for `req`: show this to the human.
 * `now` is Unix seconds; `nonce` 32 random bytes.
 */
export function buildExactEvmTypedData(
  req: ExactEvmRequirement,
  from: string,
  now: number,
  nonce: Uint8Array | string,
): AuthorizationTypedData {
  if (req?.scheme !== 'exact' || typeof req.amount !== 'bigint') {
    throw new PaymentBuildError('not an exact EVM requirement produced by parsePaymentRequired');
  }
  try {
    const authorization = createAuthorization({
      from,
      to: req.payTo,
      value: req.amount,
      now,
      validForSeconds: req.maxTimeoutSeconds,
      backdateSeconds: VALID_AFTER_BACKDATE_SECONDS,
      nonce,
    });
    const domain = { name: req.token.name, version: req.token.version, chainId: req.chainId, verifyingContract: req.asset };
    return buildAuthorizationTypedData('TransferWithAuthorization', domain, authorization);
  } catch (e) {
    throw new PaymentBuildError((e as Error).message);
  }
}

export interface BuiltPayment {
  headerName: typeof HEADERS.xPayment | typeof HEADERS.paymentSignature;
  headerValue: string;
  payload: PaymentPayload;
  typedData: AuthorizationTypedData;
  authorization: Authorization;
}

/**
 * Sign and encode the payment for `req`. The signature is checked to recover to `signerAddress`
 * before anything is returned, so a wrong key or a tampered message never leaves the wallet.
 */
export async function buildExactEvmPayment(
  req: ExactEvmRequirement,
  signerAddress: string,
  signTypedData: SignTypedDataFn,
  now: number,
  randomNonce: Uint8Array | string,
): Promise<BuiltPayment> {
  const typedData = buildExactEvmTypedData(req, signerAddress, now, randomNonce);
  const signature = await signTypedData(typedData);
  if (!isHex(signature, 65)) throw new PaymentBuildError('the signer did not return a 65-byte hex signature');
  let recovered: Address;
  try {
    recovered = recoverAddress(hashTypedData(typedData), signature);
  } catch (e) {
    throw new PaymentBuildError(`the signature is invalid: ${(e as Error).message}`);
  }
  if (recovered !== typedData.message.from) {
    throw new PaymentBuildError(`the signature recovers to ${recovered}, not the payer ${typedData.message.from}`);
  }
  const authorization = typedData.message;
  const inner = { signature: bytesToHex(hexToBytes(signature)), authorization };
  let payload: PaymentPayload;
  if (req.x402Version === 1) {
    payload = { x402Version: 1, scheme: 'exact', network: req.network, payload: inner };
  } else {
    payload = {
      x402Version: 2,
      ...(req.echo.resource !== undefined ? { resource: req.echo.resource } : {}),
      accepted: req.echo.accepted,
      payload: inner,
      ...(req.echo.extensions !== undefined ? { extensions: req.echo.extensions } : {}),
    };
  }
  return {
    headerName: req.x402Version === 1 ? HEADERS.xPayment : HEADERS.paymentSignature,
    headerValue: encodeBase64Json(payload),
    payload,
    typedData,
    authorization,
  };
}

export interface ParsedPaymentPayload {
  x402Version: X402Version;
  scheme: string;
  network: string;
  authorization: Authorization;
  signature: `0x${string}`;
  /** v2 only: the requirements the client says it accepted. */
  accepted?: Record<string, unknown>;
}

/** Decode and validate an `X-PAYMENT` / `PAYMENT-SIGNATURE` header value (exact EVM scheme). */
export function parsePaymentPayload(headerValue: string): Result<ParsedPaymentPayload> {
  const decoded = decodeBase64Json(headerValue, 'payment header', LIMITS.paymentHeader);
  if (!decoded.ok) return decoded;
  const v = decoded.value;
  if (!isObject(v)) return fail('bad_field', '', 'payment payload must be a JSON object');
  if (v.x402Version !== 1 && v.x402Version !== 2) {
    return fail('bad_version', 'x402Version', `x402Version ${quote(v.x402Version)} is not supported`);
  }
  const top = new FieldReader(v, '');
  const accepted = v.x402Version === 2 ? top.object('accepted') : undefined;
  const source = accepted ? new FieldReader(accepted, 'accepted') : top;
  const scheme = source.string('scheme', { max: 64, nonEmpty: true });
  const network = source.string('network', { max: LIMITS.networkId, nonEmpty: true });
  const inner = top.object('payload');
  const problems: Problem[] = [...top.problems, ...(source === top ? [] : source.problems)];
  if (!inner || scheme === undefined || network === undefined) return { ok: false, problems };
  const p = new FieldReader(inner, 'payload');
  const signature = p.string('signature', { max: 4096 });
  if (signature !== undefined && !isHex(signature, 65)) {
    p.add('bad_field', 'signature', 'payload.signature must be a 65-byte 0x hex signature');
  }
  const auth = p.object('authorization');
  let authorization: Authorization | undefined;
  if (auth) {
    const a = new FieldReader(auth, 'payload.authorization');
    const addr = (k: string) => {
      try {
        return parseAddress(a.raw(k), a.at(k));
      } catch (e) {
        return a.add('bad_address', k, (e as Error).message);
      }
    };
    const num = (k: string) => {
      try {
        return parseUintString(a.raw(k), { what: a.at(k) }).toString();
      } catch (e) {
        return a.add('bad_amount', k, (e as Error).message);
      }
    };
    const [from, to, value, validAfter, validBefore] = [addr('from'), addr('to'), num('value'), num('validAfter'), num('validBefore')];
    const nonce = a.raw('nonce');
    if (!isHex(nonce, 32)) a.add('bad_field', 'nonce', 'payload.authorization.nonce must be 32 bytes of 0x hex');
    p.problems.push(...a.problems);
    if (a.problems.length === 0) {
      authorization = { from, to, value, validAfter, validBefore, nonce: (nonce as string).toLowerCase() } as Authorization;
    }
  }
  problems.push(...p.problems);
  if (problems.length > 0 || !authorization) return { ok: false, problems };
  return {
    ok: true,
    value: {
      x402Version: v.x402Version,
      scheme,
      network,
      authorization,
      signature: (signature as string).toLowerCase() as `0x${string}`,
      ...(accepted ? { accepted } : {}),
    },
  };
}
