// One level of links that a protocol needs followed before its document is usable:
// agents.json → its OpenAPI sources (to resolve operations); ANP agent list → its `next` pages and its
// ad.json items; AI Catalog → its MCP server cards and A2A cards; DID document → its AgentDescription.
// Followed fetches run in parallel and are capped; nothing is followed a second level down.
import { readA2aAgentCard } from '../a2a/card';
import { childPath, problem, type Problem } from '../agents-json/json';
import type { ParseAgentsJsonResult } from '../agents-json/types';
import { resolveOperations, type Resolution } from '../agents-json/resolve';
import { parseAnpAgentDescriptions, type AnpDescriptionsPage } from '../anp/descriptions';
import type { DidDocument } from '../anp/did-document';
import type { AiCatalog } from '../mcp/ai-catalog';
import { readMcpServerCard, type McpServerCard } from '../mcp/server-card';
import { capProblems, documentLabel, protocolOfKind, type ParsedDocument } from './document';
import { ANP_MAX_ENTRIES, ANP_MAX_PAGES, MAX_BYTES, OPENAPI_TIMEOUT_MS } from './policy';
import { labelOfKind, type DiscoveredDocument, type DiscoverySession } from './session';
import { WELL_KNOWN_PROBES, type DocumentKind } from './well-known';

export const OPENAPI_ACCEPT = 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, text/plain;q=0.5';

/** A wildcard agents.json result once its OpenAPI sources were fetched and its actions resolved. */
export type AgentsJsonDiscovery = ParseAgentsJsonResult & { resolution?: Resolution };

function acceptFor(kind: DocumentKind): string {
  return WELL_KNOWN_PROBES.find((p) => p.kinds[0] === kind)?.accept ?? 'application/json';
}

async function followOne(session: DiscoverySession, url: string, kind: DocumentKind, via: string): Promise<DiscoveredDocument | null> {
  if (!session.claim(url)) return null;
  return session.visit({ url, kinds: [kind], format: 'json', accept: acceptFor(kind) }, false, via);
}

function capped<T>(doc: DiscoveredDocument, items: T[], max: number, what: string): T[] {
  if (items.length > max) doc.problems.push(problem('warning', documentLabel(doc.url), '', `names ${items.length} ${what}; only the first ${max} were fetched`));
  return items.slice(0, max);
}

async function followAgentsJson(session: DiscoverySession, doc: DiscoveredDocument): Promise<DiscoveredDocument[]> {
  const result = doc.detail as ParseAgentsJsonResult | undefined;
  if (!result?.ok) return [];
  const sources = capped(doc, result.doc.sources.filter((s) => s.url !== null), session.options.maxFollow, 'OpenAPI sources');
  const timeout = Math.max(session.options.timeoutMs, Math.min(OPENAPI_TIMEOUT_MS, session.options.timeoutMs * 2));
  const outcomes = await Promise.all(sources.map((s) => session.get(s.url as string, OPENAPI_ACCEPT, MAX_BYTES.openapi, timeout)));
  const texts: Record<string, string> = {};
  const failed = new Set<string>();
  const own: Problem[] = [];
  outcomes.forEach((o, i) => {
    const s = sources[i];
    const html = o.ok && (/^\s*text\/html\b/i.test(o.contentType ?? '') || /^\s*</.test(o.text.slice(0, 200)));
    if (o.ok && !html) texts[s.id] = o.text;
    else {
      failed.add(s.at);
      own.push(problem('error', 'agents.json', s.at, `('${s.id}'): its OpenAPI document ${s.url} ${o.ok ? 'is an HTML page, not OpenAPI' : o.message}, so its actions cannot run`));
    }
  });
  const resolution = resolveOperations(result.doc, texts);
  const byLabel = new Map<string, Problem[]>();
  for (const p of resolution.problems) {
    if (p.message.endsWith('was not provided')) continue; // said above, or in the parse problems
    const owner = sources.find((s) => p.message.startsWith(`OpenAPI '${s.id}':`));
    const key = owner ? owner.id : '';
    byLabel.set(key, [...(byLabel.get(key) ?? []), p]);
  }
  const operations = [...resolution.flows.values()].reduce((n, actions) => n + actions.size, 0);
  doc.problems = capProblems([...doc.problems, ...own, ...(byLabel.get('') ?? [])], 'agents.json');
  doc.summary = { ...doc.summary, counts: { ...doc.summary.counts, operations } };
  doc.detail = { ...result, resolution } satisfies AgentsJsonDiscovery;
  const children: DiscoveredDocument[] = [];
  for (const s of sources) {
    const api = resolution.sources.get(s.id)?.api;
    if (texts[s.id] === undefined || !session.claim(s.url as string)) continue;
    const info = api?.root.info;
    const field = (k: string) => (info && typeof info === 'object' && !Array.isArray(info) && typeof info[k] === 'string' ? (info[k] as string).slice(0, 300) : undefined);
    const title = field('title');
    const version = field('version');
    children.push({
      url: s.url as string, kind: 'openapi', protocol: 'openapi', label: labelOfKind('openapi'), via: doc.url,
      summary: { ...(title ? { name: title } : {}), ...(version ? { version } : {}), counts: { operations: api?.operations.size ?? 0 }, links: [] },
      problems: capProblems(byLabel.get(s.id) ?? [], `OpenAPI '${s.id}'`),
      ...(api ? { detail: { version: api.version, operations: [...api.operations.keys()].slice(0, 500) } } : {}),
    });
  }
  return children;
}

