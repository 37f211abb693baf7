// The error codes of ANP-02 v1.2 / ANP-03 v1.1 §3 (401 `WWW-Authenticate: DIDWba … error=…` or the
// JSON mirror `{code, error, error_description, nonce}`), what each means to the user, and whether
// signing again can help.
import { parseAcceptSignature, parseAuthParams } from './http-signatures';

export const AUTH_ERROR_CODES = [
  'invalid_request', 'invalid_nonce', 'invalid_timestamp', 'invalid_did', 'invalid_signature',
  'invalid_verification_method', 'invalid_content_digest', 'invalid_access_token', 'forbidden_did',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

const MEANING: Record<AuthErrorCode, string> = {
  invalid_request: 'the agent found the signed request malformed',
  invalid_nonce: 'the agent wants a fresh challenge nonce signed',
  invalid_timestamp: "the signature's time is outside the window the agent accepts (check this computer's clock)",
  invalid_did: 'the agent could not resolve your DID: is its document published at your DID host?',
  invalid_signature: 'the agent did not accept the signature',
  invalid_verification_method: 'the agent does not accept the key the request was signed with',
  invalid_content_digest: 'the Content-Digest did not match the body the agent received',
  invalid_access_token: 'the access token expired or was revoked',
  forbidden_did: 'the agent knows your DID but does not allow it',
};

export interface AuthChallenge {
  status: number;
  code: AuthErrorCode | null;
  /** The unknown code as sent (trimmed), when it is not one of ANP's. */
  rawCode: string | null;
  description: string | null;
  nonce: string | null;
  /** Components the server asks to be signed (Accept-Signature). */
  components: string[] | null;
  legacyOnly: boolean;
}

/** Reads a 401/403 answer's headers (and the JSON error body when there is one). */
export function readAuthChallenge(status: number, headers: { get(name: string): string | null }, body?: unknown): AuthChallenge {
  const www = headers.get('www-authenticate') ?? '';
  const { scheme, params } = parseAuthParams(www);
  const json = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const pick = (k: string) => params[k] ?? (typeof json[k] === 'string' ? (json[k] as string) : undefined);
  const raw = pick('error') ?? null;
  const code = raw && (AUTH_ERROR_CODES as readonly string[]).includes(raw) ? (raw as AuthErrorCode) : null;
  const accept = headers.get('accept-signature');
  return {
    status,
    code: code ?? (status === 403 ? 'forbidden_did' : null),
    rawCode: code ? null : raw ? raw.slice(0, 60) : null,
    description: pick('error_description')?.slice(0, 300) ?? null,
    nonce: pick('nonce')?.slice(0, 200) ?? null,
    components: parseAcceptSignature(accept),
    // ANP-03 v1.1 servers send Accept-Signature with a DIDWba challenge; one that does not is taken to
    // speak only the legacy Authorization header.
    legacyOnly: scheme?.toLowerCase() === 'didwba' && accept === null,
  };
}

/**
 * Whether one more signed attempt can succeed: a server nonce to sign, or an expired token. Never for
 * a refused DID or key (signing again with the same key changes nothing) unless the server gave a nonce.
 */
export function shouldRetry(c: AuthChallenge): boolean {
  if (c.status === 403) return false;
  if (c.nonce) return true;
  return c.code === 'invalid_access_token' || c.code === 'invalid_timestamp' || c.code === 'invalid_nonce';
}

/** A sentence for the user. */
export function explainAuthFailure(c: AuthChallenge): string {
  const what = c.code ? MEANING[c.code] : c.rawCode ? `the agent answered '${c.rawCode}'` : `the agent refused with HTTP ${c.status}`;
  return `Authentication failed: ${what}${c.description ? ` (${c.description})` : ''}.`;
}
