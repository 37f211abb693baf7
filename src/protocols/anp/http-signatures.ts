// RFC 9421 HTTP Message Signatures as ANP-02 v1.2 / ANP-03 v1.1 §3 use them (anp-agora.md §2.2), with
// RFC 9530 Content-Digest. The ANP SDKs sign a subset of RFC 9421 (no component parameters, derived
// components @method @target-uri @authority @path @query only) and Emissary reproduces exactly that
// subset so that its signatures verify at their servers. Signing itself is a callback: keys stay with
// their holder.
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';

export const SIGNATURE_LABEL = 'sig1';
/** ANP-03 §3.1: the minimum set, plus @authority as the SDKs and the spec example sign it. */
export const DEFAULT_COMPONENTS = ['@method', '@target-uri', '@authority'] as const;
export const DEFAULT_LIFETIME_S = 300;

export interface HttpRequestParts {
  method: string;
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface SignatureParams {
  created: number;
  expires?: number;
  nonce?: string;
  keyid: string;
}

export class SignatureInputError extends Error {
  override name = 'SignatureInputError';
}

/** `sha-256=:<base64>:` over the exact body bytes (RFC 9530 §2, a structured-field byte sequence). */
export function contentDigest(body: Uint8Array): string {
  return `sha-256=:${base64.encode(sha256(body))}:`;
}

/** Whether a Content-Digest header names the SHA-256 of `body`. Other algorithms are not accepted. */
export function contentDigestMatches(header: string, body: Uint8Array): boolean {
  const m = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/=]+):/.exec(header);
  return m !== null && m[1] === base64.encode(sha256(body));
}

/** The value a component contributes to the signature base. */
export function componentValue(name: string, req: HttpRequestParts): string {
  const url = new URL(req.url);
  switch (name) {
    case '@method':
      return req.method.toUpperCase();
    case '@target-uri':
      // Not normalised: the server rebuilds the URL it was called at and compares it byte for byte.
      return req.url;
    case '@authority':
      // URL.host is lower-case and drops a default port, as RFC 9421 §2.2.3 asks.
      return url.host;
    case '@path':
      return url.pathname;
    case '@query':
      return url.search || '?';
    default: {
      if (name.startsWith('@')) throw new SignatureInputError(`the derived component ${name} is not supported`);
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) throw new SignatureInputError(`the request has no ${name} header to sign`);
      return value.trim().replace(/\s*\r?\n\s*/g, ' ');
    }
  }
}