async function followAnpList(session: DiscoverySession, doc: DiscoveredDocument): Promise<DiscoveredDocument[]> {
  const first = doc.detail as AnpDescriptionsPage | null | undefined;
  if (!first) return [];
  const label = documentLabel(doc.url);
  const items = [...first.items];
  const seen = new Set([doc.url]);
  let next = first.next;
  let pages = 1;
  while (next && pages < ANP_MAX_PAGES && items.length < ANP_MAX_ENTRIES) {
    if (seen.has(next)) {
      doc.problems.push(problem('warning', label, 'next', `leads back to a page already read (${next}); paging stopped`));
      next = null;
      break;
    }
    seen.add(next);
    const outcome = await session.get(next, acceptFor('anp-agent-descriptions'), MAX_BYTES.card);
    if (!outcome.ok) {
      doc.problems.push(problem('warning', label, 'next', `page ${next} ${outcome.message}; later pages were not read`));
      break;
    }
    const page = parseAnpAgentDescriptions(outcome.text, outcome.finalUrl);
    doc.problems.push(...page.problems);
    if (!page.detail) break;
    pages++;
    items.push(...page.detail.items.filter((i) => !items.some((j) => j.url === i.url)));
    next = page.detail.next;
  }
  if (next && pages >= ANP_MAX_PAGES) doc.problems.push(problem('warning', label, 'next', `has more than ${ANP_MAX_PAGES} pages; the rest was not read`));
  doc.problems = capProblems(doc.problems, label);
  doc.detail = { ...first, items: items.slice(0, ANP_MAX_ENTRIES), next, pages };
  doc.summary = { ...doc.summary, counts: { agents: items.length }, links: items.map((i) => i.url).slice(0, 20) };
  const urls = capped(doc, items.map((i) => i.url), session.options.maxFollow, 'agent descriptions');
  const found = await Promise.all(urls.map((u) => followOne(session, u, 'anp-agent-description', doc.url)));
  return found.filter((d): d is DiscoveredDocument => d !== null);
}

function inlineDocument(parsed: ParsedDocument, url: string, via: string): DiscoveredDocument {
  return {
    url, kind: parsed.kind, protocol: protocolOfKind(parsed.kind), label: labelOfKind(parsed.kind), summary: parsed.summary,
    problems: parsed.problems, ...(parsed.signed !== undefined ? { signed: parsed.signed } : {}),
    ...(parsed.verified !== undefined ? { verified: parsed.verified } : {}), detail: parsed.detail, via,
  };
}

async function followCatalog(session: DiscoverySession, doc: DiscoveredDocument): Promise<DiscoveredDocument[]> {
  const catalog = doc.detail as AiCatalog | null | undefined;
  if (!catalog) return [];
  const label = documentLabel(doc.url);
  const usable = catalog.entries.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'mcp-server-card' || e.kind === 'a2a-agent-card');
  const chosen = capped(doc, usable, session.options.maxFollow, 'MCP servers and agents');
  const found = await Promise.all(chosen.map(async ({ e, i }) => {
    let child: DiscoveredDocument | null;
    if (e.inline !== null) {
      const entryLabel = `${label} ${childPath('entries', i)}`;
      const read = e.kind === 'mcp-server-card' ? readMcpServerCard : readA2aAgentCard;
      child = inlineDocument(read(e.inline, doc.url, entryLabel), `${doc.url}#${childPath('entries', i)}`, doc.url);
    } else child = await followOne(session, e.url as string, e.kind, doc.url);
    const card = child?.kind === 'mcp-server-card' ? (child.detail as McpServerCard | null) : null;
    const expectedName = /^urn:mcp:server:(.+)$/.exec(e.identifier)?.[1];
    if (child && card && expectedName && card.name !== expectedName) {
      child.problems.push(problem('warning', documentLabel(child.url), 'name', `'${card.name}' does not match the catalog's identifier '${e.identifier.slice(0, 120)}'`));
    }
    return child;
  }));
  return found.filter((d): d is DiscoveredDocument => d !== null);
}

async function followDid(session: DiscoverySession, doc: DiscoveredDocument): Promise<DiscoveredDocument[]> {
  const did = doc.detail as DidDocument | null | undefined;
  if (!did) return [];
  const urls = capped(doc, did.agentDescriptionUrls, session.options.maxFollow, 'agent descriptions');
  const found = await Promise.all(urls.map((u) => followOne(session, u, 'anp-agent-description', doc.url)));
  return found.filter((d): d is DiscoveredDocument => d !== null);
}

/** Follows what `doc` points at (one level); may add problems and detail to `doc` itself. Never throws. */
export async function followLinks(session: DiscoverySession, doc: DiscoveredDocument): Promise<DiscoveredDocument[]> {
  try {
    switch (doc.kind) {
      case 'wildcard-agents-json': return await followAgentsJson(session, doc);
      case 'anp-agent-descriptions': return await followAnpList(session, doc);
      case 'ai-catalog': return await followCatalog(session, doc);
      case 'did-document': return await followDid(session, doc);
      default: return [];
    }
  } catch (err) {
    doc.problems.push(problem('error', documentLabel(doc.url), '', `the documents it points at could not be read (${err instanceof Error ? err.message.slice(0, 120) : 'error'})`));
    return [];
  }
}
