// secp256k1 signatures the Ethereum way: sign a 32-byte digest (no extra hashing), encode
// r ‖ s ‖ v with v = 27 + yParity, recover the signer's address from digest + signature.
// @noble/curves v2: sign() pre-hashes with sha256 unless `prehash: false`, and `format: 'recovered'`
// yields recovery ‖ r ‖ s — both differ from what Ethereum expects, so this module adapts them.

import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { toChecksumAddress, type Address } from './address';
import { bytesToBigInt, bytesToHex, concatBytes, hexToBytes, type Hex } from './bytes';
import { hashTypedData, type TypedData } from './eip712';

export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = N >> 1n;

function digestBytes(digest: Uint8Array | string): Uint8Array {
  const d = typeof digest === 'string' ? hexToBytes(digest, 'digest') : digest;
  if (!(d instanceof Uint8Array) || d.length !== 32) throw new SignatureError('digest must be exactly 32 bytes');
  return d;
}

export interface ParsedSignature {
  r: bigint;
  s: bigint;
  yParity: 0 | 1;
}

/**
 * Parse a 65-byte r ‖ s ‖ v signature. v may be 27/28 or 0/1. Rejects r or s out of range and
 * high-s (malleable) signatures, as EIP-2 and OpenZeppelin's ECDSA do.
 */
export function parseSignature(signature: string | Uint8Array): ParsedSignature {
  let bytes: Uint8Array;
  try {
    bytes = typeof signature === 'string' ? hexToBytes(signature, 'signature') : signature;
  } catch (e) {
    throw new SignatureError((e as Error).message);
  }
  if (!(bytes instanceof Uint8Array) || bytes.length !== 65) {
    throw new SignatureError(`signature must be 65 bytes (r ‖ s ‖ v), got ${bytes?.length}`);
  }
  const r = bytesToBigInt(bytes.subarray(0, 32));
  const s = bytesToBigInt(bytes.subarray(32, 64));
  const v = bytes[64];
  const yParity = v === 27 || v === 0 ? 0 : v === 28 || v === 1 ? 1 : undefined;
  if (yParity === undefined) throw new SignatureError(`signature v must be 27 or 28, got ${v}`);
  if (r === 0n || r >= N || s === 0n || s >= N) throw new SignatureError('signature r or s is out of range');
  if (s > HALF_N) throw new SignatureError('signature has a high s value (malleable form); refusing it');
  return { r, s, yParity };
}

/** Sign a 32-byte digest; returns 0x r ‖ s ‖ v (65 bytes, v 27/28, low s, RFC 6979 deterministic k). */
export function signDigest(digest: Uint8Array | string, privateKey: Uint8Array): Hex {
  const d = digestBytes(digest);
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) {
    throw new SignatureError('private key must be 32 bytes');
  }
  const rec = secp256k1.sign(d, privateKey, { prehash: false, lowS: true, format: 'recovered' });
  const recovery = rec[0];
  // Recovery ids 2 and 3 need r >= n, which is astronomically unlikely and unusable in Ethereum.
  if (recovery > 1) throw new SignatureError('signature recovery id out of range; retry');
  return bytesToHex(concatBytes(rec.subarray(1, 65), new Uint8Array([27 + recovery])));
}

/** Ethereum address of a secp256k1 public key (33-byte compressed or 65-byte uncompressed). */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  let uncompressed: Uint8Array;
  try {
    uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
  } catch {
    throw new SignatureError('not a valid secp256k1 public key');
  }
  return toChecksumAddress(bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
}

export function privateKeyToAddress(privateKey: Uint8Array): Address {
  try {
    return publicKeyToAddress(secp256k1.getPublicKey(privateKey, false));
  } catch (e) {
    if (e instanceof SignatureError) throw e;
    throw new SignatureError('not a valid secp256k1 private key');
  }
}

/** Address whose key produced `signature` over `digest`. Throws SignatureError for malformed input. */
export function recoverAddress(digest: Uint8Array | string, signature: string | Uint8Array): Address {
  const d = digestBytes(digest);
  const { r, s, yParity } = parseSignature(signature);
  const sig = new secp256k1.Signature(r, s, yParity);
  let point;
  try {
    point = sig.recoverPublicKey(d);
  } catch {
    throw new SignatureError('no public key can be recovered from this signature');
  }
  return publicKeyToAddress(point.toBytes(false));
}

/** EIP-712 sign: hash the typed data, sign the digest. */
export function signTypedData(typedData: TypedData, privateKey: Uint8Array): Hex {
  return signDigest(hashTypedData(typedData), privateKey);
}

export function recoverTypedDataAddress(typedData: TypedData, signature: string | Uint8Array): Address {
  return recoverAddress(hashTypedData(typedData), signature);
}

/** True iff `signature` is a valid signature of `typedData` by `address`; never throws. */
export function verifyTypedData(typedData: TypedData, signature: string | Uint8Array, address: string): boolean {
  try {
    return recoverTypedDataAddress(typedData, signature).toLowerCase() === address.toLowerCase();
  } catch {
    return false;
  }
}
