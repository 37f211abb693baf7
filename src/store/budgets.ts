// Spending policy records: one per site (its budget, whether it is blocked) and the global caps.
import { db } from './db';
import { saving } from './storage-errors';
import type { BudgetRecord, GlobalCapsRecord, SitePolicyRecord } from './schema';
import { parseLimit, type GlobalCap, type SiteBudget } from '../wallet/budget';

/** The key of the global caps record: not an origin any site can have. */
export const GLOBAL_CAPS_KEY = '*' as const;

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** An http(s) origin in canonical form, or a PolicyError. */
export function canonicalOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new PolicyError(`not a site origin: ${JSON.stringify(String(origin).slice(0, 80))}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
    throw new PolicyError(`not a site origin (like https://shop.example): ${JSON.stringify(origin.slice(0, 80))}`);
  }
  return url.origin;
}

function checkLimit(limit: string): void {
  if (parseLimit(limit) === undefined) throw new PolicyError(`a limit must be a whole number of token units, got ${JSON.stringify(limit)}`);
}

export const isSitePolicy = (r: BudgetRecord | undefined): r is SitePolicyRecord => r?.kind === 'site';

export async function getSitePolicy(origin: string): Promise<SitePolicyRecord | undefined> {
  const r = await (await db()).get('budgets', origin);
  return isSitePolicy(r) ? r : undefined;
}

export async function listSitePolicies(): Promise<SitePolicyRecord[]> {
  return (await (await db()).getAll('budgets')).filter(isSitePolicy);
}

async function updateSitePolicy(origin: string, now: number, change: (p: SitePolicyRecord) => void): Promise<SitePolicyRecord> {
  const key = canonicalOrigin(origin);
  return saving(async () => {
  const tx = (await db()).transaction('budgets', 'readwrite');
  void tx.done.catch(() => undefined); // a refused write rejects its put; the abort must not go unhandled too
  const existing = await tx.store.get(key);
  const policy: SitePolicyRecord = isSitePolicy(existing) ? { ...existing } : { kind: 'site', origin: key, updatedAt: now };
  change(policy);
  policy.updatedAt = now;
  await tx.store.put(policy);
  await tx.done;
  return policy;
  });
}

/** Sets (or, with null, removes) a site's daily budget. */
export async function setSiteBudget(origin: string, budget: Omit<SiteBudget, 'origin'> | null, now: number): Promise<SitePolicyRecord> {
  if (budget) {
    checkLimit(budget.limit);
    if (budget.period !== 'day') throw new PolicyError('budgets are per rolling day');
  }
  return updateSitePolicy(origin, now, (p) => {
    if (budget) p.budget = { origin: p.origin, chainId: budget.chainId, asset: budget.asset, limit: budget.limit, period: 'day' };
    else delete p.budget;
  });
}

export async function setOriginBlocked(origin: string, blocked: boolean, now: number): Promise<SitePolicyRecord> {
  return updateSitePolicy(origin, now, (p) => {
    if (blocked) p.blockedAt ??= now;
    else delete p.blockedAt;
  });
}

export async function isOriginBlocked(origin: string): Promise<boolean> {
  return (await getSitePolicy(origin))?.blockedAt !== undefined;
}

export async function getGlobalCaps(): Promise<GlobalCap[]> {
  const r = (await (await db()).get('budgets', GLOBAL_CAPS_KEY)) as GlobalCapsRecord | undefined;
  return r?.kind === 'global' ? r.caps : [];
}

/** Sets (or, with limit null, removes) the cap across all sites for one token. */
export async function setGlobalCap(cap: { chainId: number; asset: string; limit: string | null }, now: number): Promise<GlobalCap[]> {
  if (cap.limit !== null) checkLimit(cap.limit);
  return saving(async () => {
  const tx = (await db()).transaction('budgets', 'readwrite');
  void tx.done.catch(() => undefined); // a refused write rejects its put; the abort must not go unhandled too
  const existing = (await tx.store.get(GLOBAL_CAPS_KEY)) as GlobalCapsRecord | undefined;
  const same = (c: GlobalCap) => c.chainId === cap.chainId && c.asset.toLowerCase() === cap.asset.toLowerCase();
  const caps = (existing?.caps ?? []).filter((c) => !same(c));
  if (cap.limit !== null) caps.push({ chainId: cap.chainId, asset: cap.asset, limit: cap.limit, period: 'day' });
  await tx.store.put({ kind: 'global', origin: GLOBAL_CAPS_KEY, caps, updatedAt: now });
  await tx.done;
  return caps;
  });
}
