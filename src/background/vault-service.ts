import browser from 'webextension-polyfill';
import type { AccountsView, Result, VaultStatus } from '../shared/api';
import { MIN_PASSWORD_LENGTH } from '../shared/api';
import { kvGet, kvSet } from '../store/kv';
import { checkMnemonic, generateMnemonic, mnemonicToSeed } from '../wallet/mnemonic';
import { deriveAccounts, wipeAccountKeys, type AccountKeys, type PublicAccounts } from '../wallet/accounts';
import { DidWbaKeyring } from '../wallet/did-wba-keys';
import {
  WrongPasswordError,
  decryptWithKey,
  encryptWithKey,
  encryptVault,
  exportKey,
  importKey,
  unlockVault,
  type VaultRecord,
} from '../wallet/vault-crypto';
import { base64ToBytes, bytesToBase64, bytesToUtf8, utf8ToBytes } from '../wallet/bytes';
import { signTypedData, type TypedData } from '../protocols/evm';
import { signDigest } from '../protocols/evm/sign';
import { ed25519 } from '@noble/curves/ed25519.js';
import { nep413Hash, personalSignHash, type Nep413Payload } from '../protocols/aitp/wallet-signing';
import { bytesToBase58 } from '../wallet/bytes';
import { clearSession, readSession, writeSession } from './session';
import { NO_FAILURES, recordFailure, waitLeft } from './unlock-throttle';

const AUTOLOCK_ALARM = 'emissary-autolock';

/** Credentials a user gave to a site, by origin and agents.json source id. */
export interface VaultSecretsStore {
  siteCredentials: Record<string, Record<string, import('../protocols/agents-json').Credential[]>>;
  /** ANP access tokens from Authentication-Info, by agent origin and DID. */
  anpTokens?: Record<string, { did: string; token: string; expiresAt: number }>;
  /** MCP OAuth tokens by server URL (one issuer each), see background/mcp/auth.ts. */
  mcpTokens?: Record<string, import('./mcp/auth').McpTokenRecord>;
  /** The autofill profile (name, email, phone, shipping address) AITP data requests may draw on. */
  aitpProfile?: import('../protocols/aitp/form').Profile;
}

interface VaultSecrets {
  version: 1;
  mnemonic: string;
  /** The BIP-39 seed (base64), kept beside the phrase so unlocking skips BIP-39's own PBKDF2. */
  seed?: string;
}

/** The 'accounts' kv record, ciphertext under the vault key: the public half of deriveAccounts. */
interface StoredAccounts {
  version: 1;
  public: PublicAccounts;
}

function isPublicAccounts(v: unknown): v is PublicAccounts {
  const p = v as PublicAccounts | null;
  const strings = (o: object | undefined, keys: string[]) => !!o && keys.every((k) => typeof (o as Record<string, unknown>)[k] === 'string');
  return !!p && strings(p.identity, ['did', 'publicKeyHex', 'publicKeyMultibase', 'path']) && strings(p.evm, ['address', 'path']) && strings(p.near, ['accountId', 'publicKey', 'path']);
}


export function toAccountsView(p: PublicAccounts): AccountsView {
  return {
    identity: { did: p.identity.did, publicKeyHex: p.identity.publicKeyHex, path: p.identity.path },
    evm: { address: p.evm.address, path: p.evm.path },
    near: { accountId: p.near.accountId, publicKey: p.near.publicKey, path: p.near.path },
  };
}

/**
 * The one holder of key material. Private keys exist only in this object's #private fields while
 * unlocked; the vault on disk is AES-GCM ciphertext; locking drops every reference.
 *
 * Private keys are derived on their first use, not on unlock: deriving builds noble's elliptic-curve
 * tables (ed25519 and secp256k1), a few hundred milliseconds of a freshly started worker, and most
 * wakes (popup, discovery, inbox) sign nothing. Until then the seed waits in #seed. The public half
 * (addresses, DID) is kept as ciphertext under the vault key in the 'accounts' record, so an
 * unlocked worker knows them without deriving.
 */
const WORKER_STARTED_AT = Date.now();

export class VaultService {
  /** Unlocked: the public half of the accounts; null while locked. */
  #public: PublicAccounts | null = null;
  /** Unlocked and not derived yet: the BIP-39 seed; zeroed once the keys are derived. */
  #seed: Uint8Array | null = null;
  #keys: AccountKeys | null = null;
  #didWba: DidWbaKeyring | null = null;
  #key: CryptoKey | null = null;
  #lockAt = 0;
  #autoLockMs: () => Promise<number>;

  constructor(autoLockMs: () => Promise<number>) {
    this.#autoLockMs = autoLockMs;
  }

