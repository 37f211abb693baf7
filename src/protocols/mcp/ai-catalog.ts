// AI Catalog (`/.well-known/ai-catalog.json`, Agent-Card/ai-catalog) and its MCP-only subset, the MCP
// Catalog (`/.well-known/mcp/catalog.json`). Entries name a media type and give the artifact by `url` or
// inline. Both spellings seen in the wild are read: `type`/`mediaType` and `data`/`inline`.
import { childPath, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { DESCRIPTION_MAX, NAME_MAX, Reader, readJsonObject } from '../discovery/reader';
import type { DocumentKind } from '../discovery/well-known';

export interface AiCatalogEntry {
  identifier: string;
  mediaType: string;
  /** What Emissary makes of the media type; `unknown` for artifacts it does not read (skills, datasets, …). */
  kind: DocumentKind;
  url: string | null;
  /** The artifact itself when given inline (already size- and depth-capped); treat as untrusted input. */
  inline: JsonValue | null;
  displayName?: string;
  description?: string;
  version?: string;
  tags: string[];
  publisher?: string;
  hasTrustManifest: boolean;
}

export interface AiCatalog {
  specVersion: string | null;
  host: { displayName?: string; identifier?: string } | null;
  entries: AiCatalogEntry[];
  /** The catalog or an entry carries a JWS; not verified. */
  signed: boolean;
}

export interface AiCatalogParse extends ParsedDocument {
  kind: 'ai-catalog';
  signed: boolean;
  detail: AiCatalog | null;
}

const MEDIA_KINDS: Record<string, DocumentKind> = {
  'application/mcp-server-card+json': 'mcp-server-card',
  'application/mcp-server+json': 'mcp-server-card',
  'application/a2a-agent-card+json': 'a2a-agent-card',
  'application/agent-card+json': 'a2a-agent-card',
  'application/ai-catalog+json': 'ai-catalog',
};
const MAX_ENTRIES = 256;

export function kindOfMediaType(mediaType: string): DocumentKind {
  return MEDIA_KINDS[mediaType.split(';')[0].trim().toLowerCase()] ?? 'unknown';
}

export function isAiCatalog(root: JsonObject): boolean {
  if (!Array.isArray(root.entries)) return false;
  if (typeof root.specVersion === 'string') return true;
  const first = root.entries.find(isObject);
  return first !== undefined && typeof first.identifier === 'string' && (typeof first.mediaType === 'string' || typeof first.type === 'string');
}

function readEntry(r: Reader, item: JsonObject, at: string): AiCatalogEntry | undefined {
  const identifier = r.text(item, 'identifier', at, 'warning', 300);
  const typeKey = typeof item.mediaType === 'string' ? 'mediaType' : 'type';
  const mediaType = r.text(item, typeKey, at, 'warning', 100);
  if (!mediaType) {
    r.warn(at, 'has no media type, so its artifact cannot be told apart; skipped');
    return undefined;
  }
  const inlineKey = item.data !== undefined && item.data !== null ? 'data' : item.inline !== undefined && item.inline !== null ? 'inline' : null;
  const hasUrl = typeof item.url === 'string';
  if (hasUrl && inlineKey) r.warn(at, `has both 'url' and '${inlineKey}'; exactly one is allowed, the inline artifact is used`);
  if (!hasUrl && !inlineKey) {
    r.warn(at, "has neither a 'url' nor an inline artifact; skipped");
    return undefined;
  }
  const url = hasUrl && !inlineKey ? (r.url(item, 'url', at, 'warning') ?? null) : null;
  if (!url && !inlineKey) return undefined;
  const displayName = r.text(item, 'displayName', at, 'optional', NAME_MAX);
  const description = r.text(item, 'description', at, 'optional', DESCRIPTION_MAX);
  const version = r.text(item, 'version', at, 'optional', 60);
  const publisher = isObject(item.publisher) ? r.text(item.publisher, 'displayName', childPath(at, 'publisher'), 'optional', NAME_MAX) : undefined;
  return {
    identifier: identifier ?? '', mediaType, kind: kindOfMediaType(mediaType), url, inline: inlineKey ? item[inlineKey] : null,
    ...(displayName ? { displayName } : {}), ...(description ? { description } : {}), ...(version ? { version } : {}),
    tags: r.strings(item, 'tags', at, 'optional', 32, 60), ...(publisher ? { publisher } : {}),
    hasTrustManifest: isObject(item.trustManifest),
  };
}

export function readAiCatalog(root: JsonValue, url: string, label = documentLabel(url)): AiCatalogParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object');
    return { kind: 'ai-catalog', summary: EMPTY_SUMMARY, problems: r.problems, signed: false, detail: null };
  }
  const specVersion = r.text(root, 'specVersion', '', 'optional', 20) ?? null;
  if (specVersion !== null && !/^\d+\.\d+$/.test(specVersion) && specVersion !== 'draft') r.warn('specVersion', `'${specVersion}' is not in the 'Major.Minor' form`);
  const hostRaw = r.obj(root, 'host', '', 'optional');
  const host = hostRaw ? { displayName: r.text(hostRaw, 'displayName', 'host', 'warning', NAME_MAX), identifier: r.text(hostRaw, 'identifier', 'host', 'optional', 300) } : null;
  const entries: AiCatalogEntry[] = [];
  const seen = new Set<string>();
  for (const [item, at] of r.items(r.list(root, 'entries', '', 'error') ?? [], 'entries', MAX_ENTRIES)) {
    const entry = readEntry(r, item, at);
    if (!entry) continue;
    const key = `${entry.identifier}\u0000${entry.version ?? ''}`;
    if (entry.identifier && seen.has(key)) r.warn(childPath(at, 'identifier'), `'${entry.identifier.slice(0, 80)}' appears twice${entry.version ? ` with version ${entry.version}` : ''}`);
    seen.add(key);
    entries.push(entry);
  }
  const signed = typeof root.signature === 'string' || (isObject(root.signature)) || entries.some((e) => e.hasTrustManifest);
  const servers = entries.filter((e) => e.kind === 'mcp-server-card').length;
  const agents = entries.filter((e) => e.kind === 'a2a-agent-card').length;
  const shownName = host?.displayName;
  return {
    kind: 'ai-catalog',
    summary: {
      ...(shownName ? { name: shownName } : {}), ...(specVersion ? { version: specVersion } : {}),
      counts: { entries: entries.length, servers, agents },
      links: entries.map((e) => e.url).filter((u): u is string => u !== null).slice(0, 20),
    },
    problems: r.problems,
    signed,
    detail: { specVersion, host, entries, signed },
  };
}

/** Parses an AI Catalog (or MCP Catalog) fetched from `url`. Never throws. */
export function parseAiCatalog(text: string, url: string): AiCatalogParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'ai-catalog', summary: EMPTY_SUMMARY, problems, signed: false, detail: null };
  const parsed = readAiCatalog(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
