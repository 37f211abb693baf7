import { db } from './db';
import type { SiteRecord } from './schema';
import type { SiteDocument } from '../shared/api';

export async function getSite(origin: string): Promise<SiteRecord | undefined> {
  return (await db()).get('sites', origin);
}

/** Counts a visit; one transaction, so two tabs loading the same site at once both count. */
export async function recordVisit(origin: string, now: number): Promise<SiteRecord> {
  const tx = (await db()).transaction('sites', 'readwrite');
  const existing = await tx.store.get(origin);
  const site: SiteRecord = existing
    ? { ...existing, lastSeen: now, visits: existing.visits + 1 }
    : { origin, firstSeen: now, lastSeen: now, visits: 1, documents: [], probeAfter: 0 };
  await tx.store.put(site);
  await tx.done;
  return site;
}

export async function saveProbe(origin: string, documents: SiteDocument[], probeAfter: number, agentsJson?: SiteRecord['agentsJson']): Promise<void> {
  const tx = (await db()).transaction('sites', 'readwrite');
  // Discovery may start when a tab commits, before the page's visit is recorded: then it creates the record.
  const now = Date.now();
  const site = (await tx.store.get(origin)) ?? { origin, firstSeen: now, lastSeen: now, visits: 0, documents: [], probeAfter: 0 };
  await tx.store.put({ ...site, documents, probeAfter, ...(agentsJson !== undefined ? { agentsJson } : {}) });
  await tx.done;
}

/** The most recently visited site, for when the active tab is not a web page (e.g. Emissary's own page). */
export async function latestSite(): Promise<SiteRecord | undefined> {
  const cursor = await (await db()).transaction('sites').store.index('byLastSeen').openCursor(null, 'prev');
  return cursor?.value;
}
