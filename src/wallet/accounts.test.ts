import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HDNodeWallet, getAddress } from 'ethers';
import { parseSeedPhrase } from 'near-seed-phrase';
import { describe, expect, it } from 'vitest';
import {
  EVM_PATH,
  IDENTITY_PATH,
  NEAR_PATH,
  deriveAccounts,
  nearPublicKeyString,
  toChecksumAddress,
  wipeAccountKeys,
  type DerivedAccounts,
} from './accounts';
import { base58ToBytes, bytesToBase58, bytesToHex, concatBytes, hexToBytes } from './bytes';
import { didKeyToEd25519PublicKey, ed25519PublicKeyToDidKey, ed25519PublicKeyToMultibase } from './did-key';
import { evmAddressFromPublicKey, isValidEvmAddress } from './evm-address';
import { mnemonicToSeed } from './mnemonic';
import didKeyVectors from './vectors/did-key-ed25519.json';

const TEST_JUNK = 'test test test test test test test test test test test junk';
const ANVIL_ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const PHRASES = [
  TEST_JUNK,
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title',
  'scheme spot photo card baby mountain device kick cradle pact join borrow',
];

async function accountsOf(phrase: string): Promise<DerivedAccounts> {
  return deriveAccounts(await mnemonicToSeed(phrase));
}

describe('EVM account (BIP-44 m/44\'/60\'/0\'/0/0)', () => {
  it('derives anvil/hardhat account 0 from the "test ... junk" mnemonic', async () => {
    const { public: pub } = await accountsOf(TEST_JUNK);
    expect(pub.evm).toEqual({ address: ANVIL_ACCOUNT_0, path: EVM_PATH });
  });

  it.each(PHRASES)('matches ethers for "%s"', async (phrase) => {
    const { public: pub, keys } = await accountsOf(phrase);
    const oracle = HDNodeWallet.fromPhrase(phrase, '', EVM_PATH);
    expect(pub.evm.address).toBe(oracle.address);
    expect('0x' + bytesToHex(keys.evm.privateKey)).toBe(oracle.privateKey);
    expect('0x' + bytesToHex(keys.evm.publicKey)).toBe(oracle.publicKey);
  });

  it('computes the address from the key, compressed or not', async () => {
    const { keys, public: pub } = await accountsOf(TEST_JUNK);
    expect(evmAddressFromPublicKey(keys.evm.publicKey)).toBe(pub.evm.address);
    expect(evmAddressFromPublicKey(secp256k1.getPublicKey(keys.evm.privateKey, false))).toBe(pub.evm.address);
  });
});

describe('EIP-55 toChecksumAddress', () => {
  // The vectors from the EIP text: all caps, all lower, and mixed.
  const vectors = [
    '0x52908400098527886E0F7030069857D2E4169EE7',
    '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
    '0xde709f2102306220921060314715629080e2fb77',
    '0x27b1fdb04752bbc536007a920d24acb045561c26',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];

  it.each(vectors)('%s', (address) => {
    expect(toChecksumAddress(address.toLowerCase())).toBe(address);
    expect(toChecksumAddress(address.slice(2).toUpperCase())).toBe(address);
    expect(toChecksumAddress(address)).toBe(getAddress(address.toLowerCase()));
    expect(isValidEvmAddress(address)).toBe(true);
  });

  it('rejects things that are not 20-byte hex addresses', () => {
    for (const bad of ['', '0x', '0x1234', `0x${'g'.repeat(40)}`, `0x${'a'.repeat(41)}`, ` ${ANVIL_ACCOUNT_0}`]) {
      expect(() => toChecksumAddress(bad)).toThrow(/Not an EVM address/);
    }
  });

  it('isValidEvmAddress catches a wrong checksum', () => {
    const flipped = ANVIL_ACCOUNT_0.replace('F', 'f');
    expect(isValidEvmAddress(flipped)).toBe(false);
    expect(isValidEvmAddress(ANVIL_ACCOUNT_0.toLowerCase())).toBe(true);
    expect(isValidEvmAddress(ANVIL_ACCOUNT_0.slice(2))).toBe(false);
  });
});

