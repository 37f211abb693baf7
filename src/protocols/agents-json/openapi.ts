// OpenAPI 3.x: parse (JSON or YAML), index operations by operationId, and resolve one operation
// into what a request needs: method, URL, parameters, body schema and security.
import { childPath, isObject, MIB, parseJsonOrYaml, type JsonObject, type JsonValue, type Problem } from './json';
import { RefResolver } from './refs';
import { Checker } from './validate';

export const OPENAPI_MAX_BYTES = 5 * MIB;
export const OPENAPI_LIMITS = { maxBytes: OPENAPI_MAX_BYTES, maxDepth: 96, maxNodes: 1_000_000 };
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = Uppercase<(typeof HTTP_METHODS)[number]>;
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface OperationLocation {
  method: HttpMethod;
  path: string;
  /** Display path of the operation in the document, e.g. `paths["/gifs/search"].get`. */
  at: string;
}

export interface OpenApiDoc {
  /** The `openapi` version string, e.g. `3.0.3`. */
  version: string;
  root: JsonObject;
  operations: Map<string, OperationLocation>;
}

export type ParseOpenApiResult = { ok: true; doc: OpenApiDoc; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Parses an OpenAPI 3 document and indexes its operations by operationId. */
export function parseOpenApi(text: string, label: string): ParseOpenApiResult {
  const tree = parseJsonOrYaml(text, label, OPENAPI_LIMITS);
  const c = new Checker(label);
  c.problems.push(...tree.problems);
  if (!tree.ok) return { ok: false, problems: c.problems };
  const root = tree.value;
  if (!isObject(root)) {
    c.error('', 'must be an object');
    return { ok: false, problems: c.problems };
  }
  if (typeof root.swagger === 'string') {
    c.error('swagger', `'${root.swagger.slice(0, 20)}': Swagger 2 documents are not supported; agents.json sources must be OpenAPI 3`);
    return { ok: false, problems: c.problems };
  }
  const version = c.string(root, 'openapi', '');
  if (version === undefined) return { ok: false, problems: c.problems };
  if (!/^3\./.test(version)) {
    c.error('openapi', `'${version.slice(0, 20)}' is not an OpenAPI 3 version`);
    return { ok: false, problems: c.problems };
  }
  const operations = new Map<string, OperationLocation>();
  const paths = c.object(root, 'paths', '', false) ?? {};
  const refs = new RefResolver(root, c);
  for (const path of Object.keys(paths)) {
    const itemPath = childPath('paths', path);
    const item = refs.target(paths[path], itemPath);
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const at = childPath(itemPath, method);
      const existing = operations.get(op.operationId);
      if (existing) {
        c.warn(childPath(at, 'operationId'), `'${op.operationId}' is also used by ${existing.method} ${existing.path}; the first is used`);
        continue;
      }
      operations.set(op.operationId, { method: method.toUpperCase() as HttpMethod, path, at });
    }
  }
  return { ok: true, doc: { version, root, operations }, problems: c.problems };
}

export interface ResolvedParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  schema: JsonObject | null;
  style?: string;
  explode?: boolean;
}

export interface ResolvedRequestBody {
  required: boolean;
  /** The media type requests are sent as: JSON when offered, otherwise the first declared. */
  mediaType: string;
  mediaTypes: string[];
  schema: JsonObject | null;
}

export type SecurityScheme =
  | { type: 'apiKey'; name: string; in: ParameterLocation }
  | { type: 'http'; scheme: string; bearerFormat?: string }
  | { type: 'oauth2' | 'openIdConnect' | 'mutualTLS' };

export interface ResolvedOperation {
  sourceId: string;
  operationId: string;
  method: HttpMethod;
  /** Path template, e.g. `/tags/related/{term}`. */
  path: string;
  /**
   * The source's own origin: that of the document's first top-level server. Credentials given for the
   * source without an explicit origin are only ever sent there. Null when there is no usable server.
   */
  sourceOrigin: string | null;
  /** Absolute base URL requests go to (the first usable server), or null if none is usable. */
  serverUrl: string | null;
  servers: string[];
  summary?: string;
  description?: string;
  /** Operation-level parameters first, then path-level ones it does not override. */
  parameters: ResolvedParameter[];
  requestBody: ResolvedRequestBody | null;
  /** Alternatives: any one requirement object satisfies the operation. Empty: no auth declared. */
  security: Array<Record<string, string[]>>;
  /** The schemes named in `security`, resolved. */
  securitySchemes: Record<string, SecurityScheme>;
}

const LOCATIONS: ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

function serverUrls(c: Checker, servers: JsonValue | undefined, base: string, at: string): string[] {
  if (!Array.isArray(servers)) return [];
  const out: string[] = [];
  servers.forEach((s, i) => {
    if (!isObject(s) || typeof s.url !== 'string') return;
    const vars = isObject(s.variables) ? s.variables : {};
    const filled = s.url.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const v = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
      return isObject(v) && typeof v.default === 'string' ? v.default : `{${name}}`;
    });
    try {
      const url = new URL(filled, base);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      out.push(url.href.replace(/\/+$/, ''));
    } catch {
      c.warn(childPath(childPath(at, 'servers'), i), `url '${s.url.slice(0, 200)}' is not a usable http(s) URL`);
    }
  });
  return out;
}

