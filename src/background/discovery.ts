// Discovery in the background: on a page visit, ask the site (once per cache lifetime, however
// many tabs) for every agent document it declares, keep the normalised result in idb, and show the
// count on the tab's badge.
import browser from 'webextension-polyfill';
import type { SiteDocument } from '../shared/api';
import { getSite, recordVisit, saveProbe } from '../store/sites';
import { documentTextCollector } from './document-cache';
import { discoverSite, type DiscoveredDocument } from '../protocols/discovery/discover-site';
import type { AgentsJsonDiscovery } from '../protocols/discovery/follow';
import type { DiscoveryFetch } from '../protocols/discovery/fetch-document';
import { parsePageHints, type PageHintInput } from '../protocols/discovery/page-hints';
import { WELL_KNOWN_PROBES } from '../protocols/discovery/well-known';
import { CACHE_TTL_MS } from '../protocols/discovery/policy';
import { normalizeWebMcpTools } from '../protocols/mcp';
import { pendingCount } from './badge';
import { forgetFlows } from './flows';

const MAX_TEXT = 300;
const inFlight = new Map<string, Promise<SiteDocument[]>>();

const discoveryFetch: DiscoveryFetch = (url, init) => fetch(url, init);

function toSiteDocument(d: DiscoveredDocument, fetchedAt: number): SiteDocument {
  return {
    kind: d.kind,
    protocol: d.protocol,
    label: d.label.slice(0, MAX_TEXT),
    url: d.url,
    fetchedAt,
    title: d.summary.name?.slice(0, MAX_TEXT),
    description: d.summary.description?.slice(0, MAX_TEXT),
    counts: d.summary.counts,
    problems: d.problems.filter((p) => p.severity === 'error').map((p) => p.message.slice(0, MAX_TEXT)),
    warnings: d.problems.filter((p) => p.severity !== 'error').map((p) => p.message.slice(0, MAX_TEXT)),
    signed: d.signed,
    verified: d.verified,
  };
}

/** How long the answer may be reused: the documents' own max-age (bounded), or the miss lifetime. */
function cacheLifetime(found: number, maxAges: number[]): number {
  if (!found) return CACHE_TTL_MS.miss;
  const shortest = maxAges.length ? Math.min(...maxAges) : CACHE_TTL_MS.hitDefault;
  return Math.min(Math.max(shortest, CACHE_TTL_MS.hitMin), CACHE_TTL_MS.hitMax);
}

/**
 * Origins whose probe started when a tab committed the navigation, before the page could report its
 * `<link>` hints: the first report of the page adds the hints not asked yet. In memory only (a worker
 * restart in between loses the hints until the cache expires); entries go with the first report or
 * after a minute.
 */
const awaitingHints = new Map<string, { at: number; asked: Set<string> }>();
const HINT_WAIT_MS = 60_000;
const DEFAULT_PROBE_PATHS = new Set(WELL_KNOWN_PROBES.filter((p) => p.byDefault).map((p) => p.path));

/** Probes an origin's well-known documents unless a cached answer is still fresh. */
export async function discover(origin: string, now = Date.now(), fresh = false, hints: PageHintInput[] = [], atNavigation = false): Promise<SiteDocument[]> {
  const waiting = awaitingHints.get(origin);
  if (waiting && !atNavigation) {
    awaitingHints.delete(origin);
    const late = hints.filter((h) => {
      const url = parsePageHints([h], origin)[0]?.url;
      return url !== undefined && !DEFAULT_PROBE_PATHS.has(new URL(url).pathname) && !waiting.asked.has(url);
    });
    if (late.length) return addHints(origin, late);
  }
  const site = await getSite(origin);
  if (site && site.probeAfter > now && !fresh) return site.documents;
  let pending = inFlight.get(origin);
  if (!pending) {
    if (atNavigation) {
      for (const [o, w] of awaitingHints) if (w.at < now - HINT_WAIT_MS) awaitingHints.delete(o);
      awaitingHints.set(origin, { at: now, asked: new Set() });
    }
    pending = (async () => {
      const texts = documentTextCollector();
      const result = await discoverSite(origin, { fetch: discoveryFetch, now: () => Date.now(), hints, onText: texts.onText });
      const docs = result.documents.map((d) => toSiteDocument(d, result.fetchedAt));
      const kept = (site?.documents ?? []).filter((d) => d.kind === 'webmcp');
      const all = [...docs, ...kept];
      // Flows run from what discovery already fetched: no second request for the same documents.
      const agents = result.documents.find((d) => d.kind === 'wildcard-agents-json' && d.url === `${origin}/.well-known/agents.json`)?.detail as AgentsJsonDiscovery | undefined;
      const agentsJson = agents?.ok && agents.resolution ? { doc: agents.doc, resolution: agents.resolution } : undefined;
      forgetFlows(origin);
      await texts.save(Date.now());
      await saveProbe(origin, all, now + cacheLifetime(docs.length, result.cache.map((c) => c.maxAgeMs)), agentsJson);
      return all;
    })().finally(() => inFlight.delete(origin));
    inFlight.set(origin, pending);
  }
  return pending;
}

