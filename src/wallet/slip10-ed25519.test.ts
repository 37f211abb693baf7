import { ed25519 } from '@noble/curves/ed25519.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes } from './bytes';
import { DerivationPathError, HARDENED_OFFSET, deriveSlip10Ed25519, parseHardenedPath } from './slip10-ed25519';
import slip10 from './vectors/slip10-ed25519.json';

// SLIP-0010 prints ed25519 public keys as 0x00 || key (33 bytes, to fit BIP-32 serialisation).
const prefixed = (publicKey: Uint8Array) => '00' + bytesToHex(publicKey);

// A child's fingerprint is the first 4 bytes of HASH160 of its parent's (prefixed) public key.
const fingerprintOf = (parentPublicKey: Uint8Array) =>
  bytesToHex(ripemd160(sha256(concatBytes(new Uint8Array([0]), parentPublicKey))).slice(0, 4));

describe('SLIP-0010 ed25519 official test vectors', () => {
  slip10.vectors.forEach((vector, n) => {
    describe(`vector ${n + 1}`, () => {
      const seed = hexToBytes(vector.seed);
      it.each(vector.chains)('$path', (chain) => {
        const key = deriveSlip10Ed25519(seed, chain.path);
        expect(bytesToHex(key.chainCode)).toBe(chain.chainCode);
        expect(bytesToHex(key.privateKey)).toBe(chain.private);
        expect(prefixed(key.publicKey)).toBe(chain.public);
        expect(bytesToHex(ed25519.getPublicKey(key.privateKey))).toBe(chain.public.slice(2));
      });

      it('fingerprints chain each key to its parent', () => {
        for (let i = 1; i < vector.chains.length; i++) {
          const parent = deriveSlip10Ed25519(seed, vector.chains[i - 1].path);
          expect(fingerprintOf(parent.publicKey)).toBe(vector.chains[i].fingerprint);
        }
      });
    });
  });
});

describe('parseHardenedPath', () => {
  it('parses hardened paths with either marker', () => {
    expect(parseHardenedPath('m')).toEqual([]);
    expect(parseHardenedPath("m/44'/397'/0'")).toEqual([44, 397, 0].map((i) => i + HARDENED_OFFSET));
    expect(parseHardenedPath('m/44h/397H/0h')).toEqual(parseHardenedPath("m/44'/397'/0'"));
    expect(parseHardenedPath("m/2147483647'")).toEqual([0xffff_ffff]);
  });

  it('rejects a non-hardened segment, naming it and the fix', () => {
    expect(() => parseHardenedPath("m/44'/397'/0")).toThrow(DerivationPathError);
    expect(() => parseHardenedPath("m/44'/397'/0")).toThrow(
      `SLIP-0010 ed25519 supports only hardened derivation: segment 3 of "m/44'/397'/0" is "0"; write "0'".`,
    );
    expect(() => deriveSlip10Ed25519(new Uint8Array(64), "m/44'/60'/0'/0/0")).toThrow(/segment 4 .* write "0'"/);
  });

  it.each([
    ['', /start with "m"/],
    ["44'/0'", /start with "m"/],
    ["M/0'", /start with "m"/],
    ['m/', /Segment 1/],
    ["m//0'", /Segment 1/],
    ["m/0'/", /Segment 2/],
    ["m/01'", /Segment 1/],
    ["m/ 0'", /Segment 1/],
    ["m/-1'", /Segment 1/],
    ["m/0''", /Segment 1/],
    ["m/1.5'", /Segment 1/],
    ["m/2147483648'", /below 2\^31/],
    ["m/99999999999999999999'", /below 2\^31/],
  ])('rejects %j', (path, message) => {
    expect(() => parseHardenedPath(path)).toThrow(message);
  });
});

describe('deriveSlip10Ed25519 seed checks', () => {
  it('accepts 16 to 64 byte seeds only', () => {
    expect(() => deriveSlip10Ed25519(new Uint8Array(15), 'm')).toThrow(RangeError);
    expect(() => deriveSlip10Ed25519(new Uint8Array(65), 'm')).toThrow(RangeError);
    expect(() => deriveSlip10Ed25519(new Uint8Array(16), 'm')).not.toThrow();
    expect(() => deriveSlip10Ed25519(new Uint8Array(64), 'm')).not.toThrow();
  });

  it('does not modify the seed it is given', () => {
    const seed = hexToBytes(slip10.vectors[0].seed);
    deriveSlip10Ed25519(seed, "m/0'/1'");
    expect(bytesToHex(seed)).toBe(slip10.vectors[0].seed);
  });
});
