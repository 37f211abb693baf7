import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToHex, bytesToUtf8, utf8ToBytes } from './bytes';
import {
  IV_BYTES,
  MAX_PBKDF2_ITERATIONS,
  MIN_PBKDF2_ITERATIONS,
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  VaultError,
  VaultFormatError,
  WrongPasswordError,
  decryptVault,
  decryptWithKey,
  deriveVaultKey,
  encryptVault,
  encryptWithKey,
  exportKey,
  importKey,
  newVaultKdfParams,
  parseVaultRecord,
  unlockVault,
  type VaultKdfParams,
  type VaultRecord,
} from './vault-crypto';

const PASSWORD = 'correct horse battery staple';
const SECRET = utf8ToBytes('{"version":1,"mnemonic":"test test test test test test test test test test test junk"}');

// Written once by encryptVault(PASSWORD, SECRET). Any change to the record format or the AAD that
// would strand existing users' vaults makes this test fail.
const GOLDEN: VaultRecord = {
  version: 1,
  kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: '5vwE9uAbpcZH7pMhNZL0Zg==' },
  cipher: { name: 'AES-GCM', iv: 'Ya5cWFOyygsFiwlv' },
  ciphertext:
    '5nqvStggEPN/Mcj+BdSqFla1xETMqNLJBctlQxkx5OTltlYDv8Yjpfg/Q+1hp8Xjp5TTvNGDBEdZuZzrMkCk1Sg9lmENrS5BLqyW5Q+2ex6mhVtEgBcmmzn2siCvOuPwiHhL/JTs',
};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Independent decryption with Node's OpenSSL bindings, following the documented format. */
function decryptWithNodeCrypto(password: string, record: VaultRecord): Uint8Array {
  const key = pbkdf2Sync(password, base64ToBytes(record.kdf.salt), record.kdf.iterations, 32, 'sha256');
  const sealed = base64ToBytes(record.ciphertext);
  const decipher = createDecipheriv('aes-256-gcm', key, base64ToBytes(record.cipher.iv));
  const aad = JSON.stringify([
    'emissary-vault',
    record.version,
    record.kdf.name,
    record.kdf.hash,
    record.kdf.iterations,
    record.kdf.salt,
    record.cipher.name,
    record.cipher.iv,
  ]);
  decipher.setAAD(utf8ToBytes(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parameters', () => {
  it('defaults to and insists on 600,000 PBKDF2 iterations', () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(MIN_PBKDF2_ITERATIONS).toBe(600_000);
    expect(SALT_BYTES).toBe(16);
    expect(IV_BYTES).toBe(12);
  });
});

describe('PBKDF2 at the real cost', () => {
  it('derives a 600k-iteration key in reasonable time (and reports it)', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await deriveVaultKey(PASSWORD, salt, PBKDF2_ITERATIONS);
      times.push(performance.now() - start);
    }
    console.info(`deriveVaultKey, PBKDF2-SHA256 x 600,000: ${times.map((t) => t.toFixed(0)).join(' / ')} ms`);
    expect(Math.min(...times)).toBeLessThan(10_000);
  });
});

