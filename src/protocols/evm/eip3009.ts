// EIP-3009 "Transfer With Authorization" (https://eips.ethereum.org/EIPS/eip-3009) as EIP-712
// typed data: the payer signs off-chain, anyone holding the signature can move exactly `value`
// tokens from `from` to `to` between validAfter and validBefore, once per random 32-byte nonce.

import { randomBytes } from '@noble/hashes/utils.js';
import { parseAddress, type Address } from './address';
import { bytesToHex, hexToBytes, MAX_UINT256, quote, type Hex } from './bytes';
import { isValidChainId } from './chains';
import { hashTypedData, type TypedData, type TypedDataField } from './eip712';
import { recoverAddress, signDigest } from './sign';

export type AuthorizationKind = 'TransferWithAuthorization' | 'ReceiveWithAuthorization';

/** The token's own EIP-712 domain (its `name()`, `version()`, chain and contract address). */
export interface TokenDomain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: string;
}

/** Authorization fields exactly as they travel in x402 (all strings: decimal numbers, 0x nonce). */
export type Authorization = {
  from: Address;
  to: Address;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: Hex;
};

/** What callers may pass in: numbers as bigint or decimal strings. */
export interface AuthorizationInput {
  from: string;
  to: string;
  value: bigint | string;
  validAfter: bigint | string | number;
  validBefore: bigint | string | number;
  nonce: string | Uint8Array;
}

export class AuthorizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthorizationError';
  }
}

const AUTH_FIELDS: readonly TypedDataField[] = [
  { name: 'from', type: 'address' },
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'validAfter', type: 'uint256' },
  { name: 'validBefore', type: 'uint256' },
  { name: 'nonce', type: 'bytes32' },
];

/** keccak256("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)") */
export const TRANSFER_WITH_AUTHORIZATION_TYPEHASH =
  '0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267';
/** keccak256("ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)") */
export const RECEIVE_WITH_AUTHORIZATION_TYPEHASH =
  '0xd099cc98ef71107a616c4f0f941f04c322d8e254fe26b3c6668db87aae413de8';

export function authorizationTypes(kind: AuthorizationKind): Record<string, readonly TypedDataField[]> {
  if (kind !== 'TransferWithAuthorization' && kind !== 'ReceiveWithAuthorization') {
    throw new AuthorizationError(`unknown authorization kind ${quote(kind)}`);
  }
  return { [kind]: AUTH_FIELDS };
}

/** A fresh 32-byte nonce from the platform CSPRNG, as 0x hex. */
export function randomAuthorizationNonce(): Hex {
  return bytesToHex(randomBytes(32));
}

function toUint(value: bigint | string | number, what: string): bigint {
  let v: bigint;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else if (typeof value === 'string' && /^(0|[1-9][0-9]{0,77})$/.test(value)) v = BigInt(value);
  else throw new AuthorizationError(`${what} must be a non-negative integer, got ${quote(value)}`);
  if (v < 0n || v > MAX_UINT256) throw new AuthorizationError(`${what} is out of range for uint256: ${v}`);
  return v;
}

function toAddress(value: string, what: string): Address {
  try {
    return parseAddress(value, what);
  } catch (e) {
    throw new AuthorizationError((e as Error).message);
  }
}

/** Validate and normalise an authorization (checksummed addresses, decimal strings, lower-case nonce). */
export function normalizeAuthorization(input: AuthorizationInput): Authorization {
  let nonce: Uint8Array;
  try {
    nonce = input.nonce instanceof Uint8Array ? input.nonce : hexToBytes(input.nonce, 'nonce', 32);
  } catch (e) {
    throw new AuthorizationError((e as Error).message);
  }
  if (nonce.length !== 32) throw new AuthorizationError(`nonce must be 32 bytes, got ${nonce.length}`);
  const validAfter = toUint(input.validAfter, 'validAfter');
  const validBefore = toUint(input.validBefore, 'validBefore');
  if (validBefore <= validAfter) throw new AuthorizationError('validBefore must be later than validAfter');
  return {
    from: toAddress(input.from, 'from'),
    to: toAddress(input.to, 'to'),
    value: toUint(input.value, 'value').toString(),
    validAfter: validAfter.toString(),
    validBefore: validBefore.toString(),
    nonce: bytesToHex(nonce),
  };
}

