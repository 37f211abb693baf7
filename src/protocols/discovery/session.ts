// One discovery run over a site: fetches each URL at most once, records cache entries and misses, and
// turns fetched text into DiscoveredDocuments through the classifier.
import { problem, type Problem } from '../agents-json/json';
import { classifyDocument, type Classification } from './classify';
import { documentLabel, EMPTY_SUMMARY, protocolOfKind, type DiscoveryProtocol, type DocumentSummary } from './document';
import { fetchDocument, type CacheEntry, type DiscoveryFetch, type FetchOutcome } from './fetch-document';
import { DEFAULT_HANDLERS } from './handlers';
import { MAX_BYTES } from './policy';
import type { DocumentFormat, DocumentKind } from './well-known';

export interface DiscoveredDocument {
  url: string;
  kind: DocumentKind;
  protocol: DiscoveryProtocol;
  /** Human name of the kind, e.g. "A2A agent card". */
  label: string;
  summary: DocumentSummary;
  /** Problems with this document only; each message starts with the document's name. */
  problems: Problem[];
  /** Carries a signature or proof (A2A JWS, ANP proof, catalog signature). */
  signed?: boolean;
  /** Present when Emissary checked that signature itself (did:wba e1 proofs); true only when it verified. */
  verified?: boolean;
  /** The parser's own record (A2aAgentCard, AnpAgentDescription, McpServerCard, …). */
  detail?: unknown;
  /** The document this one was found through (an ANP list, an AI Catalog, an agents.json, a DID document). */
  via?: string;
}

export interface Miss {
  url: string;
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  reason?: string;
}

/** What a URL is expected to hold. */
export interface Target {
  url: string;
  kinds: DocumentKind[];
  format: DocumentFormat;
  accept: string;
}

export interface SessionOptions {
  fetch: DiscoveryFetch;
  timeoutMs: number;
  maxFollow: number;
  allowLoopback: boolean;
  onText?: (url: string, text: string) => void;
}

export function labelOfKind(kind: DocumentKind): string {
  if (kind === 'llms-txt') return 'llms.txt';
  return DEFAULT_HANDLERS.find((h) => h.kind === kind)?.label ?? 'Document';
}

export function maxBytesFor(target: Pick<Target, 'kinds' | 'format'>): number {
  if (target.format === 'markdown') return MAX_BYTES.llmsTxt;
  if (target.kinds.includes('openapi')) return MAX_BYTES.openapi;
  return target.kinds.some((k) => k.endsWith('agents-json') || k === 'agents-manifest') ? MAX_BYTES.agentsJson : MAX_BYTES.card;
}

export function documentFrom(url: string, c: Classification, via?: string): DiscoveredDocument {
  return {
    url, kind: c.kind, protocol: protocolOfKind(c.kind), label: c.label, summary: c.summary ?? EMPTY_SUMMARY, problems: c.problems,
    ...(c.signed !== undefined ? { signed: c.signed } : {}), ...(c.verified !== undefined ? { verified: c.verified } : {}), ...(c.detail !== undefined ? { detail: c.detail } : {}), ...(via ? { via } : {}),
  };
}

/** A document that was expected at `url` but could not be read: one error saying why. */
export function failedDocument(url: string, kind: DocumentKind | undefined, message: string, via?: string): DiscoveredDocument {
  const k = kind ?? 'unknown';
  return {
    url, kind: k, protocol: protocolOfKind(k), label: labelOfKind(k), summary: EMPTY_SUMMARY,
    problems: [problem('error', documentLabel(url), '', message)], ...(via ? { via } : {}),
  };
}

export class DiscoverySession {
  private readonly fetches = new Map<string, Promise<FetchOutcome>>();
  private readonly claimed = new Set<string>();
  readonly cache = new Map<string, CacheEntry>();
  readonly misses: Miss[] = [];

  constructor(readonly options: SessionOptions) {}

  /** Fetches `url` once per session; later callers share the answer. */
  get(url: string, accept: string, maxBytes: number, timeoutMs = this.options.timeoutMs): Promise<FetchOutcome> {
    let pending = this.fetches.get(url);
    if (!pending) {
      pending = fetchDocument(this.options.fetch, url, { accept, maxBytes, timeoutMs, allowLoopback: this.options.allowLoopback }).then((outcome) => {
        this.cache.set(url, outcome.cache);
        if (outcome.ok) this.options.onText?.(url, outcome.text);
        return outcome;
      });
      this.fetches.set(url, pending);
    }
    return pending;
  }

  /** True the first time a URL is claimed: each document is reported once. */
  claim(url: string): boolean {
    if (this.claimed.has(url)) return false;
    this.claimed.add(url);
    return true;
  }

  /**
   * Fetches and classifies one target. A probe that finds nothing (an HTTP error, an unreachable host, or
   * the site's HTML page) is a miss; for a URL something declared, the same becomes a document with an error.
   */
  async visit(target: Target, probe: boolean, via?: string): Promise<DiscoveredDocument | null> {
    const outcome = await this.get(target.url, target.accept, maxBytesFor(target));
    if (!outcome.ok) {
      if (probe && outcome.miss) {
        this.misses.push({ url: target.url, status: outcome.status, reason: outcome.message });
        return null;
      }
      return failedDocument(target.url, target.kinds[0], outcome.message, via);
    }
    if (probe && /^\s*text\/html\b/i.test(outcome.contentType ?? '')) {
      this.misses.push({ url: target.url, status: outcome.status, reason: 'answered with an HTML page (probably the site\'s catch-all page)' });
      return null;
    }
    const c = classifyDocument(outcome.finalUrl, outcome.contentType, outcome.text, { kinds: target.kinds, format: target.format });
    return documentFrom(target.url, c, via);
  }
}
