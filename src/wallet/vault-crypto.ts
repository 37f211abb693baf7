// Password-based encryption of the vault at rest: PBKDF2-HMAC-SHA256 -> AES-256-GCM, via WebCrypto
// (native and constant-time in both the service worker and Node, and no extra code to ship).
//
// A stored record is untrusted input: anyone who can write extension storage can edit it. So records
// are validated field by field, a record asking for fewer PBKDF2 iterations than we require is refused
// (otherwise an attacker could swap in a cheap-to-brute-force record and wait for the user to type
// the password into it), a record asking for absurdly many is refused too (unlock must not hang), and
// the whole header is authenticated as AES-GCM additional data, so editing any field, not just the
// ciphertext, makes decryption fail.
import { base64ToBytes, bytesToBase64, utf8ToBytes, wipeBytes } from './bytes';

export const VAULT_RECORD_VERSION = 1 as const;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256, also what MetaMask uses. */
export const PBKDF2_ITERATIONS = 600_000;
/** The floor for records we decrypt or write. Raising PBKDF2_ITERATIONS later must not lower this. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
/** A ceiling so a corrupted or hostile record cannot make unlock run for minutes. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const KEY_BYTES = 32;
const TAG_BYTES = 16;
/** The vault holds a mnemonic and some settings; anything near this size is not a vault. */
export const MAX_VAULT_PLAINTEXT_BYTES = 4 * 1024 * 1024;

export interface VaultKdfParams {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** base64 of SALT_BYTES random bytes */
  salt: string;
}

export interface VaultRecord {
  version: 1;
  kdf: VaultKdfParams;
  cipher: { name: 'AES-GCM'; /** base64 of IV_BYTES random bytes */ iv: string };
  /** base64 of AES-GCM output: ciphertext followed by the 16-byte tag */
  ciphertext: string;
}

export class VaultError extends Error {
  override name = 'VaultError';
}

/** The record is not a well-formed v1 vault record, or asks for parameters we refuse. */
export class VaultFormatError extends VaultError {
  override name = 'VaultFormatError';
}

/**
 * AES-GCM authentication failed. GCM cannot tell a wrong key from an altered record (both are a tag
 * mismatch); with a key just derived from a typed password, a wrong password is by far the likelier
 * cause, so that is what the name and message say. With a cached key it means the record changed.
 */
export class WrongPasswordError extends VaultError {
  override name = 'WrongPasswordError';
  constructor() {
    super('Wrong password (or the stored vault has been altered).');
  }
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

// WebCrypto accepts any ArrayBufferView at runtime; TypeScript's DOM types since 5.7 insist on an
// ArrayBuffer (not SharedArrayBuffer) backing, which our Uint8Arrays always have.
const buf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

function checkIterations(iterations: unknown, floor: number): number {
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1) {
    throw new VaultFormatError('PBKDF2 iterations must be a positive integer.');
  }
  if (iterations < floor) {
    throw new VaultFormatError(
      `Vault record asks for ${iterations} PBKDF2 iterations; at least ${floor} are required. Refusing a weakened record.`,
    );
  }
  if (iterations > MAX_PBKDF2_ITERATIONS) {
    throw new VaultFormatError(
      `Vault record asks for ${iterations} PBKDF2 iterations; more than ${MAX_PBKDF2_ITERATIONS} is refused.`,
    );
  }
  return iterations;
}

function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length === 0) {
    throw new VaultError('Password must be a non-empty string.');
  }
  // NFC so the same password typed on two systems (precomposed vs combining accents) derives the same key.
  return password.normalize('NFC');
}

/**
 * PBKDF2-SHA256 -> AES-256-GCM key. `iterations` can be lowered for benchmarks and tests of this
 * function alone; records are never written or read below MIN_PBKDF2_ITERATIONS.
 *
 * The key is extractable on purpose: an MV3 service worker is killed after ~30 s idle, and
 * re-running 600k iterations (or asking for the password again) on every wake-up is not acceptable.
 * The background exports the derived key into `storage.session` (memory-only, cleared on browser
 * exit and on lock), so it can re-import it after a restart. The password itself is never stored.
 */
export async function deriveVaultKey(
  password: string,
  salt: Uint8Array,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<CryptoKey> {
  const normalized = checkPassword(password);
  if (!(salt instanceof Uint8Array) || salt.length < SALT_BYTES) {
    throw new VaultError(`Salt must be at least ${SALT_BYTES} bytes.`);
  }
  checkIterations(iterations, 1);
  const passwordBytes = utf8ToBytes(normalized);
  try {
    const baseKey = await subtle().importKey('raw', buf(passwordBytes), 'PBKDF2', false, ['deriveKey']);
    return await subtle().deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations },
      baseKey,
      { name: 'AES-GCM', length: KEY_BYTES * 8 },
      true,
      ['encrypt', 'decrypt'],
    );
  } finally {
    wipeBytes(passwordBytes);
  }
}