export function normalizeTokenDomain(domain: TokenDomain): TokenDomain {
  const { name, version, chainId, verifyingContract } = domain ?? ({} as TokenDomain);
  for (const [k, v] of [['name', name], ['version', version]] as const) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 128) {
      throw new AuthorizationError(`token domain ${k} must be a non-empty string, got ${quote(v)}`);
    }
  }
  if (!isValidChainId(chainId)) throw new AuthorizationError(`token domain chainId is invalid: ${quote(chainId)}`);
  return { name, version, chainId, verifyingContract: toAddress(verifyingContract, 'verifyingContract') };
}

/** EIP-712 typed data for a Transfer/ReceiveWithAuthorization. Strings only: safe to JSON or postMessage. */
export function buildAuthorizationTypedData(
  kind: AuthorizationKind,
  domain: TokenDomain,
  authorization: AuthorizationInput,
): TypedData & { message: Authorization } {
  return {
    types: authorizationTypes(kind),
    primaryType: kind,
    domain: normalizeTokenDomain(domain),
    message: normalizeAuthorization(authorization),
  };
}

export interface CreateAuthorizationParams {
  from: string;
  to: string;
  value: bigint | string;
  /** Current time, Unix seconds. */
  now: number;
  /** Seconds from now until the authorization expires (validBefore = now + this). */
  validForSeconds: number;
  /** Seconds to back-date validAfter against clock skew; x402 clients use 600. */
  backdateSeconds?: number;
  /** 32 random bytes; defaults to a fresh CSPRNG nonce. */
  nonce?: string | Uint8Array;
}

/** Build an authorization valid from (now - backdate) until (now + validForSeconds). */
export function createAuthorization(p: CreateAuthorizationParams): Authorization {
  if (!Number.isSafeInteger(p.now) || p.now <= 0) throw new AuthorizationError(`now must be Unix seconds, got ${quote(p.now)}`);
  if (!Number.isSafeInteger(p.validForSeconds) || p.validForSeconds <= 0) {
    throw new AuthorizationError(`validForSeconds must be a positive integer, got ${quote(p.validForSeconds)}`);
  }
  const backdate = p.backdateSeconds ?? 600;
  if (!Number.isSafeInteger(backdate) || backdate < 0) throw new AuthorizationError('backdateSeconds must be >= 0');
  return normalizeAuthorization({
    from: p.from,
    to: p.to,
    value: p.value,
    validAfter: Math.max(0, p.now - backdate),
    validBefore: p.now + p.validForSeconds,
    nonce: p.nonce ?? randomAuthorizationNonce(),
  });
}

export function hashAuthorization(kind: AuthorizationKind, domain: TokenDomain, auth: AuthorizationInput): Uint8Array {
  return hashTypedData(buildAuthorizationTypedData(kind, domain, auth));
}

/** Sign with a raw key (tests, local tools). The wallet signs through its own approval path. */
export function signAuthorization(
  kind: AuthorizationKind,
  domain: TokenDomain,
  auth: AuthorizationInput,
  privateKey: Uint8Array,
): Hex {
  return signDigest(hashAuthorization(kind, domain, auth), privateKey);
}

export function recoverAuthorizationSigner(
  kind: AuthorizationKind,
  domain: TokenDomain,
  auth: AuthorizationInput,
  signature: string,
): Address {
  return recoverAddress(hashAuthorization(kind, domain, auth), signature);
}

/** Typed data for `cancelAuthorization(authorizer, nonce, v, r, s)`: burns an unused nonce. */
export function buildCancelAuthorizationTypedData(domain: TokenDomain, authorizer: string, nonce: string): TypedData {
  let n: Hex;
  try {
    n = bytesToHex(hexToBytes(nonce, 'nonce', 32));
  } catch (e) {
    throw new AuthorizationError((e as Error).message);
  }
  return {
    types: {
      CancelAuthorization: [
        { name: 'authorizer', type: 'address' },
        { name: 'nonce', type: 'bytes32' },
      ],
    },
    primaryType: 'CancelAuthorization',
    domain: normalizeTokenDomain(domain),
    message: { authorizer: toAddress(authorizer, 'authorizer'), nonce: n },
  };
}
