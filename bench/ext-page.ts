// Reading and seeding Emissary's idb ('emissary') from one of its own pages (same origin as the
// service worker), and polling what the extension shows. Never opens the DB before the worker
// has created it: an open without a version would create an empty v1 and break its migrations.
import type { Page } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import type { MessageRecord, PaymentRecord, SiteRecord, ThreadRecord } from '../src/store/schema';
import { DB_NAME } from '../src/store/schema';
import { DB_VERSION } from '../src/store/db';

/** A page of the extension (its popup page, in a tab) to run IndexedDB and chrome.* calls in. */
export async function extensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await waitForDb(page);
  return page;
}

export async function waitForDb(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    async ([name, version]) => (await indexedDB.databases()).some((d) => d.name === name && (d.version ?? 0) >= (version as number)),
    [DB_NAME, DB_VERSION] as const,
    { timeout: timeoutMs, polling: 50 },
  );
}

/** The stored site record of `origin`, or null. */
export function readSite(page: Page, origin: string): Promise<SiteRecord | null> {
  return page.evaluate(
    ([name, key]) =>
      new Promise<SiteRecord | null>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('sites').objectStore('sites').get(key);
          get.onsuccess = () => {
            resolve((get.result as SiteRecord | undefined) ?? null);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    [DB_NAME, origin] as const,
  );
}

/** Waits until discovery has stored its answer for `origin` (a probe time is set). */
export async function waitForProbe(page: Page, origin: string, timeoutMs = 20_000): Promise<SiteRecord> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const site = await readSite(page, origin);
    if (site && site.probeAfter > 0) return site;
    if (Date.now() > until) throw new Error(`discovery stored nothing for ${origin} within ${timeoutMs} ms`);
    await page.waitForTimeout(25);
  }
}

/** Empties `stores`, then writes `records` into each, in one transaction per 2,000 records. */
export async function seedStores(page: Page, data: { sites: SiteRecord[]; payments: PaymentRecord[]; threads?: ThreadRecord[]; messages?: MessageRecord[] }): Promise<void> {
  // Batches: [store, records] with null records meaning "clear the store". No named inner functions
  // here: the bundler would wrap them in a helper that does not exist in the page.
  const batches: [string, unknown[] | null][] = [];
  for (const [store, records] of Object.entries(data)) {
    batches.push([store, null]);
    for (let i = 0; i < records.length; i += 2_000) batches.push([store, JSON.parse(JSON.stringify(records.slice(i, i + 2_000)))]);
  }
  await page.evaluate(
    async ([name, input]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const [store, records] of input as [string, unknown[] | null][]) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite');
          if (records) for (const r of records) tx.objectStore(store).put(r);
          else tx.objectStore(store).clear();
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    [DB_NAME, batches as unknown] as const,
  );
}

/** Read times in the extension's own idb, median of `n` of each, in ms: the queries the popup makes. */
export function timeReads(page: Page, probe: { origin: string; threadId: string }, n = 30): Promise<{ site: number; payments: number; messages: number }> {
  return page.evaluate(
    async ([name, origin, threadId, runs]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const out: Record<string, number[]> = { site: [], payments: [], messages: [] };
      for (let i = 0; i < (runs as number); i++) {
        // One site by key (the Site view).
        let t = performance.now();
        await new Promise((resolve, reject) => {
          const get = db.transaction('sites').objectStore('sites').get(origin as string);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
        out.site.push(performance.now() - t);
        // The newest 100 payments (Wallet history), through the byCreatedAt index.
        t = performance.now();
        await new Promise<void>((resolve, reject) => {
          const cursor = db.transaction('payments').objectStore('payments').index('byCreatedAt').openCursor(null, 'prev');
          let left = 100;
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c && --left > 0) c.continue();
            else resolve();
          };
          cursor.onerror = () => reject(cursor.error);
        });
        out.payments.push(performance.now() - t);
        // The last 50 messages of a thread (the thread view), through the byThread index.
        t = performance.now();
        await new Promise<void>((resolve, reject) => {
          const range = IDBKeyRange.bound([threadId, 0], [threadId, Number.MAX_SAFE_INTEGER]);
          const cursor = db.transaction('messages').objectStore('messages').index('byThread').openCursor(range, 'prev');
          let left = 50;
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c && --left > 0) c.continue();
            else resolve();
          };
          cursor.onerror = () => reject(cursor.error);
        });
        out.messages.push(performance.now() - t);
      }
      db.close();
      const result: Record<string, number> = {};
      for (const key of Object.keys(out)) {
        const sorted = out[key].sort((a, b) => a - b);
        result[key] = sorted[Math.floor(sorted.length / 2)];
      }
      return result as { site: number; payments: number; messages: number };
    },
    [DB_NAME, probe.origin, probe.threadId, n] as const,
  );
}
