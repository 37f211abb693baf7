// One handler per discovery document kind: how to recognise it and what to show about it.
// Protocols that gain a full parser replace their handler's `summarize` with a `parse`.
import { cappedText } from '../agents-json/dialects';
import { hasOwn, isObject, type JsonObject, type JsonValue, type Problem } from '../agents-json/json';
import { parseAgentsJson } from '../agents-json/parse';
import type { ParseAgentsJsonResult } from '../agents-json/types';
import type { DocumentFormat, DocumentKind } from './well-known';

export interface DocumentSummary {
  name?: string;
  description?: string;
  version?: string;
  counts: Record<string, number>;
  /** Further URLs the document points at (ANP items, catalog entries, interfaces), capped. */
  links: string[];
}

/** What a full parser returns; `detail` is the parser's own result for the caller that knows its type. */
export interface ParsedDocument {
  kind: DocumentKind;
  summary: DocumentSummary;
  problems: Problem[];
  detail?: unknown;
}

export interface DocumentHandler {
  kind: DocumentKind;
  label: string;
  format: DocumentFormat;
  /** Recognises the document from its parsed JSON (not called for markdown). */
  sniff(json: JsonObject): boolean;
  summarize(json: JsonObject): DocumentSummary;
  /** A full parser, when one exists: gets the raw text and the URL it came from. */
  parse?(text: string, url: string): ParsedDocument;
}

const MAX_LINKS = 20;

function field(obj: JsonValue | undefined, key: string): JsonValue | undefined {
  return isObject(obj) && hasOwn(obj, key) ? obj[key] : undefined;
}
function count(value: JsonValue | undefined): number {
  return Array.isArray(value) ? value.length : 0;
}
function urls(values: Array<JsonValue | undefined>): string[] {
  return values.filter((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v)).slice(0, MAX_LINKS).map((v) => v.slice(0, 2000));
}
function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
function basic(json: JsonObject, extra: Partial<DocumentSummary> = {}): DocumentSummary {
  return { name: cappedText(json.name), description: cappedText(json.description), version: cappedText(json.version), counts: {}, links: [], ...extra };
}

function agentsJsonSummary(result: ParseAgentsJsonResult): DocumentSummary {
  if (result.ok) {
    const { doc } = result;
    return {
      name: cappedText(doc.info.title), description: cappedText(doc.info.description), version: cappedText(doc.info.version),
      counts: { flows: doc.flows.length, sources: doc.sources.length, actions: doc.flows.reduce((n, f) => n + f.actions.length, 0) },
      links: urls(doc.sources.map((s) => s.url ?? undefined)),
    };
  }
  const s = result.summary;
  return { name: s?.name, description: s?.description, version: s?.version, counts: s?.counts ?? {}, links: [] };
}

const agentsJsonHandler = (kind: DocumentKind, label: string, sniff: (j: JsonObject) => boolean): DocumentHandler => ({
  kind, label, format: 'json', sniff,
  summarize: (json) => basic(json),
  parse(text, url) {
    const result = parseAgentsJson(text, url);
    return { kind: result.kind, summary: agentsJsonSummary(result), problems: result.problems, detail: result };
  },
});

/** Default handlers, in sniffing order (most specific first). */
export const DEFAULT_HANDLERS: readonly DocumentHandler[] = [
  agentsJsonHandler('wildcard-agents-json', 'agents.json (Wildcard)', (j) => hasOwn(j, 'agentsJson')),
  {
    kind: 'openapi', label: 'OpenAPI document', format: 'json',
    sniff: (j) => typeof j.openapi === 'string' || typeof j.swagger === 'string',
    summarize: (j) => basic(j, {
      name: cappedText(field(j.info, 'title')), description: cappedText(field(j.info, 'description')), version: cappedText(field(j.info, 'version')),
      counts: { paths: isObject(j.paths) ? Object.keys(j.paths).length : 0 },
    }),
  },
  {
    kind: 'ai-catalog', label: 'AI Catalog', format: 'json',
    sniff: (j) => typeof j.specVersion === 'string' && Array.isArray(j.entries),
    summarize: (j) => basic(j, {
      name: cappedText(field(j.host, 'displayName')) ?? cappedText(field(j.host, 'name')),
      counts: { entries: count(j.entries) },
      links: urls(list(j.entries).map((e) => field(e, 'url'))),
    }),
  },
  {
    kind: 'anp-agent-descriptions', label: 'ANP agent list', format: 'json',
    sniff: (j) => j['@type'] === 'CollectionPage' || (Array.isArray(j.items) && list(j.items).some((i) => field(i, '@type') === 'ad:AgentDescription')),
    summarize: (j) => basic(j, {
      counts: { agents: count(j.items) },
      links: urls([...list(j.items).map((i) => field(i, '@id') ?? field(i, 'url')), j.next]),
    }),
  },
  {
    kind: 'anp-agent-description', label: 'ANP agent description', format: 'json',
    sniff: (j) => j.protocolType === 'ANP' || j.type === 'AgentDescription' || j['@type'] === 'ad:AgentDescription',
    summarize: (j) => basic(j, {
      version: cappedText(j.version) ?? cappedText(j.protocolVersion),
      counts: { interfaces: count(j.interfaces) },
      links: urls(list(j.interfaces).map((i) => field(i, 'url'))),
    }),
  },
  {
    kind: 'a2a-agent-card', label: 'A2A agent card', format: 'json',
    sniff: (j) => typeof j.name === 'string' && (Array.isArray(j.supportedInterfaces) || (Array.isArray(j.skills) && (typeof j.url === 'string' || isObject(j.capabilities)))),
    summarize: (j) => basic(j, {
      counts: { skills: count(j.skills), interfaces: count(j.supportedInterfaces) || (typeof j.url === 'string' ? 1 : 0) },
      links: urls([...list(j.supportedInterfaces).map((i) => field(i, 'url')), j.url]),
    }),
  },
  {
    kind: 'mcp-server-card', label: 'MCP server card', format: 'json',
    sniff: (j) =>
      (typeof j.$schema === 'string' && j.$schema.includes('server-card')) ||
      (typeof j.name === 'string' && (Array.isArray(j.remotes) || Array.isArray(j.transports))),
    summarize: (j) => basic(j, {
      name: cappedText(j.title) ?? cappedText(j.name),
      counts: { remotes: count(j.remotes) || count(j.transports) },
      links: urls([...list(j.remotes), ...list(j.transports)].map((r) => field(r, 'url'))),
    }),
  },
  agentsJsonHandler('jmilinovich-agents-json', 'agents.json RFC draft (jmilinovich)', (j) => isObject(j.site_info) || isObject(j.intents)),
  agentsJsonHandler('agents-manifest', 'Agents manifest (Ardor-Cerebrum)', (j) => hasOwn(j, 'supported_agent_versions')),
  agentsJsonHandler('aos-agent', 'AOS agent document', (j) => typeof j.site_name === 'string'),
  agentsJsonHandler('leonting-agents-json', 'agents.json draft (LeonTing1010)', (j) => typeof j.name === 'string' && (Array.isArray(j.data) || Array.isArray(j.actions) || isObject(j.policies))),
];
