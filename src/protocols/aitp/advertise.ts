// Where a site says it has an AITP agent. AITP specifies no discovery; Emissary reads (README, "for site owners"):
//   <link rel="aitp-agent" href="/aitp" title="Shop assistant">      in the page
//   agents.json:   "x-aitp": { "url": "https://shop.example/aitp", "name": "…" }   (or "aitp": "<url>")
//   A2A card:      "additionalInterfaces": [{ "transport": "AITP", "url": "…" }]
//   ANP:           an interface entry with "protocol": "AITP" and a "url"
// The agent URL is the T01 base (`<url>/v1/thread`); a URL ending in /v1 is served the NEAR AI Hub way.
// Only agents on the page's own site count (http only on this machine).
import { isSameSite } from '../discovery/page-hints';
import type { Dialect } from './build';

export interface AitpAgentRef {
  url: string;
  name?: string;
  dialect: Dialect;
  /** Where it was found: `link`, or the document URL. */
  via: string;
}

const MAX_NODES = 4_000;
const isLoopback = (u: URL) => /^(localhost|127\.0\.0\.1|\[::1\])$/.test(u.hostname);

/** An agent URL on the site of `base`, normalised; null when it is elsewhere or not a URL. */
export function aitpAgentUrl(href: string, base: string): string | null {
  try {
    const b = new URL(base);
    const u = new URL(href.trim().slice(0, 2000), b);
    const secure = u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u) && isLoopback(b));
    if (!secure || u.username || u.password || !isSameSite(u, b)) return null;
    u.hash = '';
    u.search = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

const dialectOf = (url: string): Dialect => (/\/v1$/.test(url) ? 'hub' : 'spec');
const shortName = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 80) : undefined);

/** `<link>` tuples as the content script reports them ([rel, href, type, title?]). */
export function aitpAgentsInLinks(links: unknown, pageUrl: string): AitpAgentRef[] {
  if (!Array.isArray(links)) return [];
  const out: AitpAgentRef[] = [];
  for (const l of links.slice(0, 32)) {
    if (!Array.isArray(l) || typeof l[0] !== 'string' || typeof l[1] !== 'string') continue;
    if (!l[0].toLowerCase().split(/\s+/).some((r) => r === 'aitp-agent' || r === 'aitp')) continue;
    const url = aitpAgentUrl(l[1], pageUrl);
    if (url && !out.some((a) => a.url === url)) out.push({ url, dialect: dialectOf(url), via: 'link', ...(shortName(l[3]) ? { name: shortName(l[3]) } : {}) });
  }
  return out.slice(0, 4);
}

/** AITP agents named in a discovery document (agents.json, A2A card, ANP description), any depth. */
export function aitpAgentsInDocument(doc: unknown, docUrl: string): AitpAgentRef[] {
  const out: AitpAgentRef[] = [];
  let nodes = 0;
  const add = (href: unknown, name: unknown) => {
    if (typeof href !== 'string') return;
    const url = aitpAgentUrl(href, docUrl);
    if (url && !out.some((a) => a.url === url)) out.push({ url, dialect: dialectOf(url), via: docUrl, ...(shortName(name) ? { name: shortName(name) } : {}) });
  };
  const walk = (v: unknown, depth: number): void => {
    if (++nodes > MAX_NODES || depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.slice(0, 200).forEach((x) => walk(x, depth + 1));
    const o = v as Record<string, unknown>;
    for (const key of ['x-aitp', 'aitp']) {
      const entry = o[key];
      if (typeof entry === 'string') add(entry, undefined);
      else if (entry && typeof entry === 'object' && !Array.isArray(entry)) add((entry as Record<string, unknown>).url, (entry as Record<string, unknown>).name);
    }
    const marker = [o.transport, o.protocol, o.protocolType].find((x) => typeof x === 'string' && /^aitp(\b|-|$)/i.test(x));
    if (marker) add(o.url ?? o.endpoint ?? o.serviceEndpoint, o.name ?? o.title);
    for (const [k, x] of Object.entries(o)) if (k !== 'x-aitp' && k !== 'aitp') walk(x, depth + 1);
  };
  walk(doc, 0);
  return out.slice(0, 4);
}
