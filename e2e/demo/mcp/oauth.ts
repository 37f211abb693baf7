// A small OAuth 2.1 authorization server for the demo, and the MCP endpoint it protects: RFC 9728
// protected-resource metadata, RFC 8414 server metadata, RFC 7591 dynamic registration of public
// clients, authorization code with PKCE S256 only, RFC 8707 resource indicators (tokens are bound to
// the one MCP URL), RFC 9207 `iss` in the redirect, refresh tokens. The demo user is always signed in
// at this server and consents automatically, so the flow needs no typing in the sign-in window.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const OAUTH_PATHS = {
  resource: '/mcp/private',
  resourceMetadata: '/.well-known/oauth-protected-resource/mcp/private',
  issuerPath: '/oauth',
  asMetadata: '/.well-known/oauth-authorization-server/oauth',
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  register: '/oauth/register',
} as const;

interface Client { id: string; redirectUris: string[] }
interface Code { clientId: string; redirectUri: string; challenge: string; resource: string; scope: string; expires: number }
interface Token { clientId: string; resource: string; scope: string; expires: number }

export interface DemoAuthServer {
  /** Answers the metadata, registration, authorize and token endpoints; true when it did. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: () => Promise<string>): boolean;
  /** Null when the request may reach the protected MCP endpoint; else the 401 was written. */
  guard(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  clients: Map<string, Client>;
  issued: { access: number; refresh: number };
  /** Makes every access token expire now (to test refresh). */
  expireAll(): void;
}

const b64url = (b: Buffer) => b.toString('base64url');
const token = () => b64url(randomBytes(24));

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(value));
}

export function createDemoAuthServer(options: { accessTtlSeconds?: number } = {}): DemoAuthServer {
  const clients = new Map<string, Client>();
  const codes = new Map<string, Code>();
  const access = new Map<string, Token>();
  const refresh = new Map<string, Token>();
  const issued = { access: 0, refresh: 0 };
  const ttl = options.accessTtlSeconds ?? 3600;
  const resourceOf = (url: URL) => `${url.origin}${OAUTH_PATHS.resource}`;
  const issuerOf = (url: URL) => `${url.origin}${OAUTH_PATHS.issuerPath}`;

  const mint = (res: ServerResponse, t: Omit<Token, 'expires'>) => {
    const a = token();
    const r = token();
    access.set(a, { ...t, expires: Date.now() + ttl * 1000 });
    refresh.set(r, { ...t, expires: Date.now() + 86_400_000 });
    issued.access++;
    json(res, 200, { access_token: a, token_type: 'Bearer', expires_in: ttl, refresh_token: r, scope: t.scope });
  };

  return {
    clients, issued,
    expireAll: () => access.forEach((t) => (t.expires = 0)),

    guard(req, res, url) {
      const auth = req.headers.authorization ?? '';
      const t = auth.startsWith('Bearer ') ? access.get(auth.slice(7)) : undefined;
      if (t && t.expires > Date.now() && t.resource === resourceOf(url)) return true;
      const error = t ? ', error="invalid_token"' : '';
      json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': `Bearer resource_metadata="${url.origin}${OAUTH_PATHS.resourceMetadata}", scope="shop.members"${error}` });
      return false;
    },

    handle(req, res, url, body) {
      const path = url.pathname;
      if (path === OAUTH_PATHS.resourceMetadata) {
        json(res, 200, { resource: resourceOf(url), authorization_servers: [issuerOf(url)], scopes_supported: ['shop.members'], resource_name: 'Members-only shop tools' });
        return true;
      }
      if (path === OAUTH_PATHS.asMetadata) {
        const issuer = issuerOf(url);
        json(res, 200, {
          issuer, authorization_endpoint: `${url.origin}${OAUTH_PATHS.authorize}`, token_endpoint: `${url.origin}${OAUTH_PATHS.token}`,
          registration_endpoint: `${url.origin}${OAUTH_PATHS.register}`, scopes_supported: ['shop.members'],
          response_types_supported: ['code'], grant_types_supported: ['authorization_code', 'refresh_token'],
          token_endpoint_auth_methods_supported: ['none'], code_challenge_methods_supported: ['S256'],
          authorization_response_iss_parameter_supported: true,
        });
        return true;
      }
      if (path === OAUTH_PATHS.register && req.method === 'POST') {
        void body().then((text) => {
          let meta: { redirect_uris?: unknown; token_endpoint_auth_method?: unknown };
          try {
            meta = JSON.parse(text);
          } catch {
            return json(res, 400, { error: 'invalid_client_metadata' });
          }
          const uris = Array.isArray(meta.redirect_uris) ? meta.redirect_uris.filter((u): u is string => typeof u === 'string') : [];
          if (uris.length === 0 || meta.token_endpoint_auth_method !== 'none') return json(res, 400, { error: 'invalid_client_metadata', error_description: 'public clients with redirect_uris only' });
          const client = { id: `client-${token()}`, redirectUris: uris };
          clients.set(client.id, client);
          json(res, 201, { client_id: client.id, redirect_uris: uris, token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] });
        });
        return true;
      }
      if (path === OAUTH_PATHS.authorize && req.method === 'GET') {
        const q = url.searchParams;
        const client = clients.get(q.get('client_id') ?? '');
        const redirect = q.get('redirect_uri') ?? '';
        if (!client || !client.redirectUris.includes(redirect)) return (json(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' }), true);
        const back = new URL(redirect);
        back.searchParams.set('state', q.get('state') ?? '');
        back.searchParams.set('iss', issuerOf(url));
        const fail = (error: string) => {
          back.searchParams.set('error', error);
          res.writeHead(302, { location: back.href });
          res.end();
          return true;
        };
        if (q.get('response_type') !== 'code') return fail('unsupported_response_type');
        if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return fail('invalid_request');
        if (q.get('resource') !== resourceOf(url)) return fail('invalid_target');
        const code = token();
        codes.set(code, { clientId: client.id, redirectUri: redirect, challenge: q.get('code_challenge')!, resource: resourceOf(url), scope: q.get('scope') ?? '', expires: Date.now() + 60_000 });
        back.searchParams.set('code', code);
        res.writeHead(302, { location: back.href });
        res.end();
        return true;
      }
      if (path === OAUTH_PATHS.token && req.method === 'POST') {
        void body().then((text) => {
          const f = new URLSearchParams(text);
          if (f.get('resource') !== resourceOf(url)) return json(res, 400, { error: 'invalid_target' });
          if (f.get('grant_type') === 'authorization_code') {
            const c = codes.get(f.get('code') ?? '');
            codes.delete(f.get('code') ?? '');
            const verifier = f.get('code_verifier') ?? '';
            const challenge = b64url(createHash('sha256').update(verifier).digest());
            if (!c || c.expires < Date.now() || c.clientId !== f.get('client_id') || c.redirectUri !== f.get('redirect_uri') || c.challenge !== challenge) {
              return json(res, 400, { error: 'invalid_grant' });
            }
            return mint(res, { clientId: c.clientId, resource: c.resource, scope: c.scope });
          }
          if (f.get('grant_type') === 'refresh_token') {
            const r = refresh.get(f.get('refresh_token') ?? '');
            if (!r || r.clientId !== f.get('client_id')) return json(res, 400, { error: 'invalid_grant' });
            refresh.delete(f.get('refresh_token') ?? '');
            issued.refresh++;
            return mint(res, r);
          }
          json(res, 400, { error: 'unsupported_grant_type' });
        });
        return true;
      }
      return false;
    },
  };
}
