// classifyDocument: given what a probe fetched, say what it is, summarise it, and hand it to the
// full parser when one exists. Never throws; unknown or broken input comes back as problems.
import { cappedText } from '../agents-json/dialects';
import { isObject, parseJsonText, problem, type JsonObject, type Problem } from '../agents-json/json';
import { capProblems, documentLabel } from './document';
import { DEFAULT_HANDLERS, type DocumentHandler, type DocumentSummary } from './handlers';
import { acceptableContentType, MAX_BYTES, MAX_JSON_DEPTH } from './policy';
import { probeForPath, type DocumentFormat, type DocumentKind } from './well-known';

export interface Classification {
  kind: DocumentKind;
  /** Human name of the kind, e.g. "A2A agent card". */
  label: string;
  summary: DocumentSummary | null;
  problems: Problem[];
  /** The document carries a signature or proof. */
  signed?: boolean;
  /** The parser checked that signature or proof: true only when it verified. */
  verified?: boolean;
  /** The full parser's result, when the kind has one (e.g. `ParseAgentsJsonResult`). */
  detail?: unknown;
}

/** What the caller expected at a URL that is not a well-known path (page hints, followed links). */
export interface Expectation {
  kinds: DocumentKind[];
  format: DocumentFormat;
}

function splitLocation(urlOrPath: string): { path: string; base: string } {
  try {
    const url = new URL(urlOrPath);
    return { path: url.pathname, base: url.href };
  } catch {
    // A bare path: relative references inside the document cannot be resolved.
    return { path: urlOrPath.split(/[?#]/)[0] || '/', base: 'about:blank' };
  }
}

/** llms.txt: an H1 title is the only required part; a blockquote summary and link lists are optional. */
function classifyMarkdown(text: string, label: string): Classification {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const title = first >= 0 ? /^#\s+(.+)$/.exec(lines[first].trim()) : null;
  if (!title) {
    return { kind: 'unknown', label: 'Unrecognised document', summary: null, problems: [problem('error', label, '', "does not start with a '# ' title line, so it is not an llms.txt")] };
  }
  const quote = lines.slice(first + 1).find((l) => l.trim() !== '');
  const links = lines.filter((l) => /^\s*[-*]\s*\[[^\]]*\]\([^)]+\)/.test(l));
  const sections = lines.filter((l) => /^##\s+\S/.test(l));
  const hrefs = links.map((l) => /\]\(([^)\s]+)/.exec(l)?.[1]).filter((u): u is string => !!u && /^https?:\/\//.test(u));
  return {
    kind: 'llms-txt', label: 'llms.txt', problems: [],
    summary: {
      name: cappedText(title[1]),
      ...(quote && /^\s*>/.test(quote) ? { description: cappedText(quote.replace(/^\s*>\s?/, '')) } : {}),
      counts: { sections: sections.length, links: links.length },
      links: hrefs.slice(0, 20).map((u) => u.slice(0, 2000)),
    },
  };
}

function pick(handlers: readonly DocumentHandler[], json: JsonObject, expected: DocumentKind[]): { handler: DocumentHandler; expected: boolean } | null {
  const matching = handlers.filter((h) => h.format === 'json' && h.sniff(json));
  const preferred = matching.find((h) => expected.includes(h.kind));
  if (preferred) return { handler: preferred, expected: true };
  return matching[0] ? { handler: matching[0], expected: expected.length === 0 } : null;
}

/** Builds a classifier over a list of handlers (later parsers plug in by replacing or adding handlers). */
export function createClassifier(handlers: readonly DocumentHandler[] = DEFAULT_HANDLERS) {
  return function classifyDocument(urlOrPath: string, contentType: string | null, text: string, expect?: Expectation): Classification {
    const result = classifyOnce(urlOrPath, contentType, text, expect);
    // The full parsers re-read the text, so warnings from the shared JSON reader can come twice.
    const seen = new Set<string>();
    const problems = result.problems.filter((p) => !seen.has(p.message) && seen.add(p.message) !== undefined);
    return { ...result, problems: capProblems(problems, documentLabel(urlOrPath)) };
  };

  function classifyOnce(urlOrPath: string, contentType: string | null, text: string, expect?: Expectation): Classification {
    const { path, base } = splitLocation(urlOrPath);
    const probe = expect ? undefined : probeForPath(path);
    const label = documentLabel(urlOrPath);
    const format: DocumentFormat = expect?.format ?? probe?.format ?? (/\.(txt|md)$/i.test(path) ? 'markdown' : 'json');
    const type = acceptableContentType(format, contentType);
    const shownType = (contentType ?? '').split(';')[0].trim().slice(0, 80) || 'no content type';
    if (!type.ok) {
      const what = /html/i.test(shownType) ? `is an HTML page (${shownType}), not a discovery document; the site probably answers every path with a page` : `was served as ${shownType}, which is not ${format === 'json' ? 'JSON' : 'Markdown or plain text'}; not read`;
      return { kind: 'unknown', label: 'Not a discovery document', summary: null, problems: [problem('error', label, '', what)] };
    }
    const problems: Problem[] = [];
    if (format === 'markdown') {
      if (text.length > MAX_BYTES.llmsTxt) return { kind: 'unknown', label: 'llms.txt', summary: null, problems: [problem('error', label, '', `is larger than ${MAX_BYTES.llmsTxt} bytes; not read`)] };
      return classifyMarkdown(text, label);
    }
    if (/^\s*</.test(text.replace(/^\uFEFF/, '').slice(0, 200))) {
      return { kind: 'unknown', label: 'Not a discovery document', summary: null, problems: [problem('error', label, '', `is an HTML page served as ${shownType === 'no content type' ? 'JSON' : shownType}, not a JSON document; not read`)] };
    }
    if (type.lenient && contentType) problems.push(problem('warning', label, '', `was served as ${shownType}, not as JSON; read anyway`));
    const expected = expect?.kinds ?? probe?.kinds ?? [];
    const agentsFamily = expected.some((k) => k.endsWith('agents-json') || k === 'agents-manifest');
    const tree = parseJsonText(text, label, { maxBytes: agentsFamily ? MAX_BYTES.agentsJson : MAX_BYTES.card, maxDepth: MAX_JSON_DEPTH, maxNodes: 200_000 });
    problems.push(...tree.problems);
    if (!tree.ok) return { kind: 'unknown', label: 'Unreadable document', summary: null, problems };
    if (!isObject(tree.value)) {
      problems.push(problem('error', label, '', 'is JSON but not an object, so it is no discovery document'));
      return { kind: 'unknown', label: 'Unrecognised document', summary: null, problems };
    }
    const chosen = pick(handlers, tree.value, expected);
    if (!chosen) {
      const agentsHandler = agentsFamily ? handlers.find((h) => h.kind === 'wildcard-agents-json' && h.parse) : undefined;
      if (agentsHandler?.parse) {
        const parsed = agentsHandler.parse(text, base);
        return { kind: parsed.kind, label: 'Unrecognised agents.json', summary: null, problems: [...problems, ...parsed.problems], detail: parsed.detail };
      }
      problems.push(problem('error', label, '', 'is JSON but matches no discovery document Emissary knows'));
      return { kind: 'unknown', label: 'Unrecognised document', summary: null, problems };
    }
    const { handler } = chosen;
    if (!chosen.expected) problems.push(problem('warning', label, '', `looks like this kind of document: ${handler.label}, though it was served at ${path}`));
    if (handler.parse) {
      const parsed = handler.parse(text, base);
      return {
        kind: parsed.kind, label: handler.label, summary: parsed.summary, problems: [...problems, ...parsed.problems],
        ...(parsed.signed !== undefined ? { signed: parsed.signed } : {}), ...(parsed.verified !== undefined ? { verified: parsed.verified } : {}),
        detail: parsed.detail,
      };
    }
    return { kind: handler.kind, label: handler.label, summary: handler.summarize(tree.value), problems };
  }
}

/** Classifies with the default handlers. `urlOrPath` is the fetched URL (preferred) or its path. */
export const classifyDocument = createClassifier();

/** One line for a list: "A2A agent card: Route Planner — 3 skills". */
export function describeClassification(c: Classification): string {
  const counts = Object.entries(c.summary?.counts ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${n === 1 ? k.replace(/s$/, '') : k}`);
  const name = c.summary?.name ? `: ${c.summary.name}` : '';
  return `${c.label}${name}${counts.length ? ` — ${counts.join(', ')}` : ''}`;
}
