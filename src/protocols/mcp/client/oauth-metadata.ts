// MCP authorization discovery, pure: the 401 challenge, RFC 9728 protected-resource metadata and
// RFC 8414 / OIDC authorization-server metadata (mcp-lmos.md §1.4). Fetching is the caller's job.
import { isObject, parseJsonText, problem, type JsonObject, type Problem } from '../../agents-json/json';

export interface AuthChallenge {
  scheme: string;
  /** RFC 9728 `resource_metadata` URL. */
  resourceMetadata?: string;
  scope?: string;
  /** e.g. `invalid_token`, `insufficient_scope`. */
  error?: string;
  errorDescription?: string;
}

const PARAM = /\s*([A-Za-z0-9_.-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,"]+)\s*,?/y;

/** Reads the Bearer challenge of a WWW-Authenticate header; null when there is none. */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge | null {
  if (!header) return null;
  const text = header.slice(0, 8192);
  const at = text.search(/(^|[\s,])Bearer(\s|$)/i);
  if (at === -1) return null;
  const start = text.toLowerCase().indexOf('bearer', at);
  const params: Record<string, string> = {};
  PARAM.lastIndex = start + 6;
  for (let m = PARAM.exec(text); m; m = PARAM.exec(text)) {
    const key = m[1].toLowerCase();
    // A following challenge (`Basic realm=…`) starts with a token that is not followed by '='; the regex stops there.
    if (!(key in params)) params[key] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2];
  }
  return {
    scheme: 'Bearer',
    ...(params.resource_metadata ? { resourceMetadata: params.resource_metadata } : {}),
    ...(params.scope ? { scope: params.scope } : {}),
    ...(params.error ? { error: params.error } : {}),
    ...(params.error_description ? { errorDescription: params.error_description } : {}),
  };
}

/** RFC 8707 canonical server URI: lower-case scheme and host, no fragment, no trailing slash. */
export function canonicalResourceUri(url: string): string {
  const u = new URL(url);
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}${u.search}`;
}

function isLoopback(u: URL): boolean {
  return u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

/** https, or http on a loopback host (local development servers). */
export function isSecureUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u));
  } catch {
    return false;
  }
}

/** Where to look for the protected-resource metadata, in the order the spec gives. */
export function protectedResourceMetadataUrls(mcpUrl: string, challenge?: AuthChallenge | null): string[] {
  const u = new URL(mcpUrl);
  const urls: string[] = [];
  if (challenge?.resourceMetadata && isSecureUrl(challenge.resourceMetadata)) urls.push(challenge.resourceMetadata);
  const path = u.pathname.replace(/\/+$/, '');
  if (path) urls.push(`${u.origin}/.well-known/oauth-protected-resource${path}`);
  urls.push(`${u.origin}/.well-known/oauth-protected-resource`);
  return [...new Set(urls)];
}

/** Where to look for authorization-server metadata of `issuer`, in the order the spec gives. */
export function authorizationServerMetadataUrls(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/+$/, '');
  if (!path) return [`${u.origin}/.well-known/oauth-authorization-server`, `${u.origin}/.well-known/openid-configuration`];
  return [
    `${u.origin}/.well-known/oauth-authorization-server${path}`,
    `${u.origin}/.well-known/openid-configuration${path}`,
    `${u.origin}${path}/.well-known/openid-configuration`,
  ];
}

export interface ProtectedResourceMetadata {
  resource: string;
  authorizationServers: string[];
  scopesSupported: string[];
  resourceName?: string;
}

export interface AuthorizationServerMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  registrationEndpoint?: string;
  scopesSupported: string[];
  codeChallengeMethodsSupported: string[];
  clientIdMetadataDocumentSupported: boolean;
  issParameterSupported: boolean;
}

export type MetadataParse<T> = { ok: true; value: T; problems: Problem[] } | { ok: false; problems: Problem[] };

const LIMITS = { maxBytes: 256 * 1024, maxDepth: 16, maxNodes: 20_000 };

function strings(obj: JsonObject, key: string, max = 64): string[] {
  const v = obj[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 2000).slice(0, max) : [];
}

function readRoot(text: string, label: string): { root?: JsonObject; problems: Problem[] } {
  const tree = parseJsonText(text, label, LIMITS);
  if (!tree.ok) return { problems: tree.problems };
  if (!isObject(tree.value)) return { problems: [problem('error', label, '', 'must be a JSON object')] };
  return { root: tree.value, problems: tree.problems };
}

/** RFC 9728. `resource` must name the MCP server the client is talking to (§3.3). */
export function parseProtectedResourceMetadata(text: string, mcpUrl: string): MetadataParse<ProtectedResourceMetadata> {
  const label = 'Protected-resource metadata';
  const { root, problems } = readRoot(text, label);
  if (!root) return { ok: false, problems };
  const fail = (path: string, msg: string) => ({ ok: false as const, problems: [...problems, problem('error', label, path, msg)] });
  if (typeof root.resource !== 'string') return fail('resource', 'is missing');
  let same = false;
  try {
    same = canonicalResourceUri(root.resource) === canonicalResourceUri(mcpUrl);
  } catch {
    return fail('resource', 'is not a URL');
  }
  if (!same) return fail('resource', `names ${root.resource.slice(0, 200)}, not the MCP server ${canonicalResourceUri(mcpUrl)}`);
  const servers = strings(root, 'authorization_servers').filter((s) => {
    if (isSecureUrl(s)) return true;
    problems.push(problem('warning', label, 'authorization_servers', `${s.slice(0, 200)} is not an https URL; skipped`));
    return false;
  });
  if (servers.length === 0) return fail('authorization_servers', 'lists no usable authorization server');
  const name = typeof root.resource_name === 'string' ? root.resource_name.slice(0, 200) : undefined;
  return {
    ok: true, problems,
    value: { resource: root.resource, authorizationServers: servers, scopesSupported: strings(root, 'scopes_supported'), ...(name ? { resourceName: name } : {}) },
  };
}

/**
 * RFC 8414 metadata of `issuer`. Refuses servers without PKCE S256 (the MCP spec: a client MUST NOT
 * proceed when `code_challenge_methods_supported` is absent or lacks S256).
 */
export function parseAuthorizationServerMetadata(text: string, issuer: string): MetadataParse<AuthorizationServerMetadata> {
  const label = 'Authorization-server metadata';
  const { root, problems } = readRoot(text, label);
  if (!root) return { ok: false, problems };
  const errors: Problem[] = [];
  const err = (path: string, msg: string) => errors.push(problem('error', label, path, msg));
  if (root.issuer !== issuer && root.issuer !== issuer.replace(/\/+$/, '')) err('issuer', `is not ${issuer}`);
  const endpoint = (key: string, required: boolean): string | undefined => {
    const v = root[key];
    if (typeof v === 'string' && isSecureUrl(v)) return v;
    if (required || v !== undefined) err(key, v === undefined ? 'is missing' : 'is not an https URL');
    return undefined;
  };
  const authorizationEndpoint = endpoint('authorization_endpoint', true);
  const tokenEndpoint = endpoint('token_endpoint', true);
  const registrationEndpoint = endpoint('registration_endpoint', false);
  const methods = strings(root, 'code_challenge_methods_supported');
  if (!methods.includes('S256')) err('code_challenge_methods_supported', 'does not list S256; PKCE is required, so Emissary will not sign in here');
  if (errors.length > 0 || !authorizationEndpoint || !tokenEndpoint) return { ok: false, problems: [...problems, ...errors] };
  return {
    ok: true, problems,
    value: {
      issuer: root.issuer as string, authorizationEndpoint, tokenEndpoint, ...(registrationEndpoint ? { registrationEndpoint } : {}),
      scopesSupported: strings(root, 'scopes_supported'), codeChallengeMethodsSupported: methods,
      clientIdMetadataDocumentSupported: root.client_id_metadata_document_supported === true,
      issParameterSupported: root.authorization_response_iss_parameter_supported === true,
    },
  };
}

/** The spec's scope choice: the challenge's scope, else every scope the resource lists, else none. */
export function selectScope(challenge: AuthChallenge | null | undefined, resource: ProtectedResourceMetadata | null | undefined): string | undefined {
  if (challenge?.scope) return challenge.scope;
  const all = resource?.scopesSupported ?? [];
  return all.length > 0 ? all.join(' ') : undefined;
}