describe('encryptVault / decryptVault (password, 600k iterations)', () => {
  let first: { record: VaultRecord; key: CryptoKey };
  let second: { record: VaultRecord; key: CryptoKey };

  beforeAll(async () => {
    first = await encryptVault(PASSWORD, SECRET);
    second = await encryptVault(PASSWORD, SECRET);
  });

  it('writes a well-formed, JSON-serialisable v1 record', () => {
    const { record } = first;
    expect(record.version).toBe(1);
    expect(record.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(base64ToBytes(record.kdf.salt)).toHaveLength(16);
    expect(record.cipher.name).toBe('AES-GCM');
    expect(base64ToBytes(record.cipher.iv)).toHaveLength(12);
    expect(base64ToBytes(record.ciphertext)).toHaveLength(SECRET.length + 16);
    expect(clone(record)).toEqual(record);
    expect(parseVaultRecord(clone(record))).toEqual(record);
  });

  it('round-trips through JSON', async () => {
    expect(bytesToUtf8(await decryptVault(PASSWORD, clone(first.record)))).toBe(bytesToUtf8(SECRET));
  });

  it('draws a fresh salt and IV every time', () => {
    expect(second.record.kdf.salt).not.toBe(first.record.kdf.salt);
    expect(second.record.cipher.iv).not.toBe(first.record.cipher.iv);
    expect(second.record.ciphertext).not.toBe(first.record.ciphertext);
  });

  it('returns the derived key, usable without the password', async () => {
    expect(bytesToHex(await decryptWithKey(first.key, first.record))).toBe(bytesToHex(SECRET));
    await expect(decryptWithKey(second.key, first.record)).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('throws WrongPasswordError for a wrong password', async () => {
    const attempt = decryptVault('correct horse battery stapler', first.record);
    await expect(attempt).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(attempt).rejects.toThrow(/Wrong password/);
  });

  it('is readable by an independent implementation (Node crypto) following the documented format', () => {
    expect(bytesToHex(decryptWithNodeCrypto(PASSWORD, first.record))).toBe(bytesToHex(SECRET));
  });

  it('refuses to write a record below 600k iterations', async () => {
    await expect(encryptVault(PASSWORD, SECRET, 1000)).rejects.toBeInstanceOf(VaultFormatError);
    expect(() => newVaultKdfParams(599_999)).toThrow(VaultFormatError);
  });

  it('refuses an empty password', async () => {
    await expect(encryptVault('', SECRET)).rejects.toBeInstanceOf(VaultError);
  });
});

describe('golden record (format stability)', () => {
  it('still opens, with unlockVault returning key and kdf for the session', async () => {
    const { key, kdf, plaintext } = await unlockVault(PASSWORD, clone(GOLDEN));
    expect(bytesToHex(plaintext)).toBe(bytesToHex(SECRET));
    expect(kdf).toEqual(GOLDEN.kdf);
    expect(bytesToHex(await decryptWithKey(key, GOLDEN))).toBe(bytesToHex(SECRET));
    expect(bytesToHex(decryptWithNodeCrypto(PASSWORD, GOLDEN))).toBe(bytesToHex(SECRET));
  });
});

describe('with a cached key (encryptWithKey / decryptWithKey)', () => {
  let key: CryptoKey;
  let kdf: VaultKdfParams;
  let record: VaultRecord;

  beforeAll(async () => {
    ({ key, kdf } = await unlockVault(PASSWORD, GOLDEN));
    record = await encryptWithKey(key, SECRET, kdf);
  });

  it('round-trips and keeps the KDF parameters so the password still opens it', async () => {
    expect(record.kdf).toEqual(GOLDEN.kdf);
    expect(bytesToHex(await decryptWithKey(key, clone(record)))).toBe(bytesToHex(SECRET));
    expect(bytesToHex(decryptWithNodeCrypto(PASSWORD, record))).toBe(bytesToHex(SECRET));
  });

  it('draws a fresh IV for every encryption under the same key', async () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 50; i++) ivs.add((await encryptWithKey(key, SECRET, kdf)).cipher.iv);
    expect(ivs.size).toBe(50);
  });

  it('encrypts empty plaintext', async () => {
    const empty = await encryptWithKey(key, new Uint8Array(0), kdf);
    expect(await decryptWithKey(key, empty)).toHaveLength(0);
  });

  const flipFirstBit = (b64: string) => {
    const bytes = base64ToBytes(b64);
    bytes[0] ^= 1;
    return bytesToBase64(bytes);
  };

  it.each([
    ['a ciphertext bit', (r: VaultRecord) => ({ ...r, ciphertext: flipFirstBit(r.ciphertext) })],
    ['the auth tag', (r: VaultRecord) => {
      const bytes = base64ToBytes(r.ciphertext);
      bytes[bytes.length - 1] ^= 0x80;
      return { ...r, ciphertext: bytesToBase64(bytes) };
    }],
    ['a truncated ciphertext', (r: VaultRecord) => ({ ...r, ciphertext: bytesToBase64(base64ToBytes(r.ciphertext).slice(1)) })],
    ['the IV', (r: VaultRecord) => ({ ...r, cipher: { ...r.cipher, iv: flipFirstBit(r.cipher.iv) } })],
    // Not used by a cached key, but authenticated as AAD so the edit is still caught.
    ['the salt', (r: VaultRecord) => ({ ...r, kdf: { ...r.kdf, salt: flipFirstBit(r.kdf.salt) } })],
    ['the iteration count (upwards)', (r: VaultRecord) => ({ ...r, kdf: { ...r.kdf, iterations: 600_001 } })],
  ])('detects tampering with %s', async (_what, tamper) => {
    await expect(decryptWithKey(key, tamper(record))).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('refuses KDF parameters below the floor when encrypting', async () => {
    await expect(encryptWithKey(key, SECRET, { ...kdf, iterations: 1000 })).rejects.toBeInstanceOf(VaultFormatError);
  });

  it('refuses non-bytes plaintext', async () => {
    await expect(encryptWithKey(key, 'text' as unknown as Uint8Array, kdf)).rejects.toBeInstanceOf(VaultError);
  });
});

describe('downgrade protection', () => {
  it('rejects a record claiming 1000 iterations without running PBKDF2', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'deriveKey');
    const weakened = { ...clone(GOLDEN), kdf: { ...GOLDEN.kdf, iterations: 1000 } };
    const attempt = decryptVault(PASSWORD, weakened);
    await expect(attempt).rejects.toBeInstanceOf(VaultFormatError);
    await expect(attempt).rejects.toThrow(/1000 PBKDF2 iterations; at least 600000 are required/);
    await expect(unlockVault(PASSWORD, weakened)).rejects.toBeInstanceOf(VaultFormatError);
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects such a record even with a cached key', async () => {
    const key = await importKey(new Uint8Array(32));
    const weakened = { ...clone(GOLDEN), kdf: { ...GOLDEN.kdf, iterations: 599_999 } };
    await expect(decryptWithKey(key, weakened)).rejects.toBeInstanceOf(VaultFormatError);
  });

  it('rejects an absurd iteration count instead of hanging', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'deriveKey');
    const heavy = { ...clone(GOLDEN), kdf: { ...GOLDEN.kdf, iterations: MAX_PBKDF2_ITERATIONS + 1 } };
    await expect(decryptVault(PASSWORD, heavy)).rejects.toThrow(/more than 10000000 is refused/);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('malformed records', () => {
  const g = () => clone(GOLDEN) as unknown as Record<string, Record<string, unknown>>;
  const cases: Array<[string, unknown, RegExp]> = [
    ['null', null, /must be an object/],
    ['an array', [GOLDEN], /must be an object/],
    ['a JSON string', JSON.stringify(GOLDEN), /must be an object/],
    ['version 2', { ...GOLDEN, version: 2 }, /version 2/],
    ['version "1"', { ...GOLDEN, version: '1' }, /version "1"/],
    ['no version', (({ version: _v, ...rest }) => rest)(GOLDEN), /version undefined/],
    ['an extra field', { ...GOLDEN, note: 'hi' }, /unexpected field "note"/],
    ['no ciphertext', (({ ciphertext: _c, ...rest }) => rest)(GOLDEN), /missing "ciphertext"/],
    ['kdf not an object', { ...GOLDEN, kdf: 'PBKDF2' }, /kdf must be an object/],
    ['kdf with an extra field', { ...GOLDEN, kdf: { ...GOLDEN.kdf, memory: 1 } }, /kdf has unexpected field "memory"/],
    ['kdf without salt', { ...GOLDEN, kdf: { ...g().kdf, salt: undefined } }, /kdf.salt must be a base64 string/],
    ['another KDF', { ...GOLDEN, kdf: { ...GOLDEN.kdf, name: 'scrypt' } }, /kdf.name must be "PBKDF2"/],
    ['another hash', { ...GOLDEN, kdf: { ...GOLDEN.kdf, hash: 'SHA-1' } }, /kdf.hash must be "SHA-256"/],
    ['iterations as a string', { ...GOLDEN, kdf: { ...GOLDEN.kdf, iterations: '600000' } }, /positive integer/],
    ['fractional iterations', { ...GOLDEN, kdf: { ...GOLDEN.kdf, iterations: 600000.5 } }, /positive integer/],
    ['negative iterations', { ...GOLDEN, kdf: { ...GOLDEN.kdf, iterations: -600000 } }, /positive integer/],
    ['a salt that is not base64', { ...GOLDEN, kdf: { ...GOLDEN.kdf, salt: 'not base64!' } }, /kdf.salt is not valid base64/],
    ['a 15-byte salt', { ...GOLDEN, kdf: { ...GOLDEN.kdf, salt: bytesToBase64(new Uint8Array(15)) } }, /16 bytes, got 15/],
    ['a 32-byte salt', { ...GOLDEN, kdf: { ...GOLDEN.kdf, salt: bytesToBase64(new Uint8Array(32)) } }, /16 bytes, got 32/],
    ['another cipher', { ...GOLDEN, cipher: { ...GOLDEN.cipher, name: 'AES-CBC' } }, /cipher.name must be "AES-GCM"/],
    ['a cipher with a tag field', { ...GOLDEN, cipher: { ...GOLDEN.cipher, tag: 'x' } }, /unexpected field "tag"/],
    ['a 16-byte IV', { ...GOLDEN, cipher: { ...GOLDEN.cipher, iv: bytesToBase64(new Uint8Array(16)) } }, /12 bytes, got 16/],
    ['an IV as numbers', { ...GOLDEN, cipher: { ...GOLDEN.cipher, iv: [1, 2, 3] } }, /cipher.iv must be a base64 string/],
    ['base64 with a line break', { ...GOLDEN, ciphertext: GOLDEN.ciphertext.slice(0, 8) + '\n' + GOLDEN.ciphertext.slice(8) }, /ciphertext is not valid base64/],
    ['base64url instead of base64', { ...GOLDEN, ciphertext: GOLDEN.ciphertext.replace(/\+/g, '-').replace(/\//g, '_') }, /ciphertext is not valid base64/],
    ['a ciphertext shorter than the tag', { ...GOLDEN, ciphertext: bytesToBase64(new Uint8Array(15)) }, /impossible length \(15 bytes\)/],
  ];

  it.each(cases)('rejects %s with a clear VaultFormatError', async (_what, value, message) => {
    expect(() => parseVaultRecord(value)).toThrow(VaultFormatError);
    expect(() => parseVaultRecord(value)).toThrow(message);
    await expect(decryptVault(PASSWORD, value)).rejects.toThrow(message);
  });
});

describe('deriveVaultKey', () => {
  const salt = Uint8Array.from({ length: 16 }, (_, i) => i);

  it('matches an independent PBKDF2-HMAC-SHA256 (@noble/hashes)', async () => {
    const raw = await exportKey(await deriveVaultKey(PASSWORD, salt, 1000));
    expect(bytesToHex(raw)).toBe(bytesToHex(pbkdf2(sha256, PASSWORD, salt, { c: 1000, dkLen: 32 })));
  });

  it('depends on password, salt and iterations', async () => {
    const base = bytesToHex(await exportKey(await deriveVaultKey(PASSWORD, salt, 1000)));
    const others = [
      await deriveVaultKey(PASSWORD + '!', salt, 1000),
      await deriveVaultKey(PASSWORD, salt.map((b) => b ^ 1), 1000),
      await deriveVaultKey(PASSWORD, salt, 1001),
    ];
    for (const other of others) expect(bytesToHex(await exportKey(other))).not.toBe(base);
  });

  it('treats composed and decomposed accents as the same password (NFC)', async () => {
    const composed = await exportKey(await deriveVaultKey('caf\u00e9 au lait', salt, 1000));
    const decomposed = await exportKey(await deriveVaultKey('cafe\u0301 au lait', salt, 1000));
    expect(bytesToHex(decomposed)).toBe(bytesToHex(composed));
  });

  it('rejects bad inputs', async () => {
    await expect(deriveVaultKey('', salt, 1000)).rejects.toBeInstanceOf(VaultError);
    await expect(deriveVaultKey(PASSWORD, new Uint8Array(8), 1000)).rejects.toThrow(/at least 16 bytes/);
    await expect(deriveVaultKey(PASSWORD, salt, 0)).rejects.toThrow(/positive integer/);
    await expect(deriveVaultKey(PASSWORD, salt, MAX_PBKDF2_ITERATIONS + 1)).rejects.toThrow(/refused/);
  });

  it('makes an extractable AES-GCM-256 key', async () => {
    const key = await deriveVaultKey(PASSWORD, salt, 1000);
    expect(key.extractable).toBe(true);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...key.usages].sort()).toEqual(['decrypt', 'encrypt']);
  });
});

describe('exportKey / importKey', () => {
  it('round-trips the raw key and the imported key opens the vault', async () => {
    const { key } = await unlockVault(PASSWORD, GOLDEN);
    const raw = await exportKey(key);
    expect(raw).toHaveLength(32);
    const restored = await importKey(raw);
    expect(bytesToHex(await decryptWithKey(restored, GOLDEN))).toBe(bytesToHex(SECRET));
    expect(bytesToHex(await exportKey(restored))).toBe(bytesToHex(raw));
  });

  it('can import a non-extractable key', async () => {
    const key = await importKey(new Uint8Array(32), false);
    expect(key.extractable).toBe(false);
    await expect(exportKey(key)).rejects.toThrow();
  });

  it('rejects raw keys of the wrong size', async () => {
    await expect(importKey(new Uint8Array(16))).rejects.toThrow(/32 raw bytes/);
  });
});
