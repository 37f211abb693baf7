// Discovery in the background: on a page visit, ask the site (once per cache lifetime, however
// many tabs) for every agent document it declares, keep the normalised result in idb, and show the
// count on the tab's badge.
import browser from 'webextension-polyfill';
import type { SiteDocument } from '../shared/api';
import { getSite, recordVisit, saveProbe } from '../store/sites';
import { discoverSite, type DiscoveredDocument } from '../protocols/discovery/discover-site';
import type { AgentsJsonDiscovery } from '../protocols/discovery/follow';
import type { DiscoveryFetch } from '../protocols/discovery/fetch-document';
import type { PageHintInput } from '../protocols/discovery/page-hints';
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

/** Probes an origin's well-known documents unless a cached answer is still fresh. */
export async function discover(origin: string, now = Date.now(), fresh = false, hints: PageHintInput[] = []): Promise<SiteDocument[]> {
  const site = await getSite(origin);
  if (site && site.probeAfter > now && !fresh) return site.documents;
  let pending = inFlight.get(origin);
  if (!pending) {
    pending = (async () => {
      const result = await discoverSite(origin, { fetch: discoveryFetch, now: () => Date.now(), hints });
      const docs = result.documents.map((d) => toSiteDocument(d, result.fetchedAt));
      const kept = (site?.documents ?? []).filter((d) => d.kind === 'webmcp');
      const all = [...docs, ...kept];
      // Flows run from what discovery already fetched: no second request for the same documents.
      const agents = result.documents.find((d) => d.kind === 'wildcard-agents-json' && d.url === `${origin}/.well-known/agents.json`)?.detail as AgentsJsonDiscovery | undefined;
      const agentsJson = agents?.ok && agents.resolution ? { doc: agents.doc, resolution: agents.resolution } : undefined;
      forgetFlows(origin);
      await saveProbe(origin, all, now + cacheLifetime(docs.length, result.cache.map((c) => c.maxAgeMs)), agentsJson);
      return all;
    })().finally(() => inFlight.delete(origin));
    inFlight.set(origin, pending);
  }
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

export function originOfSender(sender: browser.Runtime.MessageSender): string | null {
  if (!sender.tab || !sender.url) return null;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
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
  const docs = (await getSite(origin))?.documents ?? [];
  if (tabId !== undefined && (await pendingCount()) === 0) {
    const found = docs.filter((d) => d.problems.length === 0).length;
    await browser.action.setBadgeText({ tabId, text: found ? String(found) : '' });
    if (found) await browser.action.setBadgeBackgroundColor({ tabId, color: '#4f46e5' });
  }
}
