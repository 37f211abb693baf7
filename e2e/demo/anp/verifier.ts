// A did:wba request verifier for the demo agents, written from ANP-02 v1.2 / ANP-03 v1.1 §3 (and the
// legacy DIDWba header of spec v1.0): Content-Digest, Signature-Input/Signature over the RFC 9421 base,
// keyid = full DID URL resolved without cross-origin redirects, authentication relationship, time
// window, challenge nonces (single use), a replay cache on (keyid, nonce), Bearer tokens returned in
// Authentication-Info. Independent of Emissary's code on purpose.
import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64, base64urlnopad } from '@scure/base';
import canonicalize from 'canonicalize';
import { checkDidDocument, didUrl } from './did-docs';

export interface VerifierOptions {
  realm: string;
  /** ANP-03 §3.2: "1 to 5 minutes, configurable". */
  windowS?: number;
  futureSkewS?: number;
  /** Only server-issued nonces are accepted: every first call is challenged (401) once. */
  challengeOnly?: boolean;
  /** The server speaks only the legacy DIDWba header. */
  legacyOnly?: boolean;
  tokenLifetimeS?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export interface Incoming {
  method: string;
  /** The URL the server was called at, as the client wrote it (scheme://host:port/path?query). */
  url: string;
  headers: Record<string, string | undefined>;
  body: Uint8Array;
}

export type Verdict =
  | { ok: true; did: string; via: 'signature' | 'token' | 'legacy'; headers: Record<string, string> }
  | { ok: false; status: 401 | 403; error: string; description: string; headers: Record<string, string> };

const ACCEPT = 'sig1=("@method" "@target-uri" "@authority" "content-digest");created;expires;nonce;keyid';

export function createVerifier(o: VerifierOptions) {
  const windowS = o.windowS ?? 300, skew = o.futureSkewS ?? 60;
  const now = () => Math.floor((o.now ?? Date.now)() / 1000);
  const challenges = new Map<string, number>(); // nonce → issued at
  const seen = new Map<string, number>(); // keyid|nonce → until
  const tokens = new Map<string, { did: string; until: number }>();
  const resolved: string[] = [];

  const fail = (status: 401 | 403, error: string, description: string): Verdict => {
    const nonce = base64urlnopad.encode(randomBytes(16));
    challenges.set(nonce, now());
    const headers: Record<string, string> = {
      'www-authenticate': `DIDWba realm="${o.realm}", error="${error}", error_description="${description}", nonce="${nonce}"`,
      'cache-control': 'no-store',
    };
    if (!o.legacyOnly) headers['accept-signature'] = ACCEPT;
    return { ok: false, status, error, description, headers };
  };

  async function resolve(did: string) {
    const url = didUrl(did);
    resolved.push(did);
    const res = await (o.fetch ?? fetch)(url, { redirect: 'error', headers: { accept: 'application/did+json, application/json' } }).catch(() => null);
    if (!res) return { ok: false as const, why: `${url} could not be fetched` };
    if (!res.ok) return { ok: false as const, why: `HTTP ${res.status} at ${url}` };
    try {
      return checkDidDocument(did, await res.json());
    } catch (err) {
      return { ok: false as const, why: (err as Error).message };
    }
  }

  function useNonce(keyid: string, nonce: string | undefined, created: number): string | null {
    if (!nonce) return 'a nonce is required';
    for (const [k, until] of seen) if (until < now()) seen.delete(k);
    const key = `${keyid}|${nonce}`;
    if (seen.has(key)) return 'this nonce was used already';
    const issued = challenges.get(nonce);
    if (o.challengeOnly && issued === undefined) return 'sign the nonce this server issued';
    if (issued !== undefined && now() - issued > windowS) return 'the challenge expired';
    challenges.delete(nonce);
    seen.set(key, created + windowS + skew);
    return null;
  }

  function issue(did: string): Record<string, string> {
    const token = base64urlnopad.encode(randomBytes(32));
    const life = o.tokenLifetimeS ?? 3600;
    tokens.set(token, { did, until: now() + life });
    return { 'authentication-info': `access_token="${token}", token_type="Bearer", expires_in=${life}` };
  }

  async function legacy(req: Incoming, header: string): Promise<Verdict> {
    const get = (k: string) => new RegExp(`${k}\\s*=\\s*"([^"]*)"`, 'i').exec(header)?.[1];
    const did = get('did'), nonce = get('nonce'), ts = get('timestamp'), vm = get('verification_method'), sig = get('signature'), v = get('v') ?? '1.1';
    if (!did || !nonce || !ts || !vm || !sig) return fail(401, 'invalid_request', 'DIDWba header lacks a field');
    const t = Math.floor(Date.parse(ts) / 1000);
    if (!Number.isFinite(t) || now() - t > windowS || t - now() > skew) return fail(401, 'invalid_timestamp', 'timestamp outside the window');
    const r = await resolve(did);
    if (!r.ok) return fail(401, 'invalid_did', r.why);
    const keyid = `${did}#${vm}`;
    if (!r.authentication.includes(keyid) || !r.keys.has(keyid)) return fail(401, 'invalid_verification_method', 'not an authentication key');
    const problem = useNonce(keyid, nonce, t);
    if (problem) return fail(401, 'invalid_nonce', problem);
    const host = new URL(req.url).hostname;
    const field = Number(v.split('.')[1] ?? 0) >= 1 || Number(v.split('.')[0]) > 1 ? 'aud' : 'service';
    const digest = sha256(new TextEncoder().encode(canonicalize({ nonce, timestamp: ts, [field]: host, did }) as string));
    let ok = false;
    try {
      ok = ed25519.verify(base64urlnopad.decode(sig), digest, r.keys.get(keyid)!);
    } catch {
      ok = false;
    }
    if (!ok) return fail(401, 'invalid_signature', 'the DIDWba signature does not verify');
    return { ok: true, did, via: 'legacy', headers: issue(did) };
  }

  async function verify(req: Incoming): Promise<Verdict> {
    const authz = req.headers['authorization'];
    if (authz?.startsWith('Bearer ')) {
      const t = tokens.get(authz.slice(7).trim());
      if (!t || t.until <= now()) return fail(401, 'invalid_access_token', 'the token is unknown or expired');
      return { ok: true, did: t.did, via: 'token', headers: {} };
    }
    if (authz && /^DIDWba\s/i.test(authz)) return legacy(req, authz);
    if (o.legacyOnly) return fail(401, 'invalid_request', 'send an Authorization: DIDWba header');
    const input = req.headers['signature-input'], signature = req.headers['signature'];
    if (!input || !signature) return fail(401, 'invalid_request', 'Signature-Input and Signature are required');
    const m = /^\s*sig1=\(([^)]*)\)(.*)$/.exec(input);
    const sigB64 = /sig1=:([A-Za-z0-9+/=]+):/.exec(signature)?.[1];
    if (!m || !sigB64) return fail(401, 'invalid_request', 'no sig1 signature');
    const components = [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
    const params: Record<string, string> = {};
    for (const p of m[2].matchAll(/;(\w+)=("([^"]*)"|\d+)/g)) params[p[1]] = p[3] ?? p[2];
    const created = Number(params.created), expires = params.expires ? Number(params.expires) : undefined;
    const keyid = params.keyid;
    if (!keyid || !Number.isFinite(created)) return fail(401, 'invalid_request', 'created and keyid are required');
    for (const c of ['@method', '@target-uri', ...(req.body.length ? ['content-digest'] : [])]) {
      if (!components.includes(c)) return fail(401, 'invalid_request', `${c} must be signed`);
    }
    if (req.body.length) {
      const cd = req.headers['content-digest'] ?? '';
      if (!cd.includes(`sha-256=:${base64.encode(sha256(req.body))}:`)) return fail(401, 'invalid_content_digest', 'Content-Digest does not match the body');
    }
    if (now() - created > windowS || created - now() > skew || (expires !== undefined && expires < now())) return fail(401, 'invalid_timestamp', 'created/expires outside the window');
    const did = keyid.split('#')[0];
    if (!did.startsWith('did:wba:') || !keyid.includes('#')) return fail(401, 'invalid_verification_method', 'keyid must be a full DID URL');
    const r = await resolve(did);
    if (!r.ok) return fail(401, 'invalid_did', r.why);
    if (!r.authentication.includes(keyid) || !r.keys.has(keyid)) return fail(401, 'invalid_verification_method', 'keyid is not an authentication key');
    const u = new URL(req.url);
    const line = (c: string) => {
      switch (c) {
        case '@method': return req.method.toUpperCase();
        case '@target-uri': return req.url;
        case '@authority': return u.host;
        case '@path': return u.pathname;
        case '@query': return u.search || '?';
        default: return (req.headers[c] ?? '').trim();
      }
    };
    const base = [...components.map((c) => `"${c}": ${line(c)}`), `"@signature-params": (${m[1]})${m[2]}`].join('\n');
    let ok = false;
    try {
      ok = ed25519.verify(base64.decode(sigB64), new TextEncoder().encode(base), r.keys.get(keyid)!);
    } catch {
      ok = false;
    }
    if (!ok) return fail(401, 'invalid_signature', 'the signature does not verify');
    // The nonce is spent only by a request that verifies, so a forged request cannot burn a challenge.
    const problem = useNonce(keyid, params.nonce, created);
    if (problem) return fail(401, 'invalid_nonce', problem);
    return { ok: true, did, via: 'signature', headers: issue(did) };
  }

  return { verify, resolved, tokens, challenges };
}
