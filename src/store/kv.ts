import { db } from './db';
import { saving } from './storage-errors';

// Typed keys of the kv store, so every reader and writer agrees on a record's shape.
export interface KvRecords {
  vault: import('../wallet/vault-crypto').VaultRecord;
  /** Site credentials and other secrets: ciphertext under the vault key. */
  secrets: import('../wallet/vault-crypto').VaultRecord;
  /** The accounts' public half (addresses, DID): ciphertext under the vault key, see VaultService. */
  accounts: import('../wallet/vault-crypto').VaultRecord;
  settings: import('../shared/api').Settings;
  unlockThrottle: { failures: number; retryAt: number };
  /** Origins where discovery runs when Settings say "only on sites I allow". */
  allowedOrigins: string[];
}

export async function kvGet<K extends keyof KvRecords>(key: K): Promise<KvRecords[K] | undefined> {
  return (await (await db()).get('kv', key)) as KvRecords[K] | undefined;
}

export async function kvSet<K extends keyof KvRecords>(key: K, value: KvRecords[K]): Promise<void> {
  await saving(async () => (await db()).put('kv', value, key));
}

export async function kvDelete(key: keyof KvRecords): Promise<void> {
  await (await db()).delete('kv', key);
}
