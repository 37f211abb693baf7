// OpenRPC documents, as ANP structured interfaces use them (ANP-07 §interfaces, `protocol: "openrpc"`):
// served at an interface `url` or embedded as its `content`. Summarised, not executed.
import { childPath, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { DESCRIPTION_MAX, NAME_MAX, Reader, readJsonObject } from '../discovery/reader';

export interface OpenRpcMethod {
  name: string;
  summary?: string;
  params: Array<{ name: string; required: boolean }>;
}

export interface OpenRpcSummary {
  openrpc: string;
  title: string;
  version: string;
  /** JSON-RPC endpoints from `servers[].url`. */
  servers: string[];
  methods: OpenRpcMethod[];
  /** `info.x-anp-protocol-type` is `ANP`. */
  anp: boolean;
}

export interface OpenRpcParse extends ParsedDocument {
  kind: 'openrpc';
  detail: OpenRpcSummary | null;
}

const MAX_METHODS = 128;

export function isOpenRpc(value: JsonValue | undefined): value is JsonObject {
  return isObject(value) && typeof value.openrpc === 'string';
}

/** Reads an OpenRPC object; problems are reported against `path` inside the enclosing document. */
export function readOpenRpc(r: Reader, doc: JsonObject, path: string): OpenRpcSummary {
  const info = r.obj(doc, 'info', path, 'warning') ?? {};
  const infoPath = childPath(path, 'info');
  const servers: string[] = [];
  for (const [server, at] of r.items(r.list(doc, 'servers', path, 'optional') ?? [], childPath(path, 'servers'), 8)) {
    const url = r.url(server, 'url', at, 'warning');
    if (url) servers.push(url);
  }
  const methods: OpenRpcMethod[] = [];
  for (const [m, at] of r.items(r.list(doc, 'methods', path, 'warning') ?? [], childPath(path, 'methods'), MAX_METHODS)) {
    const name = r.text(m, 'name', at, 'warning', 128);
    if (!name) continue;
    const summary = r.text(m, 'summary', at, 'optional', DESCRIPTION_MAX);
    const params = (Array.isArray(m.params) ? m.params : []).filter(isObject).slice(0, 64)
      .filter((p) => typeof p.name === 'string')
      .map((p) => ({ name: (p.name as string).slice(0, 128), required: p.required === true }));
    methods.push({ name, ...(summary ? { summary } : {}), params });
  }
  return {
    openrpc: typeof doc.openrpc === 'string' ? doc.openrpc.slice(0, 20) : '',
    title: r.text(info, 'title', infoPath, 'warning', NAME_MAX) ?? '',
    version: r.text(info, 'version', infoPath, 'optional', 60) ?? '',
    servers, methods,
    anp: info['x-anp-protocol-type'] === 'ANP',
  };
}

/** Parses a standalone OpenRPC document fetched from `url`. Never throws. */
export function parseOpenRpc(text: string, url: string): OpenRpcParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'openrpc', summary: EMPTY_SUMMARY, problems, detail: null };
  const r = new Reader(label, url);
  r.problems.push(...problems);
  const doc = readOpenRpc(r, root, '');
  return {
    kind: 'openrpc',
    summary: { ...(doc.title ? { name: doc.title } : {}), ...(doc.version ? { version: doc.version } : {}), counts: { methods: doc.methods.length, servers: doc.servers.length }, links: doc.servers },
    problems: r.problems,
    detail: doc,
  };
}
