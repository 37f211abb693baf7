// Other documents published under the name agents.json (discovery.md §1.5). Emissary does not run
// them, but shows them for what they are instead of calling them broken.
import { hasOwn, isObject, type JsonObject, type JsonValue } from './json';
import type { AgentsJsonKind, ForeignSummary } from './types';

export const TEXT_CAP = 300;

/**
 * A string value cut to `max` characters (with an ellipsis), without control or bidi-override characters;
 * undefined when not a non-empty string.
 */
export function cappedText(value: JsonValue | undefined, max = TEXT_CAP): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = '';
  for (const ch of value.slice(0, max * 4)) {
    const c = ch.charCodeAt(0);
    const bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    if (((c >= 0x20 && c !== 0x7f) || c === 0x09 || c === 0x0a) && !bidi) text += ch;
  }
  text = text.trim();
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function count(value: JsonValue | undefined): number {
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  return 0;
}

function field(obj: JsonValue | undefined, key: string): JsonValue | undefined {
  return isObject(obj) && hasOwn(obj, key) ? obj[key] : undefined;
}

interface Dialect {
  kind: Exclude<AgentsJsonKind, 'wildcard-agents-json' | 'unknown'>;
  label: string;
  matches(doc: JsonObject): boolean;
  summarize(doc: JsonObject): Omit<ForeignSummary, 'label'>;
}

const DIALECTS: Dialect[] = [
  {
    kind: 'jmilinovich-agents-json',
    label: 'agents.json RFC draft (jmilinovich)',
    matches: (d) => isObject(d.site_info) || isObject(d.intents),
    summarize: (d) => ({
      name: cappedText(field(d.site_info, 'name')),
      description: cappedText(field(d.site_info, 'description')),
      version: cappedText(d.version),
      counts: { intents: count(field(d.intents, 'supported')) },
    }),
  },
  {
    kind: 'agents-manifest',
    label: 'Agents manifest (Ardor-Cerebrum)',
    matches: (d) => hasOwn(d, 'supported_agent_versions') || (hasOwn(d, 'last_modified') && hasOwn(d, 'version') && !hasOwn(d, 'name')),
    summarize: (d) => ({
      name: cappedText(d.name) ?? cappedText(d.title),
      description: cappedText(d.description),
      version: cappedText(d.version),
      counts: { supportedAgentVersions: count(d.supported_agent_versions) },
    }),
  },
  {
    kind: 'aos-agent',
    label: 'AOS agent document',
    matches: (d) => typeof d.site_name === 'string' && (Array.isArray(d.actions) || isObject(d.auth)),
    summarize: (d) => ({
      name: cappedText(d.site_name),
      description: cappedText(d.description),
      version: cappedText(d.version),
      counts: { actions: count(d.actions) },
    }),
  },
  {
    kind: 'leonting-agents-json',
    label: 'agents.json draft (LeonTing1010)',
    matches: (d) =>
      typeof d.name === 'string' && (Array.isArray(d.data) || Array.isArray(d.actions) || isObject(d.policies) || isObject(d.specs)),
    summarize: (d) => ({
      name: cappedText(d.name),
      description: cappedText(d.description),
      version: cappedText(d.version),
      counts: { data: count(d.data), actions: count(d.actions) },
    }),
  },
];

/** Recognises a non-Wildcard agents.json dialect; null when none matches. */
export function detectForeignDialect(doc: JsonObject): { kind: AgentsJsonKind; summary: ForeignSummary } | null {
  for (const dialect of DIALECTS) {
    if (dialect.matches(doc)) {
      return { kind: dialect.kind, summary: { label: dialect.label, ...dialect.summarize(doc) } };
    }
  }
  return null;
}