/** The page's hints that the probe at navigation could not know: asked now, merged into what it stored. */
function addHints(origin: string, hints: PageHintInput[]): Promise<SiteDocument[]> {
  const before = inFlight.get(origin);
  // The hints are fetched alongside the running probe, and saved after it, so neither overwrites the other.
  const texts = documentTextCollector();
  const extra = discoverSite(origin, { fetch: discoveryFetch, now: () => Date.now(), hints, probes: [], onText: texts.onText });
  const pending = (async () => {
    await before?.catch(() => undefined);
    const result = await extra;
    const docs = result.documents.map((d) => toSiteDocument(d, result.fetchedAt));
    const site = await getSite(origin);
    const all = [...(site?.documents ?? []).filter((d) => !docs.some((n) => n.url === d.url)), ...docs];
    await texts.save(Date.now());
    await saveProbe(origin, all, site?.probeAfter ?? Date.now() + CACHE_TTL_MS.miss);
    return all;
  })().finally(() => {
    if (inFlight.get(origin) === pending) inFlight.delete(origin);
  });
  inFlight.set(origin, pending);
  return pending;
}

/** In-page WebMCP tools (declarative forms) the content script saw: validated, then kept with the site. */
async function recordWebMcp(origin: string, forms: unknown, now: number): Promise<void> {
  if (!Array.isArray(forms) || forms.length === 0) return;
  const candidates = forms.slice(0, 64).map((f) => {
    const form = (f ?? {}) as { name?: unknown; description?: unknown; params?: unknown };
    const params = Array.isArray(form.params) ? (form.params as unknown[][]) : [];
    const properties = Object.fromEntries(
      params.filter((p) => Array.isArray(p) && typeof p[0] === 'string' && p[0]).map((p) => [p[0], { type: p[2] === 'number' ? 'number' : 'string', description: String(p[1] ?? '') }]),
    );
    return { name: form.name, description: form.description, inputSchema: { type: 'object', properties } };
  });
  const { tools, problems } = normalizeWebMcpTools(candidates);
  const site = await getSite(origin);
  if (!site) return;
  const doc: SiteDocument = {
    kind: 'webmcp',
    protocol: 'mcp',
    label: 'WebMCP tools in the page',
    url: origin,
    fetchedAt: now,
    title: tools.map((t) => t.name).join(', ').slice(0, MAX_TEXT),
    counts: { tools: tools.length },
    problems: problems.filter((p) => p.severity === 'error').map((p) => p.message.slice(0, MAX_TEXT)),
    warnings: problems.filter((p) => p.severity !== 'error').map((p) => p.message.slice(0, MAX_TEXT)),
  };
  await saveProbe(origin, [...site.documents.filter((d) => d.kind !== 'webmcp'), doc], site.probeAfter);
}

/** The origin of a web page (http or https), or null for anything else. */
export function originOfUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export function originOfSender(sender: browser.Runtime.MessageSender): string | null {
  if (!sender.tab || !sender.url) return null;
  return originOfUrl(sender.url);
}

export interface PageReport {
  links?: unknown;
  tools?: unknown;
}

function hintsFrom(links: unknown): PageHintInput[] {
  if (!Array.isArray(links)) return [];
  return links
    .slice(0, 16)
    .filter((l): l is string[] => Array.isArray(l) && l.every((x) => typeof x === 'string'))
    .map((l) => (l[2] ? [l[0], l[1], l[2]] : [l[0], l[1]]) as PageHintInput);
}

export async function onPageVisit(origin: string, tabId: number | undefined, probe: boolean, report: PageReport = {}): Promise<void> {
  const now = Date.now();
  await recordVisit(origin, now);
  if (!probe) return;
  await discover(origin, now, false, hintsFrom(report.links));
  await recordWebMcp(origin, report.tools, now);
  if (tabId !== undefined) await showCount(origin, tabId);
}

/**
 * A tab committed a navigation to `origin`: discovery starts now, alongside the page load, rather
 * than when the page is idle and its content script reports. The report still counts the visit,
 * adds the page's hints and its WebMCP tools.
 */
export async function onNavigation(origin: string, tabId: number): Promise<void> {
  const docs = await discover(origin, Date.now(), false, [], true);
  const [tab, pending] = await Promise.all([browser.tabs.get(tabId).catch(() => undefined), pendingCount()]);
  // The tab may have moved on while the probes ran (or not have committed yet: its content script will report).
  if (pending === 0 && tab?.url && originOfUrl(tab.url) === origin) await setCount(tabId, docs);
}

/** The tab's badge shows how many documents the site declares, unless decisions wait for the human. */
async function showCount(origin: string, tabId: number): Promise<void> {
  const docs = (await getSite(origin))?.documents ?? [];
  if ((await pendingCount()) !== 0) return;
  await setCount(tabId, docs);
}

async function setCount(tabId: number, docs: SiteDocument[]): Promise<void> {
  const found = docs.filter((d) => d.problems.length === 0).length;
  await browser.action.setBadgeText({ tabId, text: found ? String(found) : '' });
  if (found) await browser.action.setBadgeBackgroundColor({ tabId, color: '#4f46e5' });
}