  /** On every worker start: pick up an unlocked session that has not timed out yet. */
  async restore(now = Date.now()): Promise<void> {
    const [session, record] = await Promise.all([readSession(), kvGet('vault')]);
    if (!session || !record || session.lockAt <= now) {
      if (session) await this.lock();
      return;
    }
    try {
      const key = await importKey(base64ToBytes(session.vaultKey), true);
      // The session already holds this key and lock time: only the alarm is set again.
      await this.#open(key, record, session.lockAt, false);
    } catch {
      await this.lock();
    }
  }

  async status(now = Date.now()): Promise<VaultStatus> {
    if (this.#public && this.#lockAt <= now) await this.lock();
    if (this.#public) return { state: 'unlocked', lockAt: this.#lockAt, workerStartedAt: WORKER_STARTED_AT };
    if (!(await kvGet('vault'))) return { state: 'uninitialized', workerStartedAt: WORKER_STARTED_AT };
    const throttle = (await kvGet('unlockThrottle')) ?? NO_FAILURES;
    return { state: 'locked', retryAt: throttle.retryAt > now ? throttle.retryAt : undefined, workerStartedAt: WORKER_STARTED_AT };
  }

  generateMnemonic(words: 12 | 24): string[] {
    return generateMnemonic(words === 24 ? 256 : 128).split(' ');
  }

  checkMnemonic(phrase: string): Result<true> {
    const check = checkMnemonic(phrase);
    return check.ok ? { ok: true, value: true } : { ok: false, error: check.error };
  }

  async create(phrase: string, password: string): Promise<Result<AccountsView>> {
    if (await kvGet('vault')) return { ok: false, error: 'A wallet already exists in this browser.' };
    const check = checkMnemonic(phrase);
    if (!check.ok) return { ok: false, error: check.error };
    if (password.length < MIN_PASSWORD_LENGTH) {
      return { ok: false, error: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` };
    }
    const secrets: VaultSecrets = { version: 1, mnemonic: check.phrase, seed: bytesToBase64(await mnemonicToSeed(check.phrase)) };
    const { record, key } = await encryptVault(password, utf8ToBytes(JSON.stringify(secrets)));
    await kvSet('vault', record);
    await kvSet('unlockThrottle', NO_FAILURES);
    await this.#open(key, record, Date.now() + (await this.#autoLockMs()));
    return { ok: true, value: toAccountsView(this.#public!) };
  }

  async unlock(password: string, now = Date.now()): Promise<Result<AccountsView>> {
    const record = await kvGet('vault');
    if (!record) return { ok: false, error: 'There is no wallet to unlock yet.' };
    const throttle = (await kvGet('unlockThrottle')) ?? NO_FAILURES;
    const wait = waitLeft(throttle, now);
    if (wait > 0) {
      return { ok: false, error: `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} s.`, retryAfterMs: wait };
    }
    let key: CryptoKey;
    try {
      // unlockVault checks the stored record (version, KDF cost bounds) before spending PBKDF2 time.
      ({ key } = await unlockVault(password, record));
    } catch (err) {
      if (!(err instanceof WrongPasswordError)) throw err;
      const next = recordFailure(throttle, Date.now());
      await kvSet('unlockThrottle', next);
      const retryAfterMs = waitLeft(next, Date.now());
      return {
        ok: false,
        error: `Wrong password. You can try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
        retryAfterMs,
      };
    }
    await kvSet('unlockThrottle', NO_FAILURES);
    await this.#open(key, record, Date.now() + (await this.#autoLockMs()));
    return { ok: true, value: toAccountsView(this.#public!) };
  }

  async lock(): Promise<void> {
    // Best effort: overwrite the key bytes we hold; JavaScript cannot promise no other copy exists.
    if (this.#keys) wipeAccountKeys(this.#keys);
    this.#seed?.fill(0);
    this.#didWba?.wipe();
    this.#didWba = null;
    this.#keys = null;
    this.#seed = null;
    this.#public = null;
    this.#key = null;
    this.#lockAt = 0;
    await clearSession();
    await browser.alarms.clear(AUTOLOCK_ALARM);
  }

  accounts(): Result<AccountsView> {
    if (!this.#public) return { ok: false, error: 'Emissary is locked.' };
    return { ok: true, value: toAccountsView(this.#public) };
  }

  /** The private keys, derived from the seed on first use while unlocked; null while locked. */
  #privateKeys(): AccountKeys | null {
    if (!this.#keys && this.#seed) this.#derive();
    return this.#keys;
  }

  /** Derives every key from the seed, then zeroes the seed. Returns the public half. */
  #derive(): PublicAccounts {
    const seed = this.#seed!;
    const derived = deriveAccounts(seed);
    this.#keys = derived.keys;
    this.#didWba = new DidWbaKeyring(seed);
    seed.fill(0);
    this.#seed = null;
    return derived.public;
  }

  /**
   * Signs EIP-712 typed data with the EVM key. The only way a signature leaves the vault; callers
   * must already hold the user's or a budget's consent for exactly this data.
   */
  signTypedData(typedData: TypedData): `0x${string}` {
    const keys = this.#privateKeys();
    if (!keys) throw new Error('Emissary is locked.');
    return signTypedData(typedData, keys.evm.privateKey);
  }

  /** ANP did:wba personas (wallet/did-wba-keys.ts): signs in the background, never exports a key. Locked: null. */
  didWba(): DidWbaKeyring | null {
    this.#privateKeys();
    return this.#didWba;
  }

  evmAddress(): string | null {
    return this.#public?.evm.address ?? null;
  }

  /** EIP-191 personal_sign with the EVM key; callers hold the user's consent for exactly this message. */
  personalSign(message: string): `0x${string}` {
    const keys = this.#privateKeys();
    if (!keys) throw new Error('Emissary is locked.');
    return signDigest(personalSignHash(message), keys.evm.privateKey);
  }

  /** A NEP-413 signature by the NEAR key (implicit account); callers hold the user's consent for it. */
  signNep413(payload: Nep413Payload): { accountId: string; publicKey: string; signature: string } {
    const keys = this.#privateKeys();
    if (!keys || !this.#public) throw new Error('Emissary is locked.');
    const near = this.#public.near;
    const signature = ed25519.sign(nep413Hash(payload), keys.near.privateKey);
    return { accountId: near.accountId, publicKey: near.publicKey, signature: `ed25519:${bytesToBase58(signature)}` };
  }

  /** Secrets other than keys (site credentials…), encrypted with the same vault key. Locked: null. */
  async readSecrets(): Promise<VaultSecretsStore | null> {
    if (!this.#key) return null;
    const record = await kvGet('secrets');
    if (!record) return { siteCredentials: {} };
    return JSON.parse(bytesToUtf8(await decryptWithKey(this.#key, record))) as VaultSecretsStore;
  }

  async updateSecrets(change: (secrets: VaultSecretsStore) => void): Promise<boolean> {
    const secrets = await this.readSecrets();
    const vault = await kvGet('vault');
    if (!secrets || !this.#key || !vault) return false;
    change(secrets);
    await kvSet('secrets', await encryptWithKey(this.#key, utf8ToBytes(JSON.stringify(secrets)), vault.kdf));
    return true;
  }

  /**
   * Activity from the human postpones auto-lock. `rescheduled` applies a new idle time at once,
   * also when it is shorter than what was left.
   */
  async touch(now = Date.now(), rescheduled = false): Promise<void> {
    if (!this.#public) return;
    const lockAt = now + (await this.#autoLockMs());
    // Skip tiny extensions so a burst of popup calls does not write storage each time.
    if (!rescheduled && lockAt - this.#lockAt < 5_000) return;
    this.#lockAt = lockAt;
    const session = await readSession();
    if (session) await writeSession({ ...session, lockAt });
    await browser.alarms.create(AUTOLOCK_ALARM, { when: lockAt });
  }

  async onAlarm(name: string, now = Date.now()): Promise<void> {
    if (name !== AUTOLOCK_ALARM) return;
    if (this.#lockAt <= now) await this.lock();
  }

  /** `newSession`: false when restoring the session that storage.session already holds. */
  async #open(key: CryptoKey, record: VaultRecord, lockAt: number, newSession = true): Promise<void> {
    const [plain, stored] = await Promise.all([decryptWithKey(key, record), this.#readStoredAccounts(key)]);
    const secrets = JSON.parse(bytesToUtf8(plain)) as VaultSecrets;
    this.#seed?.fill(0);
    this.#seed = secrets.seed ? base64ToBytes(secrets.seed) : await mnemonicToSeed(secrets.mnemonic);
    if (this.#keys) wipeAccountKeys(this.#keys);
    this.#keys = null;
    this.#didWba?.wipe();
    this.#didWba = null;
    this.#key = key;
    this.#lockAt = lockAt;
    // A vault without the record (made before it existed) derives once and keeps the public half.
    this.#public = stored ?? this.#derive();
    if (!stored) await kvSet('accounts', await encryptWithKey(key, utf8ToBytes(JSON.stringify({ version: 1, public: this.#public } satisfies StoredAccounts)), record.kdf));
    if (newSession) await writeSession({ vaultKey: bytesToBase64(await exportKey(key)), lockAt });
    await browser.alarms.create(AUTOLOCK_ALARM, { when: lockAt });
  }

  /** The public accounts kept under this key, or null when there are none (or they are not this vault's). */
  async #readStoredAccounts(key: CryptoKey): Promise<PublicAccounts | null> {
    const record = await kvGet('accounts');
    if (!record) return null;
    try {
      const stored = JSON.parse(bytesToUtf8(await decryptWithKey(key, record))) as StoredAccounts;
      return stored.version === 1 && isPublicAccounts(stored.public) ? stored.public : null;
    } catch {
      return null;
    }
  }
}
