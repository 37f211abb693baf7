// MCP authorization (2025-06-18+ / 2026-07-28 basic/authorization): protected-resource metadata
// (RFC 9728) → authorization-server metadata (RFC 8414) → dynamic client registration (RFC 7591)
// → authorization code with PKCE S256 and a resource indicator (RFC 8707) in a browser window
// (identity.launchWebAuthFlow, Chromium and Firefox) → tokens kept encrypted in the vault per
// server and issuer, refreshed before they expire, forgotten on sign-out.
import browser from 'webextension-polyfill';
import {
  authorizationServerMetadataUrls, buildAuthorizationUrl, buildRefreshRequest, buildRegistrationRequest, buildTokenRequest, createPkcePair,
  parseAuthorizationResponse, parseAuthorizationServerMetadata, parseProtectedResourceMetadata, parseRegistrationResponse, parseTokenResponse,
  parseWwwAuthenticate, protectedResourceMetadataUrls, randomState, selectScope, type AuthorizationServerMetadata, type ProtectedResourceMetadata, type TokenSet,
} from '../../protocols/mcp/client';
import { readCapped } from '../../protocols/discovery/read-capped';
import type { VaultService } from '../vault-service';

export interface McpTokenRecord {
  issuer: string;
  clientId: string;
  tokenEndpoint: string;
  tokens: TokenSet;
  signedInAt: number;
}

export interface McpAuth {
  signedIn(server: string): Promise<{ issuer: string } | undefined>;
  headers(server: string): Promise<Record<string, string>>;
  signIn(server: string): Promise<void>;
  /** After a 401 with a token: tries the refresh token once; true when there is a new access token. */
  refreshNow(server: string): Promise<boolean>;
  signOut(server: string): Promise<void>;
  list(): Promise<{ server: string; issuer: string; signedInAt: number }[]>;
}

const REFRESH_MARGIN_MS = 30_000;
/** A 401 this soon after a renewal was sent with the old token: ask again with the new one instead of renewing twice. */
const RENEWED_RECENTLY_MS = 5_000;

async function getText(url: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', signal: AbortSignal.timeout(15_000) });
  const read = await readCapped(response, 256 * 1024);
  return { status: response.status, text: read.ok ? read.text : '', headers: response.headers };
}

async function firstOk<T>(urls: string[], parse: (text: string) => { ok: true; value: T } | { ok: false; problems: { message: string }[] }): Promise<T> {
  const why: string[] = [];
  for (const url of urls) {
    try {
      const r = await getText(url, { headers: { Accept: 'application/json' } });
      if (r.status !== 200) {
        why.push(`${url}: HTTP ${r.status}`);
        continue;
      }
      const parsed = parse(r.text);
      if (parsed.ok) return parsed.value;
      why.push(`${url}: ${parsed.problems.map((p) => p.message).slice(0, 2).join('; ')}`);
    } catch (err) {
      why.push(`${url}: ${(err as Error).message.slice(0, 100)}`);
    }
  }
  throw new Error(`Emissary could not find how to sign in: ${why.join(' · ').slice(0, 600)}`);
}

