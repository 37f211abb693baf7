// Page hints: `<link rel=… href=… type=…>` elements (and `Link:` headers) a page uses to point at its
// discovery documents. The content script reports them as tuples; everything here is untrusted.
//
// Only `rel="ai-catalog"` is specified (AI Catalog; discovery.md §4.1). The other rel values below are
// Emissary's inference from each protocol's file and media type names; media types (`type=`) decide
// first, because `rel="alternate"` / `"describedby"` / `"service-desc"` carry no kind of their own.
import { JSON_ACCEPT, WELL_KNOWN_PROBES, type DocumentFormat, type DocumentKind } from './well-known';

/** `[rel, href]` or `[rel, href, type]`, as the content script reports a `<link>`. */
export type PageHintInput = readonly [rel: string, href: string] | readonly [rel: string, href: string, type: string];

export interface PageHint {
  /** Absolute, same-site URL. */
  url: string;
  kind: DocumentKind;
  format: DocumentFormat;
  accept: string;
  /** The rel token that matched (or the media type, for rel="alternate" and friends). */
  via: string;
}

export const MAX_PAGE_HINTS = 8;

const TYPE_KINDS: Record<string, DocumentKind> = {
  'application/ai-catalog+json': 'ai-catalog',
  'application/a2a-agent-card+json': 'a2a-agent-card',
  'application/agent-card+json': 'a2a-agent-card',
  'application/a2a+json': 'a2a-agent-card',
  'application/mcp-server-card+json': 'mcp-server-card',
  'application/mcp-server+json': 'mcp-server-card',
  'application/td+json': 'lmos-thing-description',
  'application/did+json': 'did-document',
  'application/did+ld+json': 'did-document',
};

const REL_KINDS: Record<string, DocumentKind> = {
  'ai-catalog': 'ai-catalog',
  'mcp-catalog': 'ai-catalog',
  agents: 'wildcard-agents-json',
  'agents-json': 'wildcard-agents-json',
  'agent-card': 'a2a-agent-card',
  'a2a-agent-card': 'a2a-agent-card',
  a2a: 'a2a-agent-card',
  'agent-descriptions': 'anp-agent-descriptions',
  'agent-description': 'anp-agent-description',
  'mcp-server-card': 'mcp-server-card',
  'server-card': 'mcp-server-card',
  mcp: 'mcp-server-card',
  wot: 'lmos-thing-description',
  'llms-txt': 'llms-txt',
  llms: 'llms-txt',
};

function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/** Same site, approximately (no public-suffix list): same host up to `www.`, or one a subdomain of the other. */
export function isSameSite(a: URL, b: URL): boolean {
  const x = hostOf(a);
  const y = hostOf(b);
  return x === y || (x.endsWith(`.${y}`) && y.includes('.')) || (y.endsWith(`.${x}`) && x.includes('.'));
}

function isLoopback(url: URL): boolean {
  return /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname) || url.hostname.endsWith('.localhost');
}

function acceptFor(kind: DocumentKind): string {
  return WELL_KNOWN_PROBES.find((p) => p.kinds[0] === kind)?.accept ?? JSON_ACCEPT;
}

/**
 * Which discovery documents a page points at. Returns absolute https URLs on the page's site (http only
 * when the page itself is on this machine), each with the kind expected there; at most 8, no duplicates.
 * Links to other sites, unknown rels and malformed entries are ignored.
 */
export function parsePageHints(links: ReadonlyArray<PageHintInput>, baseUrl: string): PageHint[] {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return [];
  }
  if (!Array.isArray(links)) return [];
  const out: PageHint[] = [];
  for (const link of links.slice(0, 64)) {
    if (!Array.isArray(link) || typeof link[0] !== 'string' || typeof link[1] !== 'string') continue;
    const type = typeof link[2] === 'string' ? link[2].split(';')[0].trim().toLowerCase() : '';
    const rels = link[0].toLowerCase().split(/\s+/).filter(Boolean);
    const byType = TYPE_KINDS[type];
    const rel = rels.find((r) => REL_KINDS[r]);
    const kind = byType ?? (rel ? REL_KINDS[rel] : undefined);
    if (!kind) continue;
    let url: URL;
    try {
      url = new URL(link[1].trim().slice(0, 2000), base);
    } catch {
      continue;
    }
    url.hash = '';
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url) && isLoopback(base));
    if (!secure || url.username || url.password || !isSameSite(url, base)) continue;
    if (out.some((h) => h.url === url.href)) continue;
    out.push({ url: url.href, kind, format: kind === 'llms-txt' ? 'markdown' : 'json', accept: acceptFor(kind), via: byType ? type : (rel as string) });
    if (out.length >= MAX_PAGE_HINTS) break;
  }
  return out;
}
