// ANP discovery (ANP-08): `GET /.well-known/agent-descriptions` returns a JSON-LD CollectionPage whose
// `items` point at agent descriptions (ad.json) and whose `next` points at the following page.
import { childPath, isObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { ANP_MAX_ENTRIES } from '../discovery/policy';
import { NAME_MAX, Reader, readJsonObject, typeList } from '../discovery/reader';

export interface AnpListedAgent {
  /** The ad.json URL (`@id`, or `url`). */
  url: string;
  name?: string;
  type?: string;
}

export interface AnpDescriptionsPage {
  /** The page's own `url`, as written. */
  url: string | null;
  items: AnpListedAgent[];
  /** The next page, when it is on the same origin as this one; null at the end. */
  next: string | null;
}

export interface AnpDescriptionsParse extends ParsedDocument {
  kind: 'anp-agent-descriptions';
  detail: AnpDescriptionsPage | null;
}

/** True when a `@type` names a schema.org CollectionPage (plain or prefixed). */
export function isCollectionPageType(value: JsonValue | undefined): boolean {
  return typeList(value).some((t) => t === 'CollectionPage' || /:CollectionPage$/.test(t));
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export function readAnpAgentDescriptions(root: JsonValue, url: string, label = documentLabel(url)): AnpDescriptionsParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object');
    return { kind: 'anp-agent-descriptions', summary: EMPTY_SUMMARY, problems: r.problems, detail: null };
  }
  if (!isCollectionPageType(root['@type'])) r.warn('@type', "is not 'CollectionPage' (ANP-08); read as one anyway");
  const items: AnpListedAgent[] = [];
  const seen = new Set<string>();
  for (const [item, at] of r.items(r.list(root, 'items', '', 'error') ?? [], 'items', ANP_MAX_ENTRIES)) {
    const key = typeof item['@id'] === 'string' ? '@id' : 'url';
    if (typeof item[key] !== 'string') {
      r.warn(at, "has no '@id' (or 'url') naming its agent description; skipped");
      continue;
    }
    const target = r.url(item, key, at, 'warning');
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const name = r.text(item, 'name', at, 'optional', NAME_MAX);
    const type = typeList(item['@type'] ?? item.type)[0];
    if (type && !/AgentDescription$/.test(type)) r.warn(childPath(at, '@type'), `is '${type.slice(0, 60)}', not 'ad:AgentDescription'; listed anyway`);
    items.push({ url: target, ...(name ? { name } : {}), ...(type ? { type: type.slice(0, 100) } : {}) });
  }
  let next: string | null = null;
  if (typeof root.next === 'string') {
    const candidate = r.url(root, 'next', '', 'warning');
    if (candidate && !sameOrigin(candidate, url) && /^https?:/.test(url)) r.warn('next', `points at another site (${new URL(candidate).origin}); pages are only followed on the same site`);
    else if (candidate) next = candidate;
  }
  const page: AnpDescriptionsPage = { url: typeof root.url === 'string' ? root.url.slice(0, 2000) : null, items, next };
  if (items.length === 0 && !next) r.warn('items', 'lists no agent descriptions');
  return {
    kind: 'anp-agent-descriptions',
    summary: { counts: { agents: items.length }, links: [...items.map((i) => i.url).slice(0, 19), ...(next ? [next] : [])] },
    problems: r.problems,
    detail: page,
  };
}

/** Parses one page of `/.well-known/agent-descriptions` fetched from `url`. Never throws. */
export function parseAnpAgentDescriptions(text: string, url: string): AnpDescriptionsParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'anp-agent-descriptions', summary: EMPTY_SUMMARY, problems, detail: null };
  const parsed = readAnpAgentDescriptions(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
