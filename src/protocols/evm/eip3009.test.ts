import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { TypedDataEncoder, Wallet, verifyTypedData as ethersVerify } from 'ethers';
import { bytesToHex } from './bytes';
import {
  AuthorizationError,
  buildAuthorizationTypedData,
  buildCancelAuthorizationTypedData,
  createAuthorization,
  hashAuthorization,
  RECEIVE_WITH_AUTHORIZATION_TYPEHASH,
  randomAuthorizationNonce,
  recoverAuthorizationSigner,
  signAuthorization,
  TRANSFER_WITH_AUTHORIZATION_TYPEHASH,
  type AuthorizationKind,
  type TokenDomain,
} from './eip3009';
import { encodeType, hashTypedDataHex, typeHash, type TypedDataField } from './eip712';
import { privateKeyToAddress, recoverAddress, signDigest, signTypedData, verifyTypedData } from './sign';

const usdcBaseSepolia: TokenDomain = {
  name: 'USDC',
  version: '2',
  chainId: 84532,
  verifyingContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
};
const usdcBase: TokenDomain = {
  name: 'USD Coin',
  version: '2',
  chainId: 8453,
  verifyingContract: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
};
// Anvil/Hardhat dev account #0 (public test key).
const devKey = Uint8Array.from(Buffer.from('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', 'hex'));
const devAddress = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

describe('EIP-3009 type hashes', () => {
  it('match the constants in Circle\'s EIP3009.sol', () => {
    for (const [kind, want] of [
      ['TransferWithAuthorization', TRANSFER_WITH_AUTHORIZATION_TYPEHASH],
      ['ReceiveWithAuthorization', RECEIVE_WITH_AUTHORIZATION_TYPEHASH],
    ] as const) {
      const td = buildAuthorizationTypedData(kind, usdcBase, {
        from: devAddress, to: devAddress, value: 1n, validAfter: 0, validBefore: 1, nonce: new Uint8Array(32),
      });
      expect(bytesToHex(typeHash(kind, td.types))).toBe(want);
    }
    const cancel = buildCancelAuthorizationTypedData(usdcBase, devAddress, `0x${'00'.repeat(32)}`);
    expect(encodeType('CancelAuthorization', cancel.types)).toBe('CancelAuthorization(address authorizer,bytes32 nonce)');
    expect(bytesToHex(typeHash('CancelAuthorization', cancel.types))).toBe(
      bytesToHex(keccak_256(new TextEncoder().encode('CancelAuthorization(address authorizer,bytes32 nonce)'))),
    );
  });
});

describe('EIP-3009 against ethers (random authorizations)', () => {
  it('hash, signature bytes and recovery agree for 60 random keys and messages', async () => {
    const next = rng(3009);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => next() & 0xff);
    for (let i = 0; i < 60; i++) {
      const key = bytes(32);
      key[0] = (key[0] % 0xf0) + 1; // keep it well inside the curve order
      const wallet = new Wallet(bytesToHex(key));
      const kind: AuthorizationKind = i % 3 === 0 ? 'ReceiveWithAuthorization' : 'TransferWithAuthorization';
      const domain = i % 2 ? usdcBase : { ...usdcBaseSepolia, chainId: 1 + (next() % 100000) };
      const validAfter = BigInt(next());
      const auth = {
        from: wallet.address,
        to: bytesToHex(bytes(20)),
        value: BigInt(bytesToHex(bytes(1 + (next() % 32)))),
        validAfter,
        validBefore: validAfter + 1n + BigInt(next() % 100000),
        nonce: bytes(32),
      };
      const td = buildAuthorizationTypedData(kind, domain, auth);
      const types = td.types as Record<string, TypedDataField[]>;
      const { message } = td;
      expect(hashTypedDataHex(td)).toBe(TypedDataEncoder.hash(domain, types, message));
      const sig = signAuthorization(kind, domain, auth, key);
      expect(sig).toBe(await wallet.signTypedData(domain, types, message));
      expect(ethersVerify(domain, types, message, sig)).toBe(wallet.address);
      expect(recoverAuthorizationSigner(kind, domain, auth, sig)).toBe(wallet.address);
      expect(verifyTypedData(td, sig, wallet.address.toLowerCase())).toBe(true);
      // Any change to a signed field changes the signer.
      const tampered = { ...auth, value: auth.value + 1n };
      expect(recoverAuthorizationSigner(kind, domain, tampered, sig)).not.toBe(wallet.address);
      const otherKind = kind === 'ReceiveWithAuthorization' ? 'TransferWithAuthorization' : 'ReceiveWithAuthorization';
      expect(recoverAuthorizationSigner(otherKind, domain, auth, sig)).not.toBe(wallet.address);
    }
  });
});