function readParameter(c: Checker, refs: RefResolver, raw: JsonValue, at: string): ResolvedParameter | undefined {
  const p = refs.resolveObject(raw, at);
  if (!p) return undefined;
  const name = c.string(p, 'name', at);
  const where = c.string(p, 'in', at);
  if (name === undefined || where === undefined) return undefined;
  if (!LOCATIONS.includes(where as ParameterLocation)) {
    c.error(childPath(at, 'in'), `'${where.slice(0, 20)}' is not path, query, header or cookie`);
    return undefined;
  }
  const out: ResolvedParameter = { name, in: where as ParameterLocation, required: p.required === true || where === 'path', schema: isObject(p.schema) ? p.schema : null };
  if (typeof p.description === 'string') out.description = p.description;
  if (typeof p.style === 'string') out.style = p.style;
  if (typeof p.explode === 'boolean') out.explode = p.explode;
  return out;
}

function readRequestBody(refs: RefResolver, raw: JsonValue | undefined, at: string): ResolvedRequestBody | null {
  if (raw === undefined) return null;
  const body = refs.resolveObject(raw, at);
  if (!body || !isObject(body.content)) return null;
  const content = body.content;
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) return null;
  const mediaType = mediaTypes.find((m) => /^application\/json\b/i.test(m)) ?? mediaTypes.find((m) => /\+json\b/i.test(m)) ?? mediaTypes[0];
  const media = content[mediaType];
  return { required: body.required === true, mediaType, mediaTypes, schema: isObject(media) && isObject(media.schema) ? media.schema : null };
}

function readScheme(refs: RefResolver, raw: JsonValue, at: string): SecurityScheme | undefined {
  const s = refs.resolveObject(raw, at);
  if (!s) return undefined;
  if (s.type === 'apiKey' && typeof s.name === 'string' && LOCATIONS.includes(s.in as ParameterLocation)) {
    return { type: 'apiKey', name: s.name, in: s.in as ParameterLocation };
  }
  if (s.type === 'http' && typeof s.scheme === 'string') {
    return { type: 'http', scheme: s.scheme.toLowerCase(), ...(typeof s.bearerFormat === 'string' ? { bearerFormat: s.bearerFormat } : {}) };
  }
  if (s.type === 'oauth2' || s.type === 'openIdConnect' || s.type === 'mutualTLS') return { type: s.type };
  return undefined;
}

/** Origin of the document's first usable top-level server (OpenAPI's default server is `/`). */
export function sourceOrigin(api: OpenApiDoc, documentUrl: string): string | null {
  const servers = Array.isArray(api.root.servers) && api.root.servers.length > 0 ? api.root.servers : [{ url: '/' }];
  for (const s of servers) {
    if (!isObject(s) || typeof s.url !== 'string' || s.url.includes('{')) continue;
    try {
      const url = new URL(s.url, documentUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
    } catch {
      // not usable: try the next server
    }
  }
  return null;
}

/**
 * Resolves one operation (by operationId) of a parsed document. `operation` may be an overridden copy
 * of the raw operation object. `documentUrl` is where the OpenAPI came from (relative servers resolve against it).
 */
export function resolveOperation(c: Checker, api: OpenApiDoc, sourceId: string, operationId: string, documentUrl: string, operation?: JsonObject): ResolvedOperation | undefined {
  const loc = api.operations.get(operationId);
  if (!loc) return undefined;
  const refs = new RefResolver(api.root, c);
  const item = refs.target(isObject(api.root.paths) ? api.root.paths[loc.path] : undefined, childPath('paths', loc.path)) ?? {};
  const op = operation ?? (isObject(item[loc.method.toLowerCase()]) ? (item[loc.method.toLowerCase()] as JsonObject) : {});
  const own = (Array.isArray(op.parameters) ? op.parameters : []).map((p, i) => readParameter(c, refs, p, childPath(childPath(loc.at, 'parameters'), i)));
  const shared = (Array.isArray(item.parameters) ? item.parameters : []).map((p, i) => readParameter(c, refs, p, childPath(childPath('paths', loc.path), `parameters[${i}]`)));
  const parameters = own.filter((p): p is ResolvedParameter => p !== undefined);
  for (const p of shared) if (p && !parameters.some((q) => q.name === p.name && q.in === p.in)) parameters.push(p);
  const requestBody = readRequestBody(refs, op.requestBody, childPath(loc.at, 'requestBody'));
  const servers = [
    ...serverUrls(c, op.servers, documentUrl, loc.at),
    ...(Array.isArray(op.servers) ? [] : serverUrls(c, item.servers, documentUrl, childPath('paths', loc.path))),
  ];
  const rootServers = servers.length === 0 ? serverUrls(c, api.root.servers ?? [{ url: '/' }], documentUrl, '') : [];
  const allServers = servers.length > 0 ? servers : rootServers;
  const rawSecurity = Array.isArray(op.security) ? op.security : Array.isArray(api.root.security) ? api.root.security : [];
  const security: Array<Record<string, string[]>> = [];
  const securitySchemes: Record<string, SecurityScheme> = {};
  const components = isObject(api.root.components) && isObject(api.root.components.securitySchemes) ? api.root.components.securitySchemes : {};
  for (const req of rawSecurity) {
    if (!isObject(req)) continue;
    const entry: Record<string, string[]> = {};
    for (const name of Object.keys(req)) {
      const scopes = req[name];
      entry[name] = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
      if (!Object.prototype.hasOwnProperty.call(components, name)) {
        c.warn(childPath(loc.at, 'security'), `names scheme '${name}', which components.securitySchemes does not define`);
        continue;
      }
      const scheme = readScheme(refs, components[name], childPath('components.securitySchemes', name));
      if (scheme) securitySchemes[name] = scheme;
    }
    security.push(entry);
  }
  return {
    sourceId, operationId, method: loc.method, path: loc.path,
    sourceOrigin: sourceOrigin(api, documentUrl),
    serverUrl: allServers[0] ?? null, servers: allServers,
    ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
    ...(typeof op.description === 'string' ? { description: op.description } : {}),
    parameters, requestBody, security, securitySchemes,
  };
}
