import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser } from '../test/fake-browser';

// Discovery that starts when the tab commits, before the page can report its <link> hints: the
// page's report must still add the hints (asked once), and never ask the well-known paths twice.
let fake = createFakeBrowser();
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, k) => (fake as Record<string | symbol, unknown>)[k] }) }));

const ORIGIN = 'https://shop.example';
const CARD = { name: 'Hinted agent', description: 'Only the page points at it', url: `${ORIGIN}/a2a`, version: '1.0.0', capabilities: {}, defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'], skills: [] };
let asked: string[] = [];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fake = createFakeBrowser();
  asked = [];
  vi.resetModules();
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(new URL(url).pathname);
    if (new URL(url).pathname === '/agents/card.json') return new Response(JSON.stringify(CARD), { headers: { 'content-type': 'application/json' } });
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('discovery at navigation', () => {
  it('adds the hints the page reports after the probe started, asking each URL once', async () => {
    const { discover } = await import('./discovery');
    const { recordVisit, getSite } = await import('../store/sites');
    const atNavigation = discover(ORIGIN, Date.now(), false, [], true);
    await recordVisit(ORIGIN, Date.now());
    // The page's report: one hint to a well-known path (already probed), one elsewhere.
    const hints = [['agents', '/.well-known/agents.json'], ['agent-card', '/agents/card.json']] as const;
    const fromPage = discover(ORIGIN, Date.now(), false, [...hints]);
    await Promise.all([atNavigation, fromPage]);

    const site = await getSite(ORIGIN);
    expect(site?.documents.map((d) => d.url)).toContain(`${ORIGIN}/agents/card.json`);
    expect(site?.probeAfter).toBeGreaterThan(Date.now());
    expect(site?.visits).toBe(1);
    expect(asked.filter((p) => p === '/agents/card.json')).toHaveLength(1);
    expect(asked.filter((p) => p === '/.well-known/agents.json')).toHaveLength(1);

    // Another tab of the same site reports the same hints: nothing more is asked.
    const before = asked.length;
    await discover(ORIGIN, Date.now(), false, [...hints]);
    expect(asked).toHaveLength(before);
  });

  it('stores what the probe found even when the page never reports', async () => {
    const { discover } = await import('./discovery');
    const { getSite } = await import('../store/sites');
    await discover(ORIGIN, Date.now(), false, [], true);
    const site = await getSite(ORIGIN);
    expect(site?.visits).toBe(0);
    expect(site?.probeAfter).toBeGreaterThan(Date.now());
    const probes = asked.length;
    await discover(ORIGIN, Date.now(), false, [], true);
    expect(asked).toHaveLength(probes);
  });
});
