// MCP Server Cards (discovery.md §4.1): the current draft (experimental-ext-server-card: name, version,
// description, remotes), the SEP-2127 text (adds tools/resources/prompts/capabilities) and SEP-1649's
// `/.well-known/mcp.json` (`transports[]`). Cards are advisory: runtime values from the server win.
import { childPath, isObject, type JsonObject, type JsonValue } from '../agents-json/json';
import { resolveFetchableUrl } from '../agents-json/parse';
import { documentLabel, EMPTY_SUMMARY, type ParsedDocument } from '../discovery/document';
import { DESCRIPTION_MAX, NAME_MAX, Reader, readJsonObject } from '../discovery/reader';

export const SERVER_CARD_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json';
export const MCP_REMOTE_TYPES = ['streamable-http', 'sse'];

export interface McpRemote {
  /** `streamable-http` or `sse`. */
  type: string;
  /** As written; may hold `{variables}` when `templated`. */
  url: string;
  templated: boolean;
  /** Headers the client must send; their values are never kept (cards must not hold secrets). */
  headers: Array<{ name: string; required: boolean; secret: boolean }>;
  variables: string[];
  protocolVersions: string[];
  /** SEP-2127 `authentication.required`; null when the card does not say. */
  authRequired: boolean | null;
}

export interface McpPrimitive {
  name: string;
  title?: string;
  description?: string;
}

export interface McpServerCard {
  shape: 'server-card' | 'sep-2127' | 'sep-1649';
  name: string;
  title?: string;
  version: string;
  description: string;
  websiteUrl?: string;
  repositoryUrl?: string;
  remotes: McpRemote[];
  tools: McpPrimitive[];
  resources: McpPrimitive[];
  prompts: McpPrimitive[];
  /** Primitives the card marks as changing at run time (`listChanged` / `"dynamic"`). */
  dynamic: string[];
  /** Capability names declared by SEP-2127 / SEP-1649 cards. */
  capabilities: string[];
  /** Local packages (npm, PyPI, …) an MCP registry `server.json` lists; a browser cannot run them. */
  localPackages: number;
}

export interface McpServerCardParse extends ParsedDocument {
  kind: 'mcp-server-card';
  detail: McpServerCard | null;
}

const NAME_PATTERN = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;
const MAX_PRIMITIVES = 256;

export function isServerCard(root: JsonObject): boolean {
  return (typeof root.$schema === 'string' && root.$schema.includes('server-card')) ||
    (typeof root.name === 'string' && (Array.isArray(root.remotes) || Array.isArray(root.transports)));
}

function readRemote(r: Reader, item: JsonObject, at: string): McpRemote | undefined {
  const type = r.text(item, 'type', at, 'warning', 40) ?? 'streamable-http';
  if (!MCP_REMOTE_TYPES.includes(type)) {
    r.warn(childPath(at, 'type'), `'${type}' is not a transport a browser can use (streamable-http or sse); skipped`);
    return undefined;
  }
  const key = typeof item.url === 'string' ? 'url' : 'endpoint';
  const raw = r.text(item, key, at, 'warning', 2000);
  if (!raw) return undefined;
  const templated = /\{[^}]+\}/.test(raw);
  const probe = resolveFetchableUrl(raw.replace(/\{[^}]*\}/g, 'x'), r.baseUrl);
  if ('reason' in probe) {
    r.warn(childPath(at, key), `${JSON.stringify(raw.slice(0, 200))} ${probe.reason}; skipped`);
    return undefined;
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) r.warn(childPath(at, key), `${JSON.stringify(raw.slice(0, 200))} is relative; resolved against the document's URL`);
  const headers: McpRemote['headers'] = [];
  for (const [h, hAt] of r.items(r.list(item, 'headers', at, 'optional') ?? [], childPath(at, 'headers'), 16)) {
    const name = r.text(h, 'name', hAt, 'warning', 100);
    if (name) headers.push({ name, required: h.isRequired === true, secret: h.isSecret === true });
  }
  const variables = isObject(item.variables) ? Object.keys(item.variables).slice(0, 16).map((v) => v.slice(0, 60)) : [];
  const auth = isObject(item.authentication) ? item.authentication : null;
  return {
    type, url: templated ? raw : (probe.url as string), templated, headers, variables,
    protocolVersions: r.strings(item, 'supportedProtocolVersions', at, 'optional', 16, 20),
    authRequired: auth && typeof auth.required === 'boolean' ? auth.required : null,
  };
}

