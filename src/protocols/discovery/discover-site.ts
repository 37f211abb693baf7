// discoverSite: every agent interface a site declares. Probes the well-known paths and the page's hints in
// parallel under the fetch policy, classifies and parses each hit, follows one level of links where a
// protocol needs it, and reports misses and cache lifetimes. Never throws.
import { problem } from '../agents-json/json';
import { EMPTY_SUMMARY } from './document';
import type { CacheEntry, DiscoveryFetch } from './fetch-document';
import { followLinks } from './follow';
import { parsePageHints, type PageHintInput } from './page-hints';
import { checkFetchUrl, PROBE_TIMEOUT_MS } from './policy';
import { DiscoverySession, type DiscoveredDocument, type Miss, type Target } from './session';
import { JSON_ACCEPT, probeForPath, WELL_KNOWN_PROBES, type DocumentKind, type WellKnownProbe } from './well-known';

export type { DiscoveredDocument, Miss } from './session';

export interface DiscoverDeps {
  /** `fetch` itself in the extension and in Node; injected in tests. */
  fetch: DiscoveryFetch;
  now: () => number;
  /** Defaults to the probes marked `byDefault`. */
  probes?: readonly WellKnownProbe[];
  /** `<link>` hints the page reported: `[rel, href]` or `[rel, href, type]`. */
  hints?: ReadonlyArray<PageHintInput>;
  /** Most links followed from one document (ANP items, catalog entries, OpenAPI sources, DID services). */
  maxFollow?: number;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** Every document text read (2xx, within the size cap), so a caller can keep what it already paid for. */
  onText?: (url: string, text: string) => void;
}

export interface SiteDiscovery {
  origin: string;
  fetchedAt: number;
  documents: DiscoveredDocument[];
  misses: Miss[];
  cache: CacheEntry[];
}

export const DEFAULT_MAX_FOLLOW = 10;

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
}

function siteProblem(origin: string, fetchedAt: number, text: string): SiteDiscovery {
  return {
    origin, fetchedAt, misses: [], cache: [],
    documents: [{ url: origin, kind: 'unknown', protocol: 'other', label: 'Site', summary: EMPTY_SUMMARY, problems: [problem('error', origin.slice(0, 120) || 'site', '', text)] }],
  };
}

function sessionFor(deps: DiscoverDeps, base: URL): DiscoverySession {
  return new DiscoverySession({
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? PROBE_TIMEOUT_MS,
    maxFollow: Math.max(0, Math.min(deps.maxFollow ?? DEFAULT_MAX_FOLLOW, 50)),
    allowLoopback: isLoopbackHost(base.hostname),
    onText: deps.onText,
  });
}

async function visitAndFollow(session: DiscoverySession, target: Target, probe: boolean): Promise<DiscoveredDocument[]> {
  const doc = await session.visit(target, probe);
  if (!doc) return [];
  return [doc, ...(await followLinks(session, doc))];
}

function parseBase(raw: string, fetchedAt: number): URL | SiteDiscovery {
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    return siteProblem(String(raw).slice(0, 200), fetchedAt, 'is not a web address; nothing was fetched');
  }
  const allowed = checkFetchUrl(base.href, isLoopbackHost(base.hostname));
  if (!allowed.ok) return siteProblem(base.origin, fetchedAt, `${allowed.reason}; discovery only fetches https (http only on this machine), so nothing was fetched`);
  return base;
}

/** Probes `origin` (any URL on the site will do) for every discovery document it declares. */
export async function discoverSite(origin: string, deps: DiscoverDeps): Promise<SiteDiscovery> {
  const fetchedAt = deps.now();
  const base = parseBase(origin, fetchedAt);
  if (!(base instanceof URL)) return base;
  const session = sessionFor(deps, base);
  const probes: Target[] = (deps.probes ?? WELL_KNOWN_PROBES.filter((p) => p.byDefault)).map((p) => ({ url: new URL(p.path, base.origin).href, kinds: p.kinds, format: p.format, accept: p.accept }));
  const hints: Target[] = parsePageHints(deps.hints ?? [], base.href)
    .filter((h) => !probes.some((p) => p.url === h.url))
    .map((h) => ({ url: h.url, kinds: [h.kind], format: h.format, accept: h.accept }));
  for (const t of [...probes, ...hints]) session.claim(t.url);
  const groups = await Promise.all([...probes.map((t) => visitAndFollow(session, t, true)), ...hints.map((t) => visitAndFollow(session, t, false))]);
  // Answers arrive in any order; report them in probe order.
  const order = new Map([...probes, ...hints].map((t, i) => [t.url, i]));
  const misses = [...session.misses].sort((a, b) => (order.get(a.url) ?? 0) - (order.get(b.url) ?? 0));
  const cache = [...session.cache.values()].sort((a, b) => (order.get(a.url) ?? order.size) - (order.get(b.url) ?? order.size));
  return { origin: base.origin, fetchedAt, documents: groups.flat(), misses, cache };
}

/**
 * Reads the one document at `url` (and what it links to), as if a page had pointed at it: a failure is a
 * document with an error, not a miss. A bare origin (path `/`) runs `discoverSite` instead.
 */
export async function discoverUrl(url: string, deps: DiscoverDeps, kinds?: DocumentKind[]): Promise<SiteDiscovery> {
  const fetchedAt = deps.now();
  const base = parseBase(url, fetchedAt);
  if (!(base instanceof URL)) return base;
  if (base.pathname === '/' && !base.search && !kinds) return discoverSite(base.origin, deps);
  const session = sessionFor(deps, base);
  const probe = probeForPath(base.pathname);
  const format = probe?.format ?? (/\.(txt|md)$/i.test(base.pathname) ? 'markdown' : 'json');
  const target: Target = {
    url: base.href, kinds: kinds ?? probe?.kinds ?? [], format,
    accept: probe?.accept ?? (format === 'markdown' ? 'text/markdown, text/plain;q=0.9' : `${JSON_ACCEPT}, application/*+json;q=0.9`),
  };
  session.claim(target.url);
  const documents = await visitAndFollow(session, target, false);
  return { origin: base.origin, fetchedAt, documents, misses: session.misses, cache: [...session.cache.values()] };
}
