import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordVisit, saveProbe } from '../store/sites';
import { cachedFetchText, documentTextCollector } from './document-cache';

const ORIGIN = 'http://127.0.0.1:4101';
const CARD = `${ORIGIN}/.well-known/agent-card.json`;

afterEach(() => vi.unstubAllGlobals());

describe('document cache', () => {
  it('answers from what discovery read while the site is fresh, and asks the site again after', async () => {
    const served: string[] = [];
    vi.stubGlobal('fetch', async (url: string | URL) => {
      served.push(String(url));
      return new Response('{"name":"fresh"}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const now = Date.now();
    await recordVisit(ORIGIN, now);
    const texts = documentTextCollector();
    texts.onText(CARD, '{"name":"kept"}');
    texts.onText(`${ORIGIN}/huge.json`, 'x'.repeat(600 * 1024));
    await texts.save(now);
    await saveProbe(ORIGIN, [], now + 60_000);

    expect(await cachedFetchText(CARD, 'agentsJson')).toBe('{"name":"kept"}');
    expect(served).toEqual([]);
    // Too large to keep: fetched when needed.
    expect(await cachedFetchText(`${ORIGIN}/huge.json`, 'agentsJson')).toBe('{"name":"fresh"}');
    expect(served).toEqual([`${ORIGIN}/huge.json`]);

    // The discovery cache expired: the kept copy is no longer trusted.
    await saveProbe(ORIGIN, [], now - 1);
    expect(await cachedFetchText(CARD, 'agentsJson')).toBe('{"name":"fresh"}');
    expect(served).toHaveLength(2);
  });
});