function readPrimitives(r: Reader, root: JsonObject, key: string, dynamic: string[]): McpPrimitive[] {
  const value = root[key];
  if (value === undefined || value === null) return [];
  if (value === 'dynamic' || (isObject(value) && value.listChanged === true)) {
    dynamic.push(key);
    return [];
  }
  if (!Array.isArray(value)) {
    r.warn(key, "must be a list (or \"dynamic\"); ignored");
    return [];
  }
  const out: McpPrimitive[] = [];
  for (const [p, at] of r.items(value, key, MAX_PRIMITIVES)) {
    const name = r.text(p, 'name', at, 'warning', 128) ?? (typeof p.uri === 'string' ? p.uri.slice(0, 300) : undefined);
    if (!name) continue;
    const title = r.text(p, 'title', at, 'optional', NAME_MAX);
    const description = r.text(p, 'description', at, 'optional', DESCRIPTION_MAX);
    out.push({ name, ...(title ? { title } : {}), ...(description ? { description } : {}) });
  }
  return out;
}

export function readMcpServerCard(root: JsonValue, url: string, label = documentLabel(url)): McpServerCardParse {
  const r = new Reader(label, url);
  if (!isObject(root)) {
    r.error('', 'must be a JSON object');
    return { kind: 'mcp-server-card', summary: EMPTY_SUMMARY, problems: r.problems, detail: null };
  }
  const shape: McpServerCard['shape'] = Array.isArray(root.transports) && !Array.isArray(root.remotes) ? 'sep-1649'
    : ['tools', 'resources', 'prompts', 'capabilities'].some((k) => root[k] !== undefined) ? 'sep-2127' : 'server-card';
  if (typeof root.$schema === 'string' && root.$schema !== SERVER_CARD_SCHEMA) r.warn('$schema', `is not ${SERVER_CARD_SCHEMA}; read as a server card anyway`);
  const name = r.text(root, 'name', '', 'error', NAME_MAX);
  if (name && typeof root.$schema === 'string' && !NAME_PATTERN.test(name)) r.warn('name', `'${name}' is not in the 'namespace/name' form the schema requires`);
  const description = r.text(root, 'description', '', 'warning', DESCRIPTION_MAX) ?? '';
  if (description.length > 100 && shape === 'server-card') r.warn('description', 'is longer than the 100 characters the schema allows');
  const remotesKey = shape === 'sep-1649' ? 'transports' : 'remotes';
  const remotes: McpRemote[] = [];
  for (const [item, at] of r.items(r.list(root, remotesKey, '', 'optional') ?? [], remotesKey, 16)) {
    const remote = readRemote(r, item, at);
    if (remote) remotes.push(remote);
  }
  const localPackages = Array.isArray(root.packages) ? root.packages.length : 0;
  if (remotes.length === 0) r.warn(remotesKey, `declares no remote endpoint Emissary can connect to${localPackages ? ` (only ${localPackages} local package${localPackages === 1 ? '' : 's'})` : ''}`);
  const dynamic: string[] = [];
  const tools = readPrimitives(r, root, 'tools', dynamic);
  const resources = readPrimitives(r, root, 'resources', dynamic);
  const prompts = readPrimitives(r, root, 'prompts', dynamic);
  const capabilities = isObject(root.capabilities) ? Object.keys(root.capabilities).slice(0, 32).map((k) => k.slice(0, 60)) : [];
  const title = r.text(root, 'title', '', 'optional', NAME_MAX);
  const websiteUrl = r.url(root, 'websiteUrl', '', 'optional');
  const repo = isObject(root.repository) ? root.repository : null;
  const repositoryUrl = repo ? r.url(repo, 'url', 'repository', 'optional') : undefined;
  const version = r.text(root, 'version', '', 'warning', 255) ?? '';
  const card: McpServerCard = {
    shape, name: name ?? '', ...(title ? { title } : {}), version, description,
    ...(websiteUrl ? { websiteUrl } : {}), ...(repositoryUrl ? { repositoryUrl } : {}),
    remotes, tools, resources, prompts, dynamic, capabilities, localPackages,
  };
  const shownName = title ?? name;
  return {
    kind: 'mcp-server-card',
    summary: {
      ...(shownName ? { name: shownName } : {}), ...(description ? { description } : {}), ...(version ? { version } : {}),
      counts: { remotes: remotes.length, tools: tools.length, resources: resources.length, prompts: prompts.length },
      links: remotes.filter((x) => !x.templated).map((x) => x.url).slice(0, 20),
    },
    problems: r.problems,
    detail: name === undefined ? null : card,
  };
}

/** Parses an MCP server card fetched from `url`. Never throws. */
export function parseMcpServerCard(text: string, url: string): McpServerCardParse {
  const label = documentLabel(url);
  const { root, problems } = readJsonObject(text, label);
  if (!root) return { kind: 'mcp-server-card', summary: EMPTY_SUMMARY, problems, detail: null };
  const parsed = readMcpServerCard(root, url, label);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
