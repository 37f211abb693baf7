import { HDKey } from '@scure/bip32';
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import {
  InvalidMnemonicError,
  checkMnemonic,
  generateMnemonic,
  mnemonicToSeed,
  normalizeMnemonic,
  validateMnemonic,
} from './mnemonic';
import bip39 from './vectors/bip39.json';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe('BIP-39 Trezor vectors (passphrase "TREZOR")', () => {
  it.each(bip39.english)('%s', async (entropy, mnemonic, seed, xprv) => {
    expect(entropyToMnemonic(hexToBytes(entropy), wordlist)).toBe(mnemonic);
    expect(validateMnemonic(mnemonic)).toBeNull();
    const derived = await mnemonicToSeed(mnemonic, bip39.passphrase);
    expect(bytesToHex(derived)).toBe(seed);
    expect(HDKey.fromMasterSeed(derived).privateExtendedKey).toBe(xprv);
  });
});

describe('generateMnemonic', () => {
  it('makes 12 valid words by default and 24 for 256 bits', () => {
    const twelve = generateMnemonic();
    expect(twelve.split(' ')).toHaveLength(12);
    expect(validateMnemonic(twelve)).toBeNull();
    const twentyFour = generateMnemonic(256);
    expect(twentyFour.split(' ')).toHaveLength(24);
    expect(validateMnemonic(twentyFour)).toBeNull();
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 20 }, () => generateMnemonic()));
    expect(seen.size).toBe(20);
  });

  it('refuses other strengths', () => {
    expect(() => generateMnemonic(160 as 128)).toThrow(/128.*256/);
  });
});

describe('normalizeMnemonic / checkMnemonic', () => {
  it('accepts capitals, extra spaces, tabs, newlines and ideographic spaces', () => {
    const messy = `  Abandon\tabandon  ABANDON\nabandon abandon\u3000abandon abandon abandon abandon abandon abandon About \n`;
    expect(normalizeMnemonic(messy)).toBe(ABOUT);
    expect(checkMnemonic(messy)).toEqual({ ok: true, phrase: ABOUT });
    expect(validateMnemonic(messy)).toBeNull();
  });

  it('gives the same seed for a messy and a clean phrase', async () => {
    const messy = ABOUT.toUpperCase().replace(/ /g, '   ');
    expect(bytesToHex(await mnemonicToSeed(messy))).toBe(bytesToHex(await mnemonicToSeed(ABOUT)));
  });

  it('reports an empty phrase', () => {
    expect(checkMnemonic('   \n ')).toMatchObject({ ok: false, problem: 'empty' });
    expect(validateMnemonic('')).toBe('Enter your recovery phrase.');
  });

  it('reports the wrong word count with the count', () => {
    const eleven = ABOUT.split(' ').slice(0, 11).join(' ');
    const check = checkMnemonic(eleven);
    expect(check).toMatchObject({ ok: false, problem: 'word-count' });
    expect(validateMnemonic(eleven)).toBe('A recovery phrase has 12, 15, 18, 21 or 24 words; this one has 11.');
    expect(checkMnemonic(`${ABOUT} abandon`)).toMatchObject({ ok: false, problem: 'word-count' });
  });

  it('names an unknown word and its position', () => {
    const typo = ABOUT.replace(/^((?:abandon ){4})abandon/, '$1abandn');
    const check = checkMnemonic(typo);
    expect(check).toMatchObject({ ok: false, problem: 'unknown-word', position: 5, word: 'abandn' });
    expect(validateMnemonic(typo)).toBe('Word 5 ("abandn") is not in the BIP-39 English word list.');
  });

  it('reports a bad checksum', () => {
    const bad = ABOUT.replace(/about$/, 'abandon');
    expect(checkMnemonic(bad)).toMatchObject({ ok: false, problem: 'checksum' });
    expect(validateMnemonic(bad)).toMatch(/checksum does not match/);
    // Cross-check that the library agrees the checksum is what fails.
    expect(() => mnemonicToEntropy(bad, wordlist)).toThrow(/checksum/i);
  });

  it('accepts every BIP-39 length on import (15, 18, 21 words)', () => {
    for (const bytes of [20, 24, 28]) {
      const phrase = entropyToMnemonic(new Uint8Array(bytes).fill(7), wordlist);
      expect(validateMnemonic(phrase)).toBeNull();
    }
  });

  it('never throws, whatever it is given', () => {
    for (const input of [undefined, null, 42, {}, '\u0000', 'é'.repeat(10_000)]) {
      expect(() => checkMnemonic(input as string)).not.toThrow();
      expect(typeof validateMnemonic(input as string)).toBe('string');
    }
  });
});

describe('mnemonicToSeed', () => {
  it('refuses an invalid phrase with the same message validateMnemonic gives', async () => {
    const bad = ABOUT.replace(/about$/, 'abandon');
    await expect(mnemonicToSeed(bad)).rejects.toBeInstanceOf(InvalidMnemonicError);
    await expect(mnemonicToSeed(bad)).rejects.toThrow(validateMnemonic(bad)!);
  });

  it('uses the empty passphrase by default and the passphrase changes the seed', async () => {
    const plain = await mnemonicToSeed(ABOUT);
    expect(plain).toHaveLength(64);
    expect(bytesToHex(plain)).not.toBe(bytesToHex(await mnemonicToSeed(ABOUT, 'TREZOR')));
    // ethers is an independent BIP-39 implementation, used here only as an oracle.
    const { Mnemonic } = await import('ethers');
    expect(bytesToHex(plain)).toBe(Mnemonic.fromPhrase(ABOUT).computeSeed().slice(2));
  });
});
