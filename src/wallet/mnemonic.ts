// BIP-39 recovery phrases (English word list only).
//
// @scure/bip39 does the encoding; this module adds what a wallet UI needs on top of it:
// forgiving normalisation of what people paste (extra spaces, line breaks, capitals) and
// an error that says which word is wrong instead of a bare `false`.
import {
  generateMnemonic as scureGenerateMnemonic,
  mnemonicToEntropy,
  mnemonicToSeedWebcrypto,
} from '@scure/bip39';
import { wordlist as englishWordlist } from '@scure/bip39/wordlists/english.js';

export type MnemonicStrength = 128 | 256;

/** Every length BIP-39 defines. We generate only 12 or 24 words but accept all of these on import. */
export const VALID_WORD_COUNTS: readonly number[] = [12, 15, 18, 21, 24];

export type MnemonicProblem = 'empty' | 'word-count' | 'unknown-word' | 'checksum';

export type MnemonicCheck =
  | { ok: true; phrase: string }
  | { ok: false; problem: MnemonicProblem; error: string; position?: number; word?: string };

/** Longer text cannot be a phrase of at most 24 words (8 letters at most each), however it is spaced. */
const MAX_PHRASE_CHARS = 4096;

export class InvalidMnemonicError extends Error {
  override name = 'InvalidMnemonicError';
  constructor(
    message: string,
    readonly problem: MnemonicProblem,
  ) {
    super(message);
  }
}

const englishIndex = new Map(englishWordlist.map((word, i) => [word, i]));

export function generateMnemonic(strength: MnemonicStrength = 128): string {
  if (strength !== 128 && strength !== 256) {
    throw new RangeError(`Mnemonic strength must be 128 (12 words) or 256 (24 words), got ${String(strength)}`);
  }
  return scureGenerateMnemonic(englishWordlist, strength);
}

/**
 * Canonical form of a typed or pasted phrase: NFKD (what BIP-39 hashes), lowercase,
 * words separated by single ASCII spaces. Any Unicode whitespace counts as a separator,
 * so phrases copied from PDFs, chats or Japanese IMEs (U+3000) still parse.
 */
export function normalizeMnemonic(phrase: string): string {
  return phrase.normalize('NFKD').toLowerCase().trim().split(/\s+/u).filter(Boolean).join(' ');
}

/**
 * Never throws. On success gives the normalised phrase; on failure, which problem, a message
 * written to be shown to the user as it is, and for an unknown word its 1-based position.
 */
export function checkMnemonic(phrase: string): MnemonicCheck {
  if (typeof phrase !== 'string') {
    return { ok: false, problem: 'empty', error: 'Enter your recovery phrase.' };
  }
  // 24 of the longest words with generous spacing fit in far less; normalising a huge paste took ~0.5 s.
  if (phrase.length > MAX_PHRASE_CHARS) {
    return {
      ok: false,
      problem: 'word-count',
      error: `A recovery phrase has 12, 15, 18, 21 or 24 words; this text is far longer (${phrase.length} characters).`,
    };
  }
  const normalized = normalizeMnemonic(phrase);
  if (normalized === '') {
    return { ok: false, problem: 'empty', error: 'Enter your recovery phrase.' };
  }
  const words = normalized.split(' ');
  if (!VALID_WORD_COUNTS.includes(words.length)) {
    return {
      ok: false,
      problem: 'word-count',
      error: `A recovery phrase has 12, 15, 18, 21 or 24 words; this one has ${words.length}.`,
    };
  }
  const unknownAt = words.findIndex((word) => !englishIndex.has(word));
  if (unknownAt !== -1) {
    const word = words[unknownAt];
    return {
      ok: false,
      problem: 'unknown-word',
      position: unknownAt + 1,
      word,
      error: `Word ${unknownAt + 1} ("${word}") is not in the BIP-39 English word list.`,
    };
  }
  try {
    mnemonicToEntropy(normalized, englishWordlist);
  } catch {
    // Word count and membership were checked above, so the checksum is the only thing left to fail.
    return {
      ok: false,
      problem: 'checksum',
      error: 'These words are all valid, but the checksum does not match: a word is probably wrong or out of order.',
    };
  }
  return { ok: true, phrase: normalized };
}

/** null when the phrase is a valid English BIP-39 mnemonic, otherwise a message for the user. */
export function validateMnemonic(phrase: string): string | null {
  const check = checkMnemonic(phrase);
  return check.ok ? null : check.error;
}

/**
 * BIP-39 seed (64 bytes). Unlike @scure/bip39's own helper this refuses phrases that fail
 * validation: BIP-39 would happily hash a typo into a valid-looking but empty wallet, which for
 * a user restoring funds is worse than an error. The passphrase is used exactly as given
 * (apart from BIP-39's NFKD), since trimming it would change the wallet.
 */
export async function mnemonicToSeed(phrase: string, passphrase = ''): Promise<Uint8Array> {
  const check = checkMnemonic(phrase);
  if (!check.ok) throw new InvalidMnemonicError(check.error, check.problem);
  return mnemonicToSeedWebcrypto(check.phrase, passphrase);
}
