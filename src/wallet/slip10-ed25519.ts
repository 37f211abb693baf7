// SLIP-0010 key derivation for ed25519 (https://github.com/satoshilabs/slips/blob/master/slip-0010.md).
//
// BIP-32 only defines secp256k1. SLIP-0010 reuses its HMAC-SHA512 tree for ed25519 with a different
// master-key salt, and because an ed25519 secret is hashed before use (it is not a scalar), only
// hardened private->private derivation exists. That is why a non-hardened segment is an error here
// rather than something to quietly "fix".
import { ed25519 } from '@noble/curves/ed25519.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes, wipeBytes } from './bytes';

export const HARDENED_OFFSET = 0x8000_0000;

const MASTER_SALT = utf8ToBytes('ed25519 seed');

export interface Slip10Ed25519Key {
  /** 32-byte ed25519 secret (the "seed" in RFC 8032 terms). */
  privateKey: Uint8Array;
  chainCode: Uint8Array;
  /** 32-byte raw public key (SLIP-0010's test vectors print it with a 0x00 prefix; we do not). */
  publicKey: Uint8Array;
}

export class DerivationPathError extends Error {
  override name = 'DerivationPathError';
}

/**
 * Parses "m/44'/397'/0'" into child indices with the hardened bit set.
 * Accepts ' or h/H as the hardened marker. Rejects anything ambiguous (leading zeros, spaces,
 * empty segments), because a path that parses two ways could derive a key the user never saw.
 */
export function parseHardenedPath(path: string): number[] {
  if (typeof path !== 'string') throw new DerivationPathError('Derivation path must be a string.');
  const segments = path.split('/');
  if (segments[0] !== 'm') {
    throw new DerivationPathError(`Derivation path must start with "m", got "${path}".`);
  }
  return segments.slice(1).map((segment, i) => {
    const position = i + 1;
    const match = /^(0|[1-9]\d*)(['hH])?$/.exec(segment);
    if (!match) {
      throw new DerivationPathError(`Segment ${position} of "${path}" ("${segment}") is not an index like 44'.`);
    }
    const index = Number(match[1]);
    if (index >= HARDENED_OFFSET) {
      throw new DerivationPathError(`Segment ${position} of "${path}" is too large: indices must be below 2^31.`);
    }
    if (!match[2]) {
      throw new DerivationPathError(
        `SLIP-0010 ed25519 supports only hardened derivation: segment ${position} of "${path}" is "${segment}"; write "${segment}'".`,
      );
    }
    return index + HARDENED_OFFSET;
  });
}

export interface ExtendedSecret {
  key: Uint8Array;
  chainCode: Uint8Array;
}

function split(i: Uint8Array): ExtendedSecret {
  return { key: i.slice(0, 32), chainCode: i.slice(32, 64) };
}

function masterKey(seed: Uint8Array): ExtendedSecret {
  if (!(seed instanceof Uint8Array) || seed.length < 16 || seed.length > 64) {
    throw new RangeError('SLIP-0010 seed must be 16 to 64 bytes.');
  }
  const i = hmac(sha512, MASTER_SALT, seed);
  const out = split(i);
  wipeBytes(i);
  return out;
}

export function hardenedChild(parent: ExtendedSecret, index: number): ExtendedSecret {
  const data = new Uint8Array(37); // 0x00 || ser256(k_par) || ser32(i)
  data.set(parent.key, 1);
  new DataView(data.buffer).setUint32(33, index, false);
  const i = hmac(sha512, parent.chainCode, data);
  const out = split(i);
  wipeBytes(i, data);
  return out;
}

export function deriveSlip10Ed25519(seed: Uint8Array, path: string): Slip10Ed25519Key {
  const indices = parseHardenedPath(path);
  let node = masterKey(seed);
  for (const index of indices) {
    const next = hardenedChild(node, index);
    wipeBytes(node.key, node.chainCode);
    node = next;
  }
  return { privateKey: node.key, chainCode: node.chainCode, publicKey: ed25519.getPublicKey(node.key) };
}
