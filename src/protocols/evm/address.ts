// EIP-55 mixed-case checksum addresses.
// https://eips.ethereum.org/EIPS/eip-55: hex digit i is upper-cased when nibble i of
// keccak256(lower-case hex without 0x) is >= 8.

import { keccak_256 } from '@noble/hashes/sha3.js';
import { hexToBytes, quote, type Hex } from './bytes';

/** A 20-byte address, `0x` + 40 hex digits. Values of this type from this module are checksummed. */
export type Address = Hex;

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000' as Address;

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export class AddressError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'AddressError';
  }
}

/** EIP-55 form of a 40-hex-digit address, ignoring its current case. Throws on anything else. */
export function toChecksumAddress(address: string): Address {
  if (typeof address !== 'string' || !ADDRESS_RE.test(address)) {
    throw new AddressError(`not an address (0x + 40 hex digits): ${quote(address)}`);
  }
  const lower = address.slice(2).toLowerCase();
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 15;
    out += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out as Address;
}

/**
 * Validate an untrusted address and return it checksummed. All-lower and all-upper hex are accepted
 * (they carry no checksum); mixed case must be a correct EIP-55 checksum, else it is probably a typo.
 */
export function parseAddress(value: unknown, what = 'address'): Address {
  if (typeof value !== 'string') throw new AddressError(`${what} must be a string, got ${typeof value}`);
  if (!ADDRESS_RE.test(value)) throw new AddressError(`${what} is not an address (0x + 40 hex digits): ${quote(value)}`);
  const checksummed = toChecksumAddress(value);
  const body = value.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && value !== checksummed) throw new AddressError(`${what} has a bad EIP-55 checksum: ${value}`);
  return checksummed;
}

/** True for a well-formed address whose checksum (if mixed case) is right. */
export function isAddress(value: unknown): value is Address {
  try {
    parseAddress(value);
    return true;
  } catch {
    return false;
  }
}

/** Case-insensitive equality of two well-formed addresses (false if either is malformed). */
export function isSameAddress(a: string, b: string): boolean {
  return ADDRESS_RE.test(a) && ADDRESS_RE.test(b) && a.toLowerCase() === b.toLowerCase();
}

export function addressToBytes(address: string): Uint8Array {
  return hexToBytes(parseAddress(address), 'address', 20);
}
