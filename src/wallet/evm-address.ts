// Ethereum addresses: keccak256 of the 64-byte uncompressed public key (without the 0x04 tag),
// last 20 bytes, shown with the EIP-55 mixed-case checksum so a mistyped address is caught.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from './bytes';

/**
 * EIP-55 checksum form of a 20-byte address given as hex (with or without 0x, any case).
 * Does not check an existing checksum: it computes one. Throws on anything that is not 40 hex digits.
 */
export function toChecksumAddress(address: string): string {
  if (typeof address !== 'string') throw new TypeError('EVM address must be a string.');
  const lower = address.replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(lower)) {
    throw new Error(`Not an EVM address (expected 40 hex digits): "${address}".`);
  }
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out;
}

/** Accepts a 33-byte compressed or 65-byte uncompressed secp256k1 public key. */
export function evmAddressFromPublicKey(publicKey: Uint8Array): string {
  const uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
  return toChecksumAddress(bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
}

/**
 * True for 40 hex digits with 0x that are all-lowercase, all-uppercase (no checksum claimed),
 * or mixed-case with a correct EIP-55 checksum.
 */
export function isValidEvmAddress(address: string): boolean {
  if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const body = address.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}