/** Fresh KDF parameters (new random salt) for a new vault or a password change. */
export function newVaultKdfParams(iterations: number = PBKDF2_ITERATIONS): VaultKdfParams {
  checkIterations(iterations, MIN_PBKDF2_ITERATIONS);
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: bytesToBase64(randomBytes(SALT_BYTES)) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, expected: string[], where: string): void {
  const extra = Object.keys(value).filter((k) => !expected.includes(k));
  if (extra.length) throw new VaultFormatError(`Vault record ${where} has unexpected field "${extra[0]}".`);
  const missing = expected.filter((k) => !(k in value));
  if (missing.length) throw new VaultFormatError(`Vault record ${where} is missing "${missing[0]}".`);
}

function decodeField(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string') throw new VaultFormatError(`Vault record ${field} must be a base64 string.`);
  try {
    return base64ToBytes(value);
  } catch {
    throw new VaultFormatError(`Vault record ${field} is not valid base64.`);
  }
}

interface ParsedRecord {
  record: VaultRecord;
  salt: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

function parseKdf(value: unknown): { kdf: VaultKdfParams; salt: Uint8Array } {
  if (!isPlainObject(value)) throw new VaultFormatError('Vault record kdf must be an object.');
  checkKeys(value, ['name', 'hash', 'iterations', 'salt'], 'kdf');
  if (value.name !== 'PBKDF2') throw new VaultFormatError('Vault record kdf.name must be "PBKDF2".');
  if (value.hash !== 'SHA-256') throw new VaultFormatError('Vault record kdf.hash must be "SHA-256".');
  const iterations = checkIterations(value.iterations, MIN_PBKDF2_ITERATIONS);
  const salt = decodeField(value.salt, 'kdf.salt');
  if (salt.length !== SALT_BYTES) {
    throw new VaultFormatError(`Vault record kdf.salt must be ${SALT_BYTES} bytes, got ${salt.length}.`);
  }
  return { kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: value.salt as string }, salt };
}

function parseRecord(value: unknown): ParsedRecord {
  if (!isPlainObject(value)) throw new VaultFormatError('Vault record must be an object.');
  if (value.version !== VAULT_RECORD_VERSION) {
    throw new VaultFormatError(`Unsupported vault record version ${JSON.stringify(value.version)} (expected 1).`);
  }
  checkKeys(value, ['version', 'kdf', 'cipher', 'ciphertext'], '');
  const { kdf, salt } = parseKdf(value.kdf);
  const cipher = value.cipher;
  if (!isPlainObject(cipher)) throw new VaultFormatError('Vault record cipher must be an object.');
  checkKeys(cipher, ['name', 'iv'], 'cipher');
  if (cipher.name !== 'AES-GCM') throw new VaultFormatError('Vault record cipher.name must be "AES-GCM".');
  const iv = decodeField(cipher.iv, 'cipher.iv');
  if (iv.length !== IV_BYTES) {
    throw new VaultFormatError(`Vault record cipher.iv must be ${IV_BYTES} bytes, got ${iv.length}.`);
  }
  const ciphertext = decodeField(value.ciphertext, 'ciphertext');
  if (ciphertext.length < TAG_BYTES || ciphertext.length > MAX_VAULT_PLAINTEXT_BYTES + TAG_BYTES) {
    throw new VaultFormatError(`Vault record ciphertext has an impossible length (${ciphertext.length} bytes).`);
  }
  const record: VaultRecord = {
    version: VAULT_RECORD_VERSION,
    kdf,
    cipher: { name: 'AES-GCM', iv: cipher.iv as string },
    ciphertext: value.ciphertext as string,
  };
  return { record, salt, iv, ciphertext };
}

/** Strict validation of a stored record; throws VaultFormatError saying what is wrong. */
export function parseVaultRecord(value: unknown): VaultRecord {
  return parseRecord(value).record;
}

// AES-GCM additional data: the UTF-8 of the JSON array
//   ["emissary-vault", version, kdf.name, kdf.hash, kdf.iterations, kdf.salt, cipher.name, cipher.iv]
// (strings exactly as stored). An array in a fixed order, not the record object, so the bytes cannot
// depend on key order and another implementation can rebuild them (see the Node crypto test).
function additionalData(record: Pick<VaultRecord, 'version' | 'kdf' | 'cipher'>): Uint8Array {
  const { kdf, cipher } = record;
  return utf8ToBytes(
    JSON.stringify([
      'emissary-vault',
      record.version,
      kdf.name,
      kdf.hash,
      kdf.iterations,
      kdf.salt,
      cipher.name,
      cipher.iv,
    ]),
  );
}

