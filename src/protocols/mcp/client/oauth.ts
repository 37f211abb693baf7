// OAuth 2.1 public-client steps for MCP, pure: PKCE S256 (RFC 7636), the authorization URL with an
// RFC 8707 resource indicator, the redirect's answer (RFC 9207 `iss` check), token and registration
// requests and their answers. The caller does the fetching and the browser window.
import { isObject, parseJsonText, type JsonObject } from '../../agents-json/json';
import { canonicalResourceUri, type AuthorizationServerMetadata } from './oauth-metadata';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function base64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** BASE64URL(SHA-256(ASCII(verifier))), with WebCrypto. */
export async function pkceChallenge(verifier: string): Promise<string> {
  if (!VERIFIER.test(verifier)) throw new Error('a PKCE code verifier is 43–128 characters of [A-Za-z0-9-._~]');
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** A fresh verifier (32 random bytes → 43 characters) and its S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = base64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await pkceChallenge(verifier), method: 'S256' };
}

/** An unguessable `state` value. */
export function randomState(): string {
  return base64Url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

export interface AuthorizationRequest {
  metadata: Pick<AuthorizationServerMetadata, 'authorizationEndpoint'>;
  clientId: string;
  redirectUri: string;
  /** The MCP server URL; sent as the canonical `resource` indicator. */
  resource: string;
  codeChallenge: string;
  state: string;
  scope?: string;
}

export function buildAuthorizationUrl(req: AuthorizationRequest): string {
  const url = new URL(req.metadata.authorizationEndpoint);
  const set = (k: string, v: string) => url.searchParams.set(k, v);
  set('response_type', 'code');
  set('client_id', req.clientId);
  set('redirect_uri', req.redirectUri);
  set('code_challenge', req.codeChallenge);
  set('code_challenge_method', 'S256');
  set('state', req.state);
  set('resource', canonicalResourceUri(req.resource));
  if (req.scope) set('scope', req.scope);
  return url.toString();
}

export type AuthorizationResponse =
  | { ok: true; code: string }
  | { ok: false; error: string; description?: string };

/**
 * Reads the URL the authorization server redirected to. `state` must match; when the issuer
 * advertises RFC 9207 support (or sends `iss` anyway) `iss` must equal the recorded issuer.
 */
export function parseAuthorizationResponse(redirectedTo: string, expected: { state: string; issuer: string; issRequired: boolean }): AuthorizationResponse {
  let params: URLSearchParams;
  try {
    params = new URL(redirectedTo).searchParams;
  } catch {
    return { ok: false, error: 'invalid_response', description: 'the redirect URL is not a URL' };
  }
  if (params.get('state') !== expected.state) return { ok: false, error: 'invalid_state', description: 'the state does not match this sign-in' };
  const iss = params.get('iss');
  if ((iss !== null || expected.issRequired) && iss !== expected.issuer) {
    return { ok: false, error: 'invalid_issuer', description: `the answer came from ${iss ?? 'an unnamed issuer'}, not ${expected.issuer}` };
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description')?.slice(0, 500);
    return { ok: false, error: error.slice(0, 100), ...(description ? { description } : {}) };
  }
  const code = params.get('code');
  return code ? { ok: true, code } : { ok: false, error: 'invalid_response', description: 'the redirect carries no code' };
}

export interface FormPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function formPost(url: string, fields: Record<string, string | undefined>): FormPost {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v);
  return { url, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: body.toString() };
}

export function buildTokenRequest(p: {
  metadata: Pick<AuthorizationServerMetadata, 'tokenEndpoint'>; clientId: string; code: string; codeVerifier: string; redirectUri: string; resource: string;
}): FormPost {
  return formPost(p.metadata.tokenEndpoint, {
    grant_type: 'authorization_code', code: p.code, code_verifier: p.codeVerifier, client_id: p.clientId,
    redirect_uri: p.redirectUri, resource: canonicalResourceUri(p.resource),
  });
}

