// Authenticated requests to ANP agents (ANP-02 v1.2 / ANP-03 v1.1 §3): a stored access token while it
// is valid; otherwise an RFC 9421 signature (Content-Digest, keyid = full DID URL, created, expires,
// nonce) made in the background with the persona's authentication key; one retry on a 401 that brings
// a nonce (with the components Accept-Signature asks for); the legacy DIDWba header for agents that
// only speak it. Access tokens from Authentication-Info are kept in the vault's encrypted secrets.
import { explainAuthFailure, readAuthChallenge, shouldRetry } from '../../protocols/anp/auth-errors';
import { parseAuthParams, signRequest } from '../../protocols/anp/http-signatures';
import { legacyAuthorization } from '../../protocols/anp/legacy-auth';
import type { VaultService } from '../vault-service';
import type { Persona } from './identities';

export interface SignedResponse {
  status: number;
  text: string;
  requests: number;
  auth: 'token' | 'signature' | 'legacy';
}

const legacyOrigins = new Set<string>();
const MAX_BODY = 1024 * 1024;

function nonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function tokenKey(origin: string, did: string): string {
  return `${origin} ${did}`;
}

async function readToken(vault: VaultService, origin: string, did: string, now: number): Promise<string | null> {
  const t = (await vault.readSecrets())?.anpTokens?.[tokenKey(origin, did)];
  return t && t.expiresAt > now + 5_000 ? t.token : null;
}

async function storeToken(vault: VaultService, origin: string, did: string, res: Response, now: number): Promise<void> {
  const info = res.headers.get('authentication-info');
  let token: string | undefined, expiresIn = 3600;
  if (info) {
    const p = parseAuthParams(info).params;
    token = p.access_token;
    if (p.expires_in && /^\d+$/.test(p.expires_in)) expiresIn = Math.min(Number(p.expires_in), 24 * 3600);
  } else {
    // Older verifiers return the token in an Authorization response header.
    const legacy = /^Bearer\s+(\S+)$/i.exec(res.headers.get('authorization') ?? '');
    token = legacy?.[1];
  }
  if (!token || token.length > 4096) return;
  await vault.updateSecrets((s) => {
    const all = (s.anpTokens ??= {});
    for (const [k, v] of Object.entries(all)) if (v.expiresAt <= now) delete all[k];
    all[tokenKey(origin, did)] = { did, token, expiresAt: now + expiresIn * 1000 };
  });
}

async function dropToken(vault: VaultService, origin: string, did: string): Promise<void> {
  await vault.updateSecrets((s) => void delete s.anpTokens?.[tokenKey(origin, did)]);
}

/** POSTs `body` (JSON) to `url` as persona `p`. Throws a readable sentence when authentication fails. */
export async function signedPost(vault: VaultService, p: Persona, url: string, body: unknown, now = () => Date.now()): Promise<SignedResponse> {
  const keys = vault.didWba();
  if (!keys) throw new Error('Emissary is locked.');
  const origin = new URL(url).origin;
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  let requests = 0;
  const send = async (headers: Record<string, string>) => {
    requests++;
    const res = await fetch(url, {
      method: 'POST', body: bytes, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store',
      // A signed request is bound to this URL: never let it be replayed somewhere else by a redirect.
      redirect: 'error', signal: AbortSignal.timeout(20_000),
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    });
    return res;
  };
  const sign = async (serverNonce?: string, components?: string[]) =>
    signRequest({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: bytes }, {
      keyid: p.keyid, created: Math.floor(now() / 1000), nonce: serverNonce ?? nonce(),
      ...(components?.length ? { components: components.filter((c) => c !== 'content-digest') } : {}),
      sign: (m) => keys.sign(p.persona, p.rotation, 'authentication', m),
    });
  const legacy = async (serverNonce?: string) => ({
    authorization: await legacyAuthorization({
      did: p.did, fragment: 'key-1', domain: new URL(url).hostname, nonce: serverNonce ?? nonce(), now: now(),
      sign: (d) => keys.sign(p.persona, p.rotation, 'authentication', d),
    }),
  });
  const finish = async (res: Response, auth: SignedResponse['auth']): Promise<SignedResponse> => {
    if (auth !== 'token' && res.ok) await storeToken(vault, origin, p.did, res, now());
    const text = (await res.text()).slice(0, MAX_BODY);
    return { status: res.status, text, requests, auth };
  };
  const challengeOf = async (res: Response) => {
    let json: unknown;
    try {
      json = JSON.parse(await res.text());
    } catch {
      json = undefined;
    }
    return readAuthChallenge(res.status, res.headers, json);
  };

  const token = await readToken(vault, origin, p.did, now());
  if (token) {
    const res = await send({ authorization: `Bearer ${token}` });
    if (res.status !== 401) return finish(res, 'token');
    await res.body?.cancel();
    await dropToken(vault, origin, p.did);
  }
  const useLegacy = legacyOrigins.has(origin);
  let res = await send(useLegacy ? await legacy() : await sign());
  let auth: SignedResponse['auth'] = useLegacy ? 'legacy' : 'signature';
  if (res.status === 401 || res.status === 403) {
    const c = await challengeOf(res);
    if (c.status === 401 && c.legacyOnly && !useLegacy) {
      legacyOrigins.add(origin);
      res = await send(await legacy(c.nonce ?? undefined));
      auth = 'legacy';
    } else if (shouldRetry(c)) {
      res = await send(useLegacy ? await legacy(c.nonce ?? undefined) : await sign(c.nonce ?? undefined, c.components ?? undefined));
    } else throw new Error(explainAuthFailure(c));
    if (res.status === 401 || res.status === 403) throw new Error(explainAuthFailure(await challengeOf(res)));
  }
  return finish(res, auth);
}