/**
 * Encrypts with an already derived key. `kdf` must be the parameters that key was derived with
 * (kept alongside the exported key in session storage); they are written into the record so the
 * password can derive the same key at the next unlock. A fresh random IV is drawn every call.
 */
export async function encryptWithKey(key: CryptoKey, plaintext: Uint8Array, kdf: VaultKdfParams): Promise<VaultRecord> {
  if (!(plaintext instanceof Uint8Array)) throw new VaultError('Vault plaintext must be bytes.');
  if (plaintext.length > MAX_VAULT_PLAINTEXT_BYTES) {
    throw new VaultError(`Vault plaintext is larger than ${MAX_VAULT_PLAINTEXT_BYTES} bytes.`);
  }
  const header = {
    version: VAULT_RECORD_VERSION,
    kdf: parseKdf(kdf).kdf,
    cipher: { name: 'AES-GCM' as const, iv: bytesToBase64(randomBytes(IV_BYTES)) },
  };
  const sealed = await subtle().encrypt(
    { name: 'AES-GCM', iv: buf(base64ToBytes(header.cipher.iv)), additionalData: buf(additionalData(header)) },
    key,
    buf(plaintext),
  );
  return { ...header, ciphertext: bytesToBase64(new Uint8Array(sealed)) };
}

/** Throws VaultFormatError for a malformed or weakened record, WrongPasswordError if the key does not open it. */
export async function decryptWithKey(key: CryptoKey, record: unknown): Promise<Uint8Array> {
  const parsed = parseRecord(record);
  return openParsed(key, parsed);
}

async function openParsed(key: CryptoKey, parsed: ParsedRecord): Promise<Uint8Array> {
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: buf(parsed.iv), additionalData: buf(additionalData(parsed.record)) },
      key,
      buf(parsed.ciphertext),
    );
    return new Uint8Array(plain);
  } catch (error) {
    // WebCrypto reports a tag mismatch as OperationError; anything else (e.g. a key made for
    // another algorithm) is a programming error and is passed through unchanged.
    if (error instanceof Error && error.name === 'OperationError') throw new WrongPasswordError();
    throw error;
  }
}

/**
 * New vault (or password change): fresh salt, derived key, fresh IV. Returns the key too, so the
 * caller can cache it for the session without running PBKDF2 a second time.
 */
export async function encryptVault(
  password: string,
  plaintext: Uint8Array,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<{ record: VaultRecord; key: CryptoKey }> {
  const kdf = newVaultKdfParams(iterations);
  const key = await deriveVaultKey(password, base64ToBytes(kdf.salt), kdf.iterations);
  return { record: await encryptWithKey(key, plaintext, kdf), key };
}

/**
 * Unlock: returns the plaintext and the derived key, so the background can cache the key
 * (exportKey) and re-encrypt later changes without asking for the password again.
 * The record is validated before any PBKDF2 work is done.
 */
export async function unlockVault(
  password: string,
  record: unknown,
): Promise<{ key: CryptoKey; kdf: VaultKdfParams; plaintext: Uint8Array }> {
  const parsed = parseRecord(record);
  const key = await deriveVaultKey(password, parsed.salt, parsed.record.kdf.iterations);
  return { key, kdf: parsed.record.kdf, plaintext: await openParsed(key, parsed) };
}

/** Throws VaultFormatError for a malformed or weakened record, WrongPasswordError if it does not open. */
export async function decryptVault(password: string, record: unknown): Promise<Uint8Array> {
  return (await unlockVault(password, record)).plaintext;
}

/** Raw 32 key bytes, for `storage.session`. Treat the result as the vault's plaintext. */
export async function exportKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey('raw', key));
}

/**
 * Re-imports a key exported by exportKey. Extractable by default for the same reason as
 * deriveVaultKey: a restarted worker re-imports the key and may need to write it back to
 * session storage. Pass false where the key is only used to decrypt.
 */
export async function importKey(raw: Uint8Array, extractable = true): Promise<CryptoKey> {
  if (!(raw instanceof Uint8Array) || raw.length !== KEY_BYTES) {
    throw new VaultError(`A vault key is ${KEY_BYTES} raw bytes.`);
  }
  return subtle().importKey('raw', buf(raw), { name: 'AES-GCM', length: KEY_BYTES * 8 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}
