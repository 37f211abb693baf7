// Fuzzing what the wallet reads from people and from storage: recovery phrases as typed or pasted, and
// stored vault records (anyone who can write extension storage can edit one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMnemonic, generateMnemonic, VALID_WORD_COUNTS } from '../wallet/mnemonic';
import { MIN_PBKDF2_ITERATIONS, parseVaultRecord, VaultFormatError } from '../wallet/vault-crypto';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { FUZZ_TIMEOUT_MS, hostileJson, mutatedDocument, runs, SECONDARY_RUNS, timed } from './fuzz-kit';

describe('checkMnemonic under fuzzing', () => {
  const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...wordlist) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
  const separator = fc.constantFrom(' ', '  ', '\n', '\t', '\u3000', '\u00a0', ' \r\n ');
  const phrase = fc.oneof(
    fc.array(fc.tuple(word, separator), { maxLength: 30 }).map((ws) => ws.map(([w, s]) => w + s).join('')),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('', ' ', 'abandon '.repeat(11) + 'about', 'ABANDON '.repeat(11) + 'ABOUT', 'x'.repeat(100_000), 'abandon '.repeat(50_000), '\u0000', '\ud800'),
    hostileJson,
  );

  it('never throws, is fast, and explains every refusal', () => {
    fc.assert(
      fc.property(phrase, (p) => {
        const r = timed(() => checkMnemonic(p as string), 'checkMnemonic');
        if (r.ok) {
          expect(VALID_WORD_COUNTS).toContain(r.phrase.split(' ').length);
          expect(checkMnemonic(r.phrase)).toEqual(r);
        } else {
          expect(r.error.trim().length).toBeGreaterThan(0);
          expect(['empty', 'word-count', 'unknown-word', 'checksum']).toContain(r.problem);
          if (r.problem === 'unknown-word') expect(r.position).toBeGreaterThan(0);
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('accepts every generated phrase however it is spaced and capitalised', () => {
    fc.assert(
      fc.property(fc.constantFrom(128 as const, 256 as const), fc.array(separator, { minLength: 24, maxLength: 24 }), fc.boolean(), (strength, seps, upper) => {
        const canonical = generateMnemonic(strength);
        const typed = canonical.split(' ').map((w, i) => (upper && i % 2 ? w.toUpperCase() : w) + seps[i]).join('');
        expect(checkMnemonic(`  ${typed}`)).toEqual({ ok: true, phrase: canonical });
      }),
      runs(SECONDARY_RUNS),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('parseVaultRecord under fuzzing', () => {
  const b64 = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('base64'));
  const validRecord = fc.record({
    version: fc.constant(1 as const),
    kdf: fc.record({ name: fc.constant('PBKDF2' as const), hash: fc.constant('SHA-256' as const), iterations: fc.integer({ min: MIN_PBKDF2_ITERATIONS, max: 10_000_000 }), salt: b64(16) }),
    cipher: fc.record({ name: fc.constant('AES-GCM' as const), iv: b64(12) }),
    ciphertext: fc.integer({ min: 16, max: 400 }).chain((n) => b64(n)),
  });
  const SEED = [JSON.stringify({ version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' }, cipher: { name: 'AES-GCM', iv: 'AAAAAAAAAAAAAAAA' }, ciphertext: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })];

  it('throws only VaultFormatError, with a message, on any stored value', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: mutatedDocument(SEED) }, { weight: 1, arbitrary: hostileJson }, { weight: 1, arbitrary: fc.constantFrom(undefined, Object.create(null), new Uint8Array(4), [], 'vault') }), (value) => {
        try {
          const record = timed(() => parseVaultRecord(value), 'parseVaultRecord');
          expect(record.kdf.iterations).toBeGreaterThanOrEqual(MIN_PBKDF2_ITERATIONS);
        } catch (e) {
          if (!(e instanceof VaultFormatError)) throw e;
          expect(e.message.trim().length).toBeGreaterThan(0);
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads every well-formed record back unchanged', () => {
    fc.assert(
      fc.property(validRecord, (record) => {
        expect(parseVaultRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
      }),
      runs(SECONDARY_RUNS),
    );
  }, FUZZ_TIMEOUT_MS);
});
