import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_NAME, type EmissaryDB } from './schema';

type UpgradeTx = IDBPTransaction<EmissaryDB, StoreNames<EmissaryDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<EmissaryDB>, tx: UpgradeTx) => void;

// Append-only: migration N takes a version N-1 database to version N. Never edit a shipped one.
export const MIGRATIONS: Migration[] = [
  // 1: key-value records (vault ciphertext, settings) and the sites Emissary has seen.
  (db) => {
    db.createObjectStore('kv');
    db.createObjectStore('sites', { keyPath: 'origin' });
  },
  // 2: the approval queue, and lookups of sites by recency for the Site history.
  (db, tx) => {
    const approvals = db.createObjectStore('approvals', { keyPath: 'id' });
    approvals.createIndex('byStatus', 'status');
    approvals.createIndex('byOrigin', 'origin');
    tx.objectStore('sites').createIndex('byLastSeen', 'lastSeen');
  },
  // 3: agents.json flow runs, so a run's progress and result outlive the popup and the worker.
  (db) => {
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('byOrigin', 'origin');
  },
  // 4: x402 payments (the money approval queue, every step persisted) and per-site budgets,
  // blocked sites and the global daily caps (one store, keyed by origin; caps under '*').
  (db) => {
    const payments = db.createObjectStore('payments', { keyPath: 'id' });
    payments.createIndex('byOrigin', 'origin');
    payments.createIndex('byStatus', 'status');
    payments.createIndex('byCreatedAt', 'createdAt');
    db.createObjectStore('budgets', { keyPath: 'origin' });
  },
  // 5: conversations with site agents of every protocol (AITP, ANP, Agora, LMOS) and their
  // messages, plus small per-feature records (MCP servers, protocol documents, identities…)
  // that share one store so a feature needs no migration of its own.
  (db) => {
    const threads = db.createObjectStore('threads', { keyPath: 'id' });
    threads.createIndex('byUpdatedAt', 'updatedAt');
    threads.createIndex('byOrigin', 'origin');
    const messages = db.createObjectStore('messages', { keyPath: 'id' });
    messages.createIndex('byThread', ['threadId', 'seq']);
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('byKind', 'kind');
  },
];

export const DB_VERSION = MIGRATIONS.length;

export function openEmissaryDB(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<EmissaryDB>> {
  return openDB<EmissaryDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v](db, tx);
    },
  });
}

let shared: Promise<IDBPDatabase<EmissaryDB>> | null = null;

/** The background's one connection, opened on first use. */
export function db(): Promise<IDBPDatabase<EmissaryDB>> {
  shared ??= openEmissaryDB().catch((err) => {
    shared = null;
    throw err;
  });
  return shared;
}
