// Scale of the background in Node: the real background discovery module and stores (fake-indexeddb,
// as in the unit tests) discover 1,000 sites and hold 10,000 messages; the JS heap after a full GC
// is read at each step. fake-indexeddb keeps every record in the JS heap, so growth per item here
// includes the store itself (in the browser idb lives on disk); what must hold is that the heap stays
// bounded once the data is stored: discovering every site again, or reading every message back,
// must not grow it (nothing kept per site or per message outside the store).
import 'fake-indexeddb/auto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startDemoSites } from '../e2e/demo/server';
import { runs } from './common';
import type { Figure } from './report';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMb(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Runs `task` for 0..n-1, `width` at a time. */
async function pool(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await task(next++);
  }));
}

const mb = (x: number) => `${x.toFixed(1)} MB`;
const kb = (x: number) => `${(x * 1024).toFixed(1)} KB`;

export async function measureScale(siteCount = runs(1_000, 40), messageCount = runs(10_000, 400)): Promise<Figure[]> {
  const demo = await startDemoSites();
  // The background module imports webextension-polyfill, which only loads in an extension: a stub
  // with an id is enough, discovery itself calls no browser API. Every site is served by the demo
  // travel agent (A2A card, ANP description), reached through a fetch that maps the host to it.
  const g = globalThis as unknown as { browser?: unknown; chrome?: unknown; fetch: typeof fetch };
  const stub = { runtime: { id: 'emissary-bench' } };
  g.chrome ??= stub;
  g.browser ??= stub;
  const realFetch = g.fetch;
  g.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname.endsWith('.example')) return realFetch(`${demo.origins.agent}${url.pathname}${url.search}`, init);
    return realFetch(input, init);
  }) as typeof fetch;
  try {
    const { discover } = await import('../src/background/discovery');
    const { recordVisit, getSite } = await import('../src/store/sites');
    const { createThread, appendMessages, listMessages, listThreads } = await import('../src/store/threads');
    const origin = (i: number) => `https://site-${i}.example`;

    await getSite('https://warm-up.example'); // opens the database: its cost is not per item
    const h0 = heapMb();
    await pool(siteCount, 8, async (i) => {
      await recordVisit(origin(i), Date.now());
      await discover(origin(i));
    });
    const h1 = heapMb();
    const sample = await getSite(origin(0));
    if (!sample?.documents.length) throw new Error('discovery stored no document for the demo agent');
    const storedKb = JSON.stringify(sample).length / 1024;
    await pool(siteCount, 8, (i) => discover(origin(i), Date.now(), true));
    const h2 = heapMb();

    const threads = Math.max(1, Math.round(messageCount / 100));
    const perThread = Math.round(messageCount / threads);
    const now = Date.now();
    for (let t = 0; t < threads; t++) {
      const id = `bench-thread-${t}`;
      await createThread({ id, origin: origin(t % siteCount), protocol: 'aitp', agent: { url: `${origin(t)}/aitp`, name: `Agent ${t}` }, title: `Trip ${t}`, state: 'done', createdAt: now, updatedAt: now, remote: {} });
      const batch = Array.from({ length: perThread }, (_, k) => ({
        direction: (k % 2 ? 'in' : 'out') as 'in' | 'out',
        createdAt: now + k,
        kind: 'text',
        text: `Message ${k} of thread ${t}: a few sentences about a trip, dates and a price, as an agent would write them.`,
        remoteId: `m-${k}`,
      }));
      for (let k = 0; k < batch.length; k += 50) await appendMessages(id, batch.slice(k, k + 50), { now });
    }
    const h3 = heapMb();
    let read = 0;
    for (const thread of await listThreads({ limit: threads })) read += (await listMessages(thread.id, { limit: perThread })).length;
    const h4 = heapMb();
    if (read < threads * perThread) throw new Error(`read back ${read} of ${threads * perThread} messages`);

    return [
      {
        name: `Background heap after discovering the ${siteCount.toLocaleString('en')} stored sites again ÷ after the first discovery`,
        ratio: h2 / h1,
        target: 1.1,
        absolute: `${mb(h0)} → ${mb(h1)} after ${siteCount.toLocaleString('en')} sites (+${kb((h1 - h0) / siteCount)}/site, of which the stored record is ${storedKb.toFixed(1)} KB as JSON) → ${mb(h2)} after discovering them again`,
      },
      {
        name: `Background heap after reading ${(threads * perThread).toLocaleString('en')} messages back ÷ after storing them`,
        ratio: h4 / h3,
        target: 1.1,
        absolute: `${mb(h2)} → ${mb(h3)} with ${(threads * perThread).toLocaleString('en')} messages in ${threads} threads (+${kb((h3 - h2) / (threads * perThread))}/message, store included) → ${mb(h4)} after reading all back`,
      },
    ];
  } finally {
    g.fetch = realFetch;
    if (g.chrome === stub) delete g.chrome;
    if (g.browser === stub) delete g.browser;
    await demo.close();
  }
}
