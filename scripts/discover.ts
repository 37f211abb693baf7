// npm run discover -- [--all] [--timeout <ms>] <url | file | directory>...
//
// URLs: runs discovery with Node's fetch under the same policy as the extension (a bare origin probes the
// well-known paths; a URL with a path reads that one document). Files (and every file in a directory):
// classified and parsed by content; a Wildcard agents.json resolves its OpenAPI sources from sibling
// files with the same name when they exist. Prints JSON (every record and every problem) on stdout, one
// line per document on stderr, and exits 1 when a given input yields nothing usable or any error.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ParseAgentsJsonResult } from '../src/protocols/agents-json/types';
import type { Resolution } from '../src/protocols/agents-json/resolve';
import { classifyText } from '../src/protocols/discovery/classify-text';
import { discoverUrl, type DiscoveredDocument } from '../src/protocols/discovery/discover-site';
import type { DiscoveryFetch, DiscoveryResponse } from '../src/protocols/discovery/fetch-document';
import { followLinks } from '../src/protocols/discovery/follow';
import { DiscoverySession, documentFrom } from '../src/protocols/discovery/session';
import { WELL_KNOWN_PROBES } from '../src/protocols/discovery/well-known';

interface InputResult {
  input: string;
  usable: boolean;
  origin?: string;
  documents: unknown[];
  misses?: unknown[];
}

function filesUnder(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).sort().flatMap((name) => filesUnder(path.join(p, name)));
}

/** Serves a local agents.json's OpenAPI sources from files beside it (`openapi.yaml` for `…/x.openapi.yaml` too). */
function siblingFetch(dir: string): DiscoveryFetch {
  return async (url) => {
    const name = path.posix.basename(new URL(url).pathname);
    const candidates = [name, name.replace(/^[^.]+\.(?=[^.]+\.[^.]+$)/, '')].map((n) => path.join(dir, n));
    const file = candidates.find((f) => existsSync(f));
    const headers = { get: (n: string) => (n.toLowerCase() === 'content-type' ? 'text/plain' : null) };
    if (!file) return { status: 404, headers, text: async () => '' } satisfies DiscoveryResponse;
    const text = readFileSync(file, 'utf8');
    return { status: 200, url, headers, text: async () => text } satisfies DiscoveryResponse;
  };
}

async function readFile(file: string): Promise<DiscoveredDocument[]> {
  const url = pathToFileURL(path.resolve(file)).href;
  const doc = documentFrom(url, classifyText(url, readFileSync(file, 'utf8')));
  if (doc.kind !== 'wildcard-agents-json') return [doc];
  const session = new DiscoverySession({ fetch: siblingFetch(path.dirname(file)), timeoutMs: 30_000, maxFollow: 10, allowLoopback: false });
  return [doc, ...(await followLinks(session, doc))];
}

/** Agents.json details hold whole OpenAPI trees: print what was resolved instead. */
function printable(doc: DiscoveredDocument): unknown {
  if (doc.kind !== 'wildcard-agents-json' || !doc.detail) return doc;
  const detail = doc.detail as ParseAgentsJsonResult & { resolution?: Resolution };
  const flows = detail.ok ? detail.doc.flows.map((f) => ({ id: f.id, title: f.title, actions: f.actions.map((a) => a.id) })) : [];
  const operations = detail.resolution
    ? [...detail.resolution.flows.entries()].flatMap(([flow, actions]) => [...actions.entries()].map(([action, op]) => ({ flow, action, method: op.method, path: op.path, server: op.serverUrl })))
    : undefined;
  return { ...doc, detail: { ok: detail.ok, kind: detail.kind, flows, ...(operations ? { operations } : {}) } };
}

function line(doc: DiscoveredDocument): string {
  const counts = Object.entries(doc.summary.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const errors = doc.problems.filter((p) => p.severity === 'error').length;
  const warnings = doc.problems.length - errors;
  const name = doc.summary.name ? `: ${doc.summary.name}` : '';
  return `  ${doc.label}${name}${counts ? ` — ${counts}` : ''}${doc.signed ? (doc.verified ? ' (signed, verified)' : ' (signed, not verified)') : ''}${errors || warnings ? ` [${errors} errors, ${warnings} warnings]` : ''}\n    ${doc.url}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let timeoutMs: number | undefined;
  let all = false;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--timeout') timeoutMs = Number(args[++i]);
    else if (args[i] === '--all') all = true;
    else inputs.push(args[i]);
  }
  if (inputs.length === 0) {
    process.stderr.write('usage: npm run discover -- [--all] [--timeout <ms>] <url | file | directory>...\n');
    return 2;
  }
  const results: InputResult[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      const site = await discoverUrl(input, { fetch: (u, init) => fetch(u, init), now: Date.now, timeoutMs, ...(all ? { probes: WELL_KNOWN_PROBES } : {}) });
      const usable = site.documents.length > 0 && site.documents.every((d) => d.problems.every((p) => p.severity !== 'error'));
      process.stderr.write(`${input}: ${site.documents.length} document(s), ${site.misses.length} miss(es)${usable ? '' : ' — NOT USABLE'}\n${site.documents.map(line).join('\n')}\n`);
      results.push({ input, usable, origin: site.origin, documents: site.documents.map(printable), misses: site.misses });
      continue;
    }
    if (!existsSync(input)) {
      process.stderr.write(`${input}: no such file\n`);
      results.push({ input, usable: false, documents: [] });
      continue;
    }
    for (const file of filesUnder(input)) {
      const docs = await readFile(file);
      const usable = docs[0].kind !== 'unknown' && docs.every((d) => d.problems.every((p) => p.severity !== 'error'));
      process.stderr.write(`${file}${usable ? '' : ' — NOT USABLE'}\n${docs.map(line).join('\n')}\n`);
      results.push({ input: file, usable, documents: docs.map(printable) });
    }
  }
  const problems = results.flatMap((r) => (r.documents as DiscoveredDocument[]).flatMap((d) => d.problems.map((p) => `${p.severity}: ${p.message}`)));
  process.stdout.write(`${JSON.stringify({ results, problems }, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 2)}\n`);
  return results.every((r) => r.usable) ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`discover: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
