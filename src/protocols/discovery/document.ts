// What every discovery parser returns, and the protocol family each document kind belongs to.
import type { Problem } from '../agents-json/json';
import type { DocumentKind } from './well-known';

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
  /** The document carries a signature or proof. Nothing here verifies it: true means "signed, unverified". */
  signed?: boolean;
  /** Set when the parser checked the signature or proof itself: true only when it verified. */
  verified?: boolean;
  detail?: unknown;
}

export type DiscoveryProtocol = 'agents.json' | 'a2a' | 'anp' | 'mcp' | 'lmos' | 'llms.txt' | 'openapi' | 'other';

const PROTOCOL_OF_KIND: Record<DocumentKind, DiscoveryProtocol> = {
  'wildcard-agents-json': 'agents.json',
  'jmilinovich-agents-json': 'agents.json',
  'leonting-agents-json': 'agents.json',
  'agents-manifest': 'agents.json',
  'aos-agent': 'other',
  'a2a-agent-card': 'a2a',
  'anp-agent-descriptions': 'anp',
  'anp-agent-description': 'anp',
  'did-document': 'anp',
  openrpc: 'anp',
  'anp-interface': 'anp',
  'mcp-server-card': 'mcp',
  'ai-catalog': 'mcp',
  'lmos-thing-description': 'lmos',
  openapi: 'openapi',
  'llms-txt': 'llms.txt',
  unknown: 'other',
};

export function protocolOfKind(kind: DocumentKind): DiscoveryProtocol {
  return PROTOCOL_OF_KIND[kind] ?? 'other';
}

/** Last path segments that say nothing on their own: the parent folder is added to them. */
const GENERIC_NAMES = new Set(['ad.json', 'did.json', 'server-card', 'server-card.json', 'openapi.json', 'openapi.yaml', 'openapi.yml', 'index.json', 'wot']);

/**
 * The name a document goes by in problem messages: its file name (`agent-card.json`), with the parent
 * folder for generic names (`hotel/ad.json`). Works for URLs and plain paths.
 */
export function documentLabel(urlOrPath: string): string {
  let path = urlOrPath;
  try {
    path = new URL(urlOrPath).pathname;
  } catch {
    path = urlOrPath.split(/[?#]/)[0];
  }
  const parts = path.split(/[/\\]/).filter(Boolean);
  const last = parts.pop();
  if (!last) return 'document';
  const parent = parts[parts.length - 1];
  const shortParent = parent && parent.length > 16 ? `${parent.slice(0, 12)}…` : parent;
  const name = GENERIC_NAMES.has(last.toLowerCase()) && parent && parent !== '.well-known' ? `${shortParent}/${last}` : last;
  return name.slice(0, 60);
}

export const EMPTY_SUMMARY: DocumentSummary = Object.freeze({ counts: {}, links: [] }) as DocumentSummary;

/** Keeps the first `max` problems and says how many more there were. */
export function capProblems(problems: Problem[], label: string, max = 40): Problem[] {
  if (problems.length <= max) return problems;
  const rest = problems.length - max;
  const errors = problems.slice(max).filter((p) => p.severity === 'error').length;
  return [
    ...problems.slice(0, max),
    { severity: errors > 0 ? 'error' : 'warning', path: '', message: `${label}: … and ${rest} more problem${rest === 1 ? '' : 's'} (${errors} of them errors), not listed` },
  ];
}