describe("NEAR implicit account (SLIP-0010 m/44'/397'/0')", () => {
  it.each(PHRASES)('matches near-seed-phrase for "%s"', async (phrase) => {
    const { public: pub, keys } = await accountsOf(phrase);
    const oracle = parseSeedPhrase(phrase);
    expect(pub.near.path).toBe(NEAR_PATH);
    expect(pub.near.publicKey).toBe(oracle.publicKey);
    // near-seed-phrase's secret key string is ed25519:<base58(secret32 || public32)>.
    expect('ed25519:' + bytesToBase58(concatBytes(keys.near.privateKey, keys.near.publicKey))).toBe(oracle.secretKey);
    expect(pub.near.accountId).toBe(bytesToHex(base58ToBytes(oracle.publicKey.slice('ed25519:'.length))));
    expect(pub.near.accountId).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('did:key for Ed25519 (w3c-ccg did-method-key test vectors)', () => {
  it.each(didKeyVectors.vectors)('$did', ({ did, seed, publicKeyBase58 }) => {
    const publicKey = ed25519.getPublicKey(hexToBytes(seed));
    expect(bytesToBase58(publicKey)).toBe(publicKeyBase58);
    expect(ed25519PublicKeyToDidKey(publicKey)).toBe(did);
    expect(ed25519PublicKeyToMultibase(publicKey)).toBe(did.slice('did:key:'.length));
    expect(bytesToHex(didKeyToEd25519PublicKey(did))).toBe(bytesToHex(publicKey));
  });

  it('rejects malformed or non-Ed25519 did:keys', () => {
    const good = didKeyVectors.vectors[0].did;
    expect(() => didKeyToEd25519PublicKey('did:web:example.com')).toThrow(/did:key:z/);
    expect(() => didKeyToEd25519PublicKey(good.replace('z6Mk', 'z0Ol'))).toThrow(/base58btc/);
    // secp256k1 did:key (multicodec 0xe7) from the same spec's test vectors
    expect(() => didKeyToEd25519PublicKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(
      /not an Ed25519 key/,
    );
    const short = 'did:key:z' + bytesToBase58(concatBytes(new Uint8Array([0xed, 0x01]), new Uint8Array(31).fill(9)));
    expect(() => didKeyToEd25519PublicKey(short)).toThrow(/must be 32 bytes, got 31/);
    expect(() => ed25519PublicKeyToDidKey(new Uint8Array(33))).toThrow(RangeError);
  });
});

describe(`identity key (SLIP-0010 ${IDENTITY_PATH})`, () => {
  it.each(PHRASES)('is an independent SLIP-0010 derivation for "%s"', async (phrase) => {
    const { public: pub, keys } = await accountsOf(phrase);
    expect(pub.identity.path).toBe(IDENTITY_PATH);
    // near-seed-phrase wraps an independent SLIP-0010 ed25519 implementation (near-hd-key) that takes any path.
    expect(nearPublicKeyString(keys.identity.publicKey)).toBe(parseSeedPhrase(phrase, IDENTITY_PATH).publicKey);
    expect(pub.identity.did).toBe(ed25519PublicKeyToDidKey(keys.identity.publicKey));
    expect(pub.identity.did.startsWith('did:key:z6Mk')).toBe(true);
    expect(pub.identity.publicKeyHex).toBe(bytesToHex(keys.identity.publicKey));
    expect(pub.identity.publicKeyMultibase).toBe(pub.identity.did.slice('did:key:'.length));
  });

  it('is a different key from every chain key', async () => {
    const { keys } = await accountsOf(TEST_JUNK);
    const secrets = [keys.identity.privateKey, keys.evm.privateKey, keys.near.privateKey].map(bytesToHex);
    expect(new Set(secrets).size).toBe(3);
  });

  it('signs and verifies', async () => {
    const { keys, public: pub } = await accountsOf(TEST_JUNK);
    const message = new TextEncoder().encode('hello');
    const signature = ed25519.sign(message, keys.identity.privateKey);
    expect(ed25519.verify(signature, message, didKeyToEd25519PublicKey(pub.identity.did))).toBe(true);
  });
});

describe('deriveAccounts shape', () => {
  it('keeps private bytes out of the public part', async () => {
    const accounts = await accountsOf(TEST_JUNK);
    const json = JSON.stringify(accounts.public);
    // Plain strings only: survives JSON and structured clone to the popup unchanged.
    expect(JSON.parse(json)).toEqual(accounts.public);
    for (const secret of [accounts.keys.identity.privateKey, accounts.keys.evm.privateKey, accounts.keys.near.privateKey]) {
      expect(json).not.toContain(bytesToHex(secret));
      expect(json).not.toContain(bytesToBase58(secret));
    }
    expect(Object.keys(accounts.public).sort()).toEqual(['evm', 'identity', 'near']);
  });

  it('is deterministic and depends on the passphrase', async () => {
    const a = await accountsOf(TEST_JUNK);
    const b = await accountsOf(TEST_JUNK);
    expect(b.public).toEqual(a.public);
    const withPassphrase = deriveAccounts(await mnemonicToSeed(TEST_JUNK, 'extra words'));
    expect(withPassphrase.public.evm.address).not.toBe(a.public.evm.address);
    expect(withPassphrase.public.identity.did).not.toBe(a.public.identity.did);
  });

  it('rejects seeds of the wrong size', () => {
    expect(() => deriveAccounts(new Uint8Array(8))).toThrow(RangeError);
    expect(() => deriveAccounts(new Uint8Array(65))).toThrow(RangeError);
  });

  it('wipeAccountKeys zeroes every private key', async () => {
    const { keys } = await accountsOf(TEST_JUNK);
    wipeAccountKeys(keys);
    for (const secret of [keys.identity.privateKey, keys.evm.privateKey, keys.near.privateKey]) {
      expect(secret.every((b) => b === 0)).toBe(true);
    }
  });
});
