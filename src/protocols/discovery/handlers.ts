// One handler per discovery document kind: how to recognise it and what to show about it.
// Kinds with a full parser (agents.json, A2A, ANP, MCP, LMOS, OpenAPI) plug it in as `parse`.
import { readA2aAgentCard, parseA2aAgentCard } from '../a2a/card';
import { cappedText } from '../agents-json/dialects';
import { hasOwn, isObject, parseJsonOrYaml, type JsonObject, type JsonValue } from '../agents-json/json';
import { parseOpenApi } from '../agents-json/openapi';
import { parseAgentsJson } from '../agents-json/parse';
import type { ParseAgentsJsonResult } from '../agents-json/types';
import { isAgentDescription, parseAnpAgentDescription, readAnpAgentDescription } from '../anp/description';
import { isCollectionPageType, parseAnpAgentDescriptions, readAnpAgentDescriptions } from '../anp/descriptions';
import { isDidDocument, parseDidDocument, readDidDocument } from '../anp/did-document';
import { isOpenRpc, parseOpenRpc } from '../anp/openrpc';
import { isAnpYamlInterface, readAnpYamlInterface } from '../anp/yaml-interface';
import { isThingDescription, parseThingDescription, readThingDescription } from '../lmos/thing-description';
import { isAiCatalog, parseAiCatalog, readAiCatalog } from '../mcp/ai-catalog';
import { isServerCard, parseMcpServerCard, readMcpServerCard } from '../mcp/server-card';
import { documentLabel, EMPTY_SUMMARY, type DocumentSummary, type ParsedDocument } from './document';
import type { DocumentFormat, DocumentKind } from './well-known';

export type { DocumentSummary, ParsedDocument } from './document';

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

const SUMMARY_URL = 'https://document.invalid/';

/** A handler backed by a full parser; `summarize` runs the same reader on already-parsed JSON. */
function full(kind: DocumentKind, label: string, sniff: (j: JsonObject) => boolean, read: (j: JsonValue, url: string) => ParsedDocument, parse: (text: string, url: string) => ParsedDocument): DocumentHandler {
  return { kind, label, format: 'json', sniff, summarize: (j) => read(j, SUMMARY_URL).summary, parse };
}

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
    parse(text, url) {
      const label = documentLabel(url);
      const result = parseOpenApi(text, label);
      if (!result.ok) return { kind: 'openapi', summary: EMPTY_SUMMARY, problems: result.problems };
      const info = result.doc.root.info;
      const paths = result.doc.root.paths;
      return {
        kind: 'openapi', problems: result.problems, detail: { version: result.doc.version, operations: [...result.doc.operations.keys()].slice(0, 500) },
        summary: {
          ...basic({ name: field(info, 'title') ?? null, description: field(info, 'description') ?? null, version: field(info, 'version') ?? null }),
          counts: { operations: result.doc.operations.size, paths: isObject(paths) ? Object.keys(paths).length : 0 },
        },
      };
    },
  },
  { kind: 'openrpc', label: 'OpenRPC interface', format: 'json', sniff: (j) => isOpenRpc(j), summarize: (j) => parseOpenRpc(JSON.stringify(j), SUMMARY_URL).summary, parse: parseOpenRpc },
  {
    kind: 'anp-interface', label: 'ANP interface (YAML)', format: 'json', sniff: isAnpYamlInterface,
    summarize: (j) => readAnpYamlInterface(j, SUMMARY_URL).summary,
    parse(text, url) {
      const label = documentLabel(url);
      const tree = parseJsonOrYaml(text, label);
      return tree.ok ? readAnpYamlInterface(tree.value, url, label) : { kind: 'anp-interface', summary: EMPTY_SUMMARY, problems: tree.problems };
    },
  },
  full('ai-catalog', 'AI Catalog', isAiCatalog, readAiCatalog, parseAiCatalog),
  full('anp-agent-descriptions', 'ANP agent list', (j) => isCollectionPageType(j['@type']) || list(j.items).some((i) => field(i, '@type') === 'ad:AgentDescription'), readAnpAgentDescriptions, parseAnpAgentDescriptions),
  full('anp-agent-description', 'ANP agent description', isAgentDescription, readAnpAgentDescription, parseAnpAgentDescription),
  full('did-document', 'DID document', isDidDocument, readDidDocument, parseDidDocument),
  full('a2a-agent-card', 'A2A agent card',
    (j) => typeof j.name === 'string' && (Array.isArray(j.supportedInterfaces) || (Array.isArray(j.skills) && (typeof j.url === 'string' || isObject(j.capabilities)))),
    readA2aAgentCard, parseA2aAgentCard),
  full('mcp-server-card', 'MCP server card', isServerCard, readMcpServerCard, parseMcpServerCard),
  full('lmos-thing-description', 'WoT Thing Description (LMOS)', isThingDescription, readThingDescription, parseThingDescription),
  agentsJsonHandler('jmilinovich-agents-json', 'agents.json RFC draft (jmilinovich)', (j) => isObject(j.site_info) || isObject(j.intents)),
  agentsJsonHandler('agents-manifest', 'Agents manifest (Ardor-Cerebrum)', (j) => hasOwn(j, 'supported_agent_versions')),
  agentsJsonHandler('aos-agent', 'AOS agent document', (j) => typeof j.site_name === 'string'),
  agentsJsonHandler('leonting-agents-json', 'agents.json draft (LeonTing1010)', (j) => typeof j.name === 'string' && (Array.isArray(j.data) || Array.isArray(j.actions) || isObject(j.policies))),
];