describe('createAuthorization', () => {
  it('follows the x402 client: validAfter = now - 600, validBefore = now + timeout, strings only', () => {
    const nonce = randomAuthorizationNonce();
    const a = createAuthorization({
      from: devAddress.toLowerCase(), to: usdcBase.verifyingContract, value: '10000', now: 1_740_672_154, validForSeconds: 60, nonce,
    });
    expect(a).toEqual({
      from: devAddress, to: usdcBase.verifyingContract, value: '10000',
      validAfter: '1740671554', validBefore: '1740672214', nonce,
    });
    expect(JSON.parse(JSON.stringify(buildAuthorizationTypedData('TransferWithAuthorization', usdcBase, a)))).toBeTruthy();
  });
  it('makes distinct random nonces', () => {
    const seen = new Set(Array.from({ length: 50 }, () => randomAuthorizationNonce()));
    expect(seen.size).toBe(50);
    for (const n of seen) expect(n).toMatch(/^0x[0-9a-f]{64}$/);
  });
  it('rejects bad input with AuthorizationError', () => {
    const ok = { from: devAddress, to: devAddress, value: 1n, validAfter: 0, validBefore: 10, nonce: new Uint8Array(32) };
    const bad = (over: object, re: RegExp, domain: TokenDomain = usdcBase) =>
      expect(() => buildAuthorizationTypedData('TransferWithAuthorization', domain, { ...ok, ...over })).toThrow(re);
    bad({ value: -1n }, /out of range/);
    bad({ value: 1n << 256n }, /out of range/);
    bad({ value: '1.5' }, /non-negative integer/);
    bad({ nonce: '0x1234' }, /32 bytes/);
    bad({ nonce: new Uint8Array(31) }, /32 bytes/);
    bad({ validBefore: 0 }, /later than validAfter/);
    bad({ to: '0xnot' }, /not an address/);
    bad({}, /chainId/, { ...usdcBase, chainId: 0 });
    bad({}, /name must be a non-empty string/, { ...usdcBase, name: '' });
    expect(() => createAuthorization({ from: devAddress, to: devAddress, value: 1n, now: 1.5, validForSeconds: 60 })).toThrow(AuthorizationError);
  });
});

describe('signDigest / recoverAddress', () => {
  it('derives the well-known anvil address and round-trips', () => {
    expect(privateKeyToAddress(devKey)).toBe(devAddress);
    const digest = hashAuthorization('TransferWithAuthorization', usdcBaseSepolia, {
      from: devAddress, to: devAddress, value: 10000n, validAfter: 1, validBefore: 2, nonce: new Uint8Array(32),
    });
    const sig = signDigest(digest, devKey);
    expect(sig).toMatch(/^0x[0-9a-f]{128}(1b|1c)$/);
    expect(recoverAddress(digest, sig)).toBe(devAddress);
    // v given as 0/1 is accepted too.
    const v01 = sig.slice(0, 130) + (sig.endsWith('1b') ? '00' : '01');
    expect(recoverAddress(digest, v01)).toBe(devAddress);
  });
  it('refuses malformed and malleable signatures', () => {
    const digest = new Uint8Array(32).fill(1);
    const sig = signDigest(digest, devKey);
    expect(() => recoverAddress(digest, sig.slice(0, 128))).toThrow(/65 bytes/);
    expect(() => recoverAddress(digest, sig.slice(0, 130) + '1d')).toThrow(/v must be 27 or 28/);
    expect(() => recoverAddress(digest, `0x${'00'.repeat(64)}1b`)).toThrow(/out of range/);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = (n - BigInt(`0x${sig.slice(66, 130)}`)).toString(16).padStart(64, '0');
    expect(() => recoverAddress(digest, sig.slice(0, 66) + highS + '1b')).toThrow(/high s/);
    expect(() => recoverAddress(new Uint8Array(31), sig)).toThrow(/32 bytes/);
    expect(() => signDigest(digest, new Uint8Array(32))).toThrow();
  });
  it('signTypedData equals signing the digest', () => {
    const td = buildAuthorizationTypedData('TransferWithAuthorization', usdcBase, {
      from: devAddress, to: devAddress, value: 5n, validAfter: 0, validBefore: 9, nonce: new Uint8Array(32).fill(9),
    });
    expect(signTypedData(td, devKey)).toBe(signDigest(hashTypedDataHex(td), devKey));
  });
});
