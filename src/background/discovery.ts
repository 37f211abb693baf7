import browser from 'webextension-polyfill';
import type { SiteDocument } from '../shared/api';
import { getSite, recordVisit, saveProbe } from '../store/sites';

// Discovery requests carry no cookies, time out, are size-capped and cached per origin.
export const PROBE_TIMEOUT_MS = 5_000;
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const HIT_TTL_MS = 60 * 60_000;
export const MISS_TTL_MS = 15 * 60_000;

const inFlight = new Map<string, Promise<SiteDocument[]>>();

async function readCapped(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new Error(`larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

async function fetchDocument(url: string): Promise<string | null> {
  const response = await fetch(url, {
    credentials: 'omit',
    redirect: 'follow',
    cache: 'no-store',
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return null;
  return readCapped(response, MAX_DOCUMENT_BYTES);
}

async function probeAgentsJson(origin: string, now: number): Promise<SiteDocument | null> {
  const url = `${origin}/.well-known/agents.json`;
  let text: string | null;
  try {
    text = await fetchDocument(url);
  } catch (err) {
    return { kind: 'agents.json', url, fetchedAt: now, problems: [`agents.json: could not be fetched (${(err as Error).message})`] };
  }
  if (text === null) return null;
  try {
    const doc = JSON.parse(text) as { info?: { title?: unknown; description?: unknown }; flows?: unknown[] };
    const flows = Array.isArray(doc.flows) ? doc.flows.length : 0;
    return {
      kind: 'agents.json',
      url,
      fetchedAt: now,
      title: typeof doc.info?.title === 'string' ? doc.info.title.slice(0, 200) : undefined,
      summary: `${flows} flow${flows === 1 ? '' : 's'}`,
      problems: [],
    };
  } catch {
    return { kind: 'agents.json', url, fetchedAt: now, problems: ['agents.json: is not valid JSON'] };
  }
}

/** Probes an origin's well-known documents unless a cached answer is still fresh. */
export async function discover(origin: string, now = Date.now(), fresh = false): Promise<SiteDocument[]> {
  const site = await getSite(origin);
  if (site && site.probeAfter > now && !fresh) return site.documents;
  let pending = inFlight.get(origin);
  if (!pending) {
    pending = (async () => {
      const docs = (await Promise.all([probeAgentsJson(origin, now)])).filter((d): d is SiteDocument => d !== null);
      await saveProbe(origin, docs, now + (docs.length ? HIT_TTL_MS : MISS_TTL_MS));
      return docs;
    })().finally(() => inFlight.delete(origin));
    inFlight.set(origin, pending);
  }
  return pending;
}

export function originOfSender(sender: browser.Runtime.MessageSender): string | null {
  if (!sender.tab || !sender.url) return null;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export async function onPageVisit(origin: string, tabId: number | undefined, probe: boolean): Promise<void> {
  await recordVisit(origin, Date.now());
  if (!probe) return;
  const docs = await discover(origin);
  if (tabId !== undefined) {
    const found = docs.filter((d) => d.problems.length === 0).length;
    await browser.action.setBadgeText({ tabId, text: found ? String(found) : '' });
    if (found) await browser.action.setBadgeBackgroundColor({ tabId, color: '#4f46e5' });
  }
}
