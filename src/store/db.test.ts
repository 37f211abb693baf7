import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS, openEmissaryDB } from './db';

let n = 0;
const fresh = () => `emissary-test-${++n}`;

describe('emissary database', () => {
  it('creates every store and index of the current version', async () => {
    const db = await openEmissaryDB(fresh());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['approvals', 'budgets', 'kv', 'messages', 'payments', 'records', 'runs', 'sites', 'threads']);
    const tx = db.transaction(['sites', 'approvals']);
    expect([...tx.objectStore('sites').indexNames]).toEqual(['byLastSeen']);
    expect([...tx.objectStore('approvals').indexNames].sort()).toEqual(['byOrigin', 'byStatus']);
    db.close();
  });

  it('upgrades a version-1 database without losing its records', async () => {
    const name = fresh();
    const v1 = await openEmissaryDB(name, 1);
    await v1.put('kv', { autoLockMinutes: 5, theme: 'dark', discovery: 'all' }, 'settings');
    await v1.put('sites', { origin: 'https://a.example', firstSeen: 1, lastSeen: 2, visits: 3, documents: [], probeAfter: 0 });
    v1.close();

    const db = await openEmissaryDB(name);
    expect(await db.get('kv', 'settings')).toEqual({ autoLockMinutes: 5, theme: 'dark', discovery: 'all' });
    const latest = await db.transaction('sites').store.index('byLastSeen').openCursor(null, 'prev');
    expect(latest?.value.origin).toBe('https://a.example');
    await db.put('approvals', { id: 'a1', origin: 'https://a.example', kind: 'payment', status: 'pending', createdAt: 1, expiresAt: 2, payload: { title: 't', summary: 's', details: [] } });
    expect(await db.countFromIndex('approvals', 'byStatus', 'pending')).toBe(1);
    db.close();
  });

  it('runs each migration once, in order', async () => {
    const name = fresh();
    (await openEmissaryDB(name, 1)).close();
    (await openEmissaryDB(name, 2)).close();
    (await openEmissaryDB(name, 3)).close();
    (await openEmissaryDB(name, 4)).close();
    (await openEmissaryDB(name, 5)).close();
    const raw = await openDB(name);
    expect(raw.version).toBe(MIGRATIONS.length);
    raw.close();
  });
});
