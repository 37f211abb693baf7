import { db } from './db';

// Small per-feature records in one store, keyed `${kind}:${key}` (see FeatureRecord in schema.ts).

const recordId = (kind: string, key: string) => `${kind}:${key}`;

export async function getRecord<T>(kind: string, key: string): Promise<T | undefined> {
  return (await (await db()).get('records', recordId(kind, key)))?.value as T | undefined;
}

export async function putRecord<T>(kind: string, key: string, value: T, now = Date.now()): Promise<void> {
  await (await db()).put('records', { id: recordId(kind, key), kind, key, updatedAt: now, value });
}

export async function deleteRecord(kind: string, key: string): Promise<void> {
  await (await db()).delete('records', recordId(kind, key));
}

export async function listRecords<T>(kind: string): Promise<{ key: string; updatedAt: number; value: T }[]> {
  const all = await (await db()).getAllFromIndex('records', 'byKind', kind);
  return all.map((r) => ({ key: r.key, updatedAt: r.updatedAt, value: r.value as T }));
}

/** Read-modify-write in one transaction, so two callers never overwrite each other's change. */
export async function updateRecord<T>(kind: string, key: string, change: (current: T | undefined) => T | undefined, now = Date.now()): Promise<T | undefined> {
  const tx = (await db()).transaction('records', 'readwrite');
  const current = (await tx.store.get(recordId(kind, key)))?.value as T | undefined;
  const next = change(current);
  if (next === undefined) await tx.store.delete(recordId(kind, key));
  else await tx.store.put({ id: recordId(kind, key), kind, key, updatedAt: now, value: next });
  await tx.done;
  return next;
}
