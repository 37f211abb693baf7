import { db } from './db';
import type { MessageRecord, ThreadRecord, ThreadState } from './schema';

// Threads with site agents and their messages. Appending is one transaction over both stores, so
// a message and its thread's counters never disagree, and a message already stored (same id,
// e.g. fetched again after a worker restart) is not stored twice.

export type NewMessage = Omit<MessageRecord, 'id' | 'threadId' | 'seq'> & {
  /** The agent's id for the message when it has one (deduplicates), else a local one is drawn. */
  remoteId?: string;
};

export async function createThread(thread: Omit<ThreadRecord, 'nextSeq' | 'unread'>): Promise<ThreadRecord> {
  const record: ThreadRecord = { ...thread, nextSeq: 0, unread: 0 };
  await (await db()).add('threads', record);
  return record;
}

export async function getThread(id: string): Promise<ThreadRecord | undefined> {
  return (await db()).get('threads', id);
}

export async function updateThread(id: string, change: (t: ThreadRecord) => void, now = Date.now()): Promise<ThreadRecord | undefined> {
  const tx = (await db()).transaction('threads', 'readwrite');
  const thread = await tx.store.get(id);
  if (thread) {
    change(thread);
    thread.updatedAt = now;
    await tx.store.put(thread);
  }
  await tx.done;
  return thread;
}

/**
 * Appends messages in order; returns the ones newly stored (duplicates by remote id are skipped).
 * `state` updates whose turn it is in the same transaction.
 */
export async function appendMessages(threadId: string, messages: NewMessage[], options: { state?: ThreadState; now?: number } = {}): Promise<MessageRecord[]> {
  const now = options.now ?? Date.now();
  const tx = (await db()).transaction(['threads', 'messages'], 'readwrite');
  const threads = tx.objectStore('threads');
  const store = tx.objectStore('messages');
  const thread = await threads.get(threadId);
  if (!thread) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new Error('That conversation no longer exists.');
  }
  const added: MessageRecord[] = [];
  for (const { remoteId, ...m } of messages) {
    const id = `${threadId}:${remoteId ?? crypto.randomUUID()}`;
    if (remoteId !== undefined && (await store.getKey(id)) !== undefined) continue;
    const record: MessageRecord = { ...m, id, threadId, seq: thread.nextSeq++ };
    await store.put(record);
    added.push(record);
    if (record.direction === 'in') thread.unread++;
  }
  if (options.state) thread.state = options.state;
  if (added.length || options.state) thread.updatedAt = now;
  await threads.put(thread);
  await tx.done;
  return added;
}

export async function updateMessage(id: string, change: (m: MessageRecord) => void): Promise<MessageRecord | undefined> {
  const tx = (await db()).transaction('messages', 'readwrite');
  const message = await tx.store.get(id);
  if (message) {
    change(message);
    await tx.store.put(message);
  }
  await tx.done;
  return message;
}

export async function getMessage(id: string): Promise<MessageRecord | undefined> {
  return (await db()).get('messages', id);
}

/** A thread's messages in order; `afterSeq` pages forward, `limit` keeps a huge thread cheap. */
export async function listMessages(threadId: string, options: { afterSeq?: number; limit?: number } = {}): Promise<MessageRecord[]> {
  const from = options.afterSeq === undefined ? 0 : options.afterSeq + 1;
  const range = IDBKeyRange.bound([threadId, from], [threadId, Number.MAX_SAFE_INTEGER]);
  return (await db()).getAllFromIndex('messages', 'byThread', range, options.limit ?? 500);
}

/** The newest `limit` messages of a thread, in order. */
export async function lastMessages(threadId: string, limit: number): Promise<MessageRecord[]> {
  const range = IDBKeyRange.bound([threadId, 0], [threadId, Number.MAX_SAFE_INTEGER]);
  const out: MessageRecord[] = [];
  let cursor = await (await db()).transaction('messages').store.index('byThread').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out.reverse();
}

/** Most recently active threads first; `before` (an updatedAt) pages back. */
export async function listThreads(options: { before?: number; limit?: number; origin?: string } = {}): Promise<ThreadRecord[]> {
  const limit = options.limit ?? 50;
  const range = options.before === undefined ? null : IDBKeyRange.upperBound(options.before, true);
  const out: ThreadRecord[] = [];
  let cursor = await (await db()).transaction('threads').store.index('byUpdatedAt').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    if (!options.origin || cursor.value.origin === options.origin) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function markThreadRead(id: string): Promise<void> {
  const tx = (await db()).transaction('threads', 'readwrite');
  const thread = await tx.store.get(id);
  if (thread && thread.unread) await tx.store.put({ ...thread, unread: 0 });
  await tx.done;
}

export async function unreadTotal(): Promise<number> {
  let total = 0;
  for (const t of await (await db()).getAll('threads')) total += t.unread;
  return total;
}