function quote(s: string): string {
  // RFC 8941 sf-string: printable ASCII only, and no quote or backslash (Emissary never escapes them).
  if (!/^[\x20-\x7e]*$/.test(s) || /["\\]/.test(s)) throw new SignatureInputError('a signature parameter holds a quote, backslash or control character');
  return `"${s}"`;
}

/** The inner list with parameters, in the order ANP's SDKs write them: created, expires, nonce, keyid. */
export function signatureParamsValue(components: readonly string[], p: SignatureParams): string {
  let out = `(${components.map(quote).join(' ')});created=${p.created}`;
  if (p.expires !== undefined) out += `;expires=${p.expires}`;
  if (p.nonce !== undefined) out += `;nonce=${quote(p.nonce)}`;
  return `${out};keyid=${quote(p.keyid)}`;
}

/** RFC 9421 §2.5: one line per component, then the @signature-params line; no trailing newline. */
export function signatureBase(components: readonly string[], p: SignatureParams, req: HttpRequestParts): string {
  const lines = components.map((c) => `"${c}": ${componentValue(c, req)}`);
  lines.push(`"@signature-params": ${signatureParamsValue(components, p)}`);
  return lines.join('\n');
}

export interface SignOptions {
  keyid: string;
  /** Unix seconds. */
  created: number;
  lifetimeS?: number;
  nonce?: string;
  components?: readonly string[];
  sign: (base: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

/** Headers to add to `req`: Content-Digest when there is a body, Signature-Input and Signature. */
export async function signRequest(req: HttpRequestParts, o: SignOptions): Promise<Record<string, string>> {
  const added: Record<string, string> = {};
  const headers = { ...req.headers };
  const components = [...(o.components ?? DEFAULT_COMPONENTS)];
  if (req.body && req.body.length > 0) {
    added['content-digest'] = headers['content-digest'] = contentDigest(req.body);
    if (!components.includes('content-digest')) components.push('content-digest');
  }
  const params: SignatureParams = { created: o.created, expires: o.created + (o.lifetimeS ?? DEFAULT_LIFETIME_S), nonce: o.nonce, keyid: o.keyid };
  const base = signatureBase(components, params, { ...req, headers });
  const signature = await o.sign(new TextEncoder().encode(base));
  added['signature-input'] = `${SIGNATURE_LABEL}=${signatureParamsValue(components, params)}`;
  added['signature'] = `${SIGNATURE_LABEL}=:${base64.encode(signature)}:`;
  return added;
}

export interface ParsedSignatureInput {
  label: string;
  components: string[];
  params: SignatureParams & Record<string, string | number | undefined>;
  /** The serialised inner list exactly as received: what the @signature-params line must repeat. */
  raw: string;
}

/** Parses a Signature-Input dictionary (the subset ANP uses: inner lists of strings with token params). */
export function parseSignatureInput(header: string): ParsedSignatureInput[] {
  const out: ParsedSignatureInput[] = [];
  const re = /\s*([a-z*][a-z0-9_\-.*]*)=(\(([^)]*)\)((?:;[a-z*][a-z0-9_\-.*]*=(?:"(?:[^"\\]|\\.)*"|-?\d+|[A-Za-z*][^;,\s]*))*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) {
    if (m[0] === '') break;
    const components = [...m[3].matchAll(/"([^"\\]*)"/g)].map((c) => c[1]);
    const params: Record<string, string | number | undefined> = {};
    for (const p of m[4].matchAll(/;([a-z*][a-z0-9_\-.*]*)=("(?:[^"\\]|\\.)*"|-?\d+|[A-Za-z*][^;,\s]*)/g)) {
      params[p[1]] = p[2].startsWith('"') ? p[2].slice(1, -1).replace(/\\(.)/g, '$1') : /^-?\d+$/.test(p[2]) ? Number(p[2]) : p[2];
    }
    if (typeof params.created !== 'number') throw new SignatureInputError(`${m[1]} has no created time`);
    if (typeof params.keyid !== 'string') throw new SignatureInputError(`${m[1]} has no keyid`);
    out.push({ label: m[1], components, params: params as ParsedSignatureInput['params'], raw: m[2] });
    if (re.lastIndex >= header.length) break;
  }
  if (out.length === 0) throw new SignatureInputError('Signature-Input holds no signature');
  return out;
}

/** The bytes of `label` in a Signature dictionary (`sig1=:base64:`). */
export function parseSignature(header: string, label: string): Uint8Array | null {
  const m = new RegExp(`(?:^|,)\\s*${label.replace(/[.*]/g, '\\$&')}=:([A-Za-z0-9+/=]*):`).exec(header);
  if (!m) return null;
  try {
    return base64.decode(m[1]);
  } catch {
    return null;
  }
}

/** Auth-params of a challenge or Authentication-Info (`scheme k="v", k2=v2`). Keys lower-cased. */
export function parseAuthParams(header: string): { scheme: string | null; params: Record<string, string> } {
  const s = /^\s*([A-Za-z][\w-]*)(?=\s+[\w-]+=|\s*$)/.exec(header);
  const rest = s ? header.slice(s[0].length) : header;
  const params: Record<string, string> = {};
  for (const m of rest.matchAll(/([\w-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]+)/g)) {
    params[m[1].toLowerCase()] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2];
  }
  return { scheme: s ? s[1] : null, params };
}

/** The components an `Accept-Signature` asks for (first signature listed), or null when absent/unreadable. */
export function parseAcceptSignature(header: string | null): string[] | null {
  if (!header) return null;
  const m = /\(([^)]*)\)/.exec(header);
  if (!m) return null;
  return [...m[1].matchAll(/"([^"\\]*)"/g)].map((c) => c[1]);
}