export function buildRefreshRequest(p: {
  metadata: Pick<AuthorizationServerMetadata, 'tokenEndpoint'>; clientId: string; refreshToken: string; resource: string; scope?: string;
}): FormPost {
  return formPost(p.metadata.tokenEndpoint, {
    grant_type: 'refresh_token', refresh_token: p.refreshToken, client_id: p.clientId, resource: canonicalResourceUri(p.resource), scope: p.scope,
  });
}

export interface TokenSet {
  accessToken: string;
  tokenType: 'Bearer';
  /** Epoch ms; absent when the server gave no `expires_in`. */
  expiresAt?: number;
  refreshToken?: string;
  scope?: string;
}

export type TokenResponse = { ok: true; tokens: TokenSet } | { ok: false; error: string; description?: string };

const TOKEN_CAP = 16 * 1024;

function readJson(text: string): JsonObject | undefined {
  const tree = parseJsonText(text, 'Token response', { maxBytes: 64 * 1024, maxDepth: 8, maxNodes: 2000 });
  return tree.ok && isObject(tree.value) ? tree.value : undefined;
}

/** RFC 6749 §5.1 / §5.2. Only Bearer tokens are accepted; `now` is epoch ms. */
export function parseTokenResponse(status: number, text: string, now: number): TokenResponse {
  const root = readJson(text);
  if (!root) return { ok: false, error: 'invalid_response', description: `the token endpoint answered ${status} without a JSON object` };
  if (typeof root.error === 'string' || status >= 400) {
    const description = typeof root.error_description === 'string' ? root.error_description.slice(0, 500) : undefined;
    return { ok: false, error: typeof root.error === 'string' ? root.error.slice(0, 100) : `http_${status}`, ...(description ? { description } : {}) };
  }
  const token = root.access_token;
  if (typeof token !== 'string' || token.length === 0 || token.length > TOKEN_CAP || !/^[\x21-\x7e]+$/.test(token)) {
    return { ok: false, error: 'invalid_response', description: 'access_token is missing or not a usable token' };
  }
  if (typeof root.token_type !== 'string' || root.token_type.toLowerCase() !== 'bearer') {
    return { ok: false, error: 'invalid_response', description: 'token_type is not Bearer' };
  }
  const expires = typeof root.expires_in === 'number' && root.expires_in > 0 ? now + Math.floor(root.expires_in) * 1000 : undefined;
  const refresh = typeof root.refresh_token === 'string' && root.refresh_token.length <= TOKEN_CAP ? root.refresh_token : undefined;
  const scope = typeof root.scope === 'string' ? root.scope.slice(0, 2000) : undefined;
  return {
    ok: true,
    tokens: { accessToken: token, tokenType: 'Bearer', ...(expires ? { expiresAt: expires } : {}), ...(refresh ? { refreshToken: refresh } : {}), ...(scope ? { scope } : {}) },
  };
}

/** RFC 7591 dynamic registration body for a public client (`application_type: "web"` fits an extension's https redirect). */
export function buildRegistrationRequest(p: { registrationEndpoint: string; clientName: string; redirectUris: string[]; scope?: string }): { url: string; headers: Record<string, string>; body: string } {
  const body: JsonObject = {
    client_name: p.clientName, redirect_uris: p.redirectUris, grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'], token_endpoint_auth_method: 'none', application_type: 'web', ...(p.scope ? { scope: p.scope } : {}),
  };
  return { url: p.registrationEndpoint, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) };
}

export type RegistrationResponse = { ok: true; clientId: string } | { ok: false; error: string; description?: string };

export function parseRegistrationResponse(status: number, text: string): RegistrationResponse {
  const root = readJson(text);
  if (!root) return { ok: false, error: 'invalid_response', description: `registration answered ${status} without a JSON object` };
  if (status >= 400 || typeof root.error === 'string') {
    return { ok: false, error: typeof root.error === 'string' ? root.error.slice(0, 100) : `http_${status}`, ...(typeof root.error_description === 'string' ? { description: root.error_description.slice(0, 500) } : {}) };
  }
  if (typeof root.client_id !== 'string' || root.client_id.length === 0 || root.client_id.length > 2000) return { ok: false, error: 'invalid_response', description: 'client_id is missing' };
  return { ok: true, clientId: root.client_id };
}