export function createMcpAuth(vault: VaultService): McpAuth {
  const read = async (server: string) => (await vault.readSecrets())?.mcpTokens?.[server];
  const store = async (server: string, record: McpTokenRecord | undefined) => {
    const ok = await vault.updateSecrets((s) => {
      s.mcpTokens ??= {};
      if (record) s.mcpTokens[server] = record;
      else delete s.mcpTokens[server];
    });
    if (!ok) throw new Error('Unlock Emissary first: sign-ins are kept in the encrypted vault.');
  };
  const refreshing = new Map<string, Promise<McpTokenRecord | undefined>>();
  /** When each server's tokens were last renewed: a 401 that raced that renewal needs no second one. */
  const renewedAt = new Map<string, number>();
  // One refresh per server at a time: the Site view's listing and its live stream meet the same expired
  // token together, and a second refresh would spend (or, where tokens rotate, invalidate) the first one.
  function refreshOnce(server: string, record: McpTokenRecord): Promise<McpTokenRecord | undefined> {
    let pending = refreshing.get(server);
    if (!pending) {
      pending = refresh(server, record).finally(() => refreshing.delete(server));
      refreshing.set(server, pending);
    }
    return pending;
  }

  async function refresh(server: string, record: McpTokenRecord): Promise<McpTokenRecord | undefined> {
    if (!record.tokens.refreshToken) return undefined;
    const req = buildRefreshRequest({ metadata: { tokenEndpoint: record.tokenEndpoint }, clientId: record.clientId, refreshToken: record.tokens.refreshToken, resource: server });
    const r = await getText(req.url, { method: 'POST', headers: req.headers, body: req.body });
    const parsed = parseTokenResponse(r.status, r.text, Date.now());
    if (!parsed.ok) return undefined;
    const next = { ...record, tokens: { ...parsed.tokens, refreshToken: parsed.tokens.refreshToken ?? record.tokens.refreshToken } };
    await store(server, next);
    renewedAt.set(server, Date.now());
    return next;
  }

  return {
    async signedIn(server) {
      const r = await read(server);
      return r ? { issuer: r.issuer } : undefined;
    },

    async headers(server): Promise<Record<string, string>> {
      let record = await read(server);
      if (!record) return {};
      if (record.tokens.expiresAt !== undefined && record.tokens.expiresAt - REFRESH_MARGIN_MS < Date.now()) {
        record = await refreshOnce(server, record);
        if (!record) return {};
      }
      return { Authorization: `Bearer ${record.tokens.accessToken}` };
    },

    async refreshNow(server) {
      const pending = refreshing.get(server);
      if (pending) return (await pending) !== undefined;
      if (Date.now() - (renewedAt.get(server) ?? 0) < RENEWED_RECENTLY_MS) return true;
      const record = await read(server);
      return record ? (await refreshOnce(server, record)) !== undefined : false;
    },

    async signIn(server) {
      if (!(await vault.readSecrets())) throw new Error('Unlock Emissary first: sign-ins are kept in the encrypted vault.');
      // The server's own 401 names its metadata (and maybe a scope); without one, the well-known paths.
      const probe = await getText(server, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":0,"method":"ping"}' }).catch(() => null);
      const challenge = probe?.status === 401 ? parseWwwAuthenticate(probe.headers.get('www-authenticate')) : null;
      const resource: ProtectedResourceMetadata = await firstOk(protectedResourceMetadataUrls(server, challenge), (t) => parseProtectedResourceMetadata(t, server));
      const issuer = resource.authorizationServers[0];
      const as: AuthorizationServerMetadata = await firstOk(authorizationServerMetadataUrls(issuer), (t) => parseAuthorizationServerMetadata(t, issuer));
      const redirectUri = browser.identity.getRedirectURL('mcp');
      const scope = selectScope(challenge, resource);
      if (!as.registrationEndpoint) throw new Error(`${new URL(issuer).host} does not let Emissary register itself (no dynamic client registration).`);
      const reg = buildRegistrationRequest({ registrationEndpoint: as.registrationEndpoint, clientName: 'Emissary', redirectUris: [redirectUri], ...(scope ? { scope } : {}) });
      const regAnswer = await getText(reg.url, { method: 'POST', headers: reg.headers, body: reg.body });
      const registered = parseRegistrationResponse(regAnswer.status, regAnswer.text);
      if (!registered.ok) throw new Error(`Registering with ${new URL(issuer).host} failed: ${registered.description ?? registered.error}`);
      const pkce = await createPkcePair();
      const state = randomState();
      const url = buildAuthorizationUrl({ metadata: as, clientId: registered.clientId, redirectUri, resource: server, codeChallenge: pkce.challenge, state, ...(scope ? { scope } : {}) });
      let redirected: string | undefined;
      try {
        redirected = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      } catch (err) {
        throw new Error(`The sign-in window closed without signing in (${(err as Error).message.slice(0, 200)}).`);
      }
      const answer = parseAuthorizationResponse(redirected ?? '', { state, issuer: as.issuer, issRequired: as.issParameterSupported });
      if (!answer.ok) throw new Error(`Sign-in refused: ${answer.description ?? answer.error}`);
      const tokenReq = buildTokenRequest({ metadata: as, clientId: registered.clientId, code: answer.code, codeVerifier: pkce.verifier, redirectUri, resource: server });
      const tokenAnswer = await getText(tokenReq.url, { method: 'POST', headers: tokenReq.headers, body: tokenReq.body });
      const tokens = parseTokenResponse(tokenAnswer.status, tokenAnswer.text, Date.now());
      if (!tokens.ok) throw new Error(`Getting a token failed: ${tokens.description ?? tokens.error}`);
      await store(server, { issuer: as.issuer, clientId: registered.clientId, tokenEndpoint: as.tokenEndpoint, tokens: tokens.tokens, signedInAt: Date.now() });
    },

    async list() {
      const all = (await vault.readSecrets())?.mcpTokens ?? {};
      return Object.entries(all).map(([server, r]) => ({ server, issuer: r.issuer, signedInAt: r.signedInAt }));
    },

    async signOut(server) {
      await store(server, undefined);
    },
  };
}
