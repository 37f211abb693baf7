// Build one HTTP request from a resolved OpenAPI operation, the values linked into it, and the
// caller's credentials. Credentials only ever go to the origin they are bound to, over https.
import { isObject } from './json';
import type { ResolvedOperation, ResolvedParameter } from './openapi';

export type Credential =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  /** Placed by `name` + `in` when given, else by the OpenAPI scheme named `scheme`, else by the operation's only apiKey scheme. */
  | { type: 'apiKey'; value: string; scheme?: string; name?: string; in?: 'header' | 'query'; prefix?: string };

export interface SourceAuth {
  /** The origin the user gave these secrets to. Defaults to the source's own origin (see ResolvedOperation.sourceOrigin). */
  origin?: string;
  credentials: Credential[];
}

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** `url` with credential values replaced by `***`, for progress reports and logs. */
  redactedUrl: string;
  /** Inputs the operation had no place for. */
  unused: string[];
  withCredentials: boolean;
}

export type BuildResult = { ok: true; request: BuiltRequest } | { ok: false; error: string };

/** Header parameters OpenAPI says to ignore, and headers a page could abuse. */
const SKIPPED_HEADERS = new Set(['accept', 'content-type', 'authorization', 'cookie', 'host', 'origin', 'referer', 'content-length']);

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** The origin of an origin or URL string (`https://a.example/` → `https://a.example`); null if unusable. */
function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function addQuery(url: URL, p: ResolvedParameter, value: unknown): string | undefined {
  const explode = p.explode ?? (p.style === undefined || p.style === 'form');
  if (Array.isArray(value)) {
    const items = value.map(scalar);
    if (items.some((i) => i === undefined)) return `query parameter '${p.name}' must be a list of plain values`;
    if (explode) for (const i of items) url.searchParams.append(p.name, i as string);
    else url.searchParams.append(p.name, items.join(p.style === 'pipeDelimited' ? '|' : p.style === 'spaceDelimited' ? ' ' : ','));
    return undefined;
  }
  if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const v = scalar(value[key]);
      if (v === undefined) return `query parameter '${p.name}.${key}' must be a plain value`;
      if (p.style === 'deepObject') url.searchParams.append(`${p.name}[${key}]`, v);
      else url.searchParams.append(key, v);
    }
    return undefined;
  }
  const v = scalar(value);
  if (v === undefined) return `query parameter '${p.name}' must be a plain value`;
  url.searchParams.append(p.name, v);
  return undefined;
}

function encodeBody(mediaType: string, body: unknown): { text: string } | { error: string } {
  if (/json/i.test(mediaType)) return { text: JSON.stringify(body) };
  if (/^application\/x-www-form-urlencoded/i.test(mediaType) && isObject(body)) {
    const form = new URLSearchParams();
    for (const key of Object.keys(body)) {
      const v = scalar(body[key]) ?? JSON.stringify(body[key]);
      form.append(key, v);
    }
    return { text: form.toString() };
  }
  if (/^text\//i.test(mediaType) && typeof body === 'string') return { text: body };
  return { error: `request bodies of type '${mediaType.slice(0, 80)}' are not supported` };
}

interface Placement {
  in: 'header' | 'query';
  name: string;
  value: string;
}

/** Where each credential goes for this operation; a string explains why one cannot be placed. */
function placeCredentials(op: ResolvedOperation, credentials: Credential[]): Placement[] | string {
  const out: Placement[] = [];
  for (const cred of credentials) {
    if (cred.type === 'bearer') out.push({ in: 'header', name: 'authorization', value: `Bearer ${cred.token}` });
    else if (cred.type === 'basic') out.push({ in: 'header', name: 'authorization', value: `Basic ${base64Utf8(`${cred.username}:${cred.password}`)}` });
    else {
      let place: { name: string; in: string } | undefined;
      if (cred.name && cred.in) place = { name: cred.name, in: cred.in };
      else if (cred.scheme !== undefined) {
        const s = Object.prototype.hasOwnProperty.call(op.securitySchemes, cred.scheme) ? op.securitySchemes[cred.scheme] : undefined;
        if (!s) continue; // this operation does not use that scheme
        if (s.type === 'apiKey') place = s;
      } else {
        const keys = Object.values(op.securitySchemes).filter((s) => s.type === 'apiKey');
        if (keys.length === 1) place = keys[0] as { name: string; in: string };
      }
      if (!place) return `cannot tell where the API key for source '${op.sourceId}' goes; give it a name and a location`;
      if (place.in !== 'query' && place.in !== 'header') return `API keys in a ${place.in} are not supported`;
      out.push({ in: place.in, name: place.name, value: `${cred.prefix ?? ''}${cred.value}` });
    }
  }
  return out;
}

/**
 * `inputs` maps parameter names to values; `body` is the request body (undefined: none). `auth` is the
 * source's credentials with the origin they are bound to, or null.
 */
export function buildRequest(op: ResolvedOperation, inputs: Map<string, unknown>, body: unknown, auth: { origin: string | null; credentials: Credential[] } | null): BuildResult {
  if (!op.serverUrl) return { ok: false, error: `operation '${op.operationId}' has no usable server URL` };
  const used = new Set<string>();
  const present = (p: ResolvedParameter) => inputs.has(p.name) && inputs.get(p.name) !== undefined && inputs.get(p.name) !== null;
  let path = op.path;
  for (const p of op.parameters.filter((q) => q.in === 'path')) {
    if (!present(p)) return { ok: false, error: `required path parameter '${p.name}' is missing` };
    const raw = inputs.get(p.name);
    const v = Array.isArray(raw) ? raw.map(scalar).join(',') : scalar(raw);
    if (v === undefined || v === '' || v === '.' || v === '..') return { ok: false, error: `path parameter '${p.name}' must be a non-empty plain value other than '.' or '..'` };
    path = path.split(`{${p.name}}`).join(encodeURIComponent(v));
    used.add(p.name);
  }
  if (/\{[^}]*\}/.test(path)) return { ok: false, error: `path '${op.path}' has a placeholder no parameter fills` };
  const base = new URL(op.serverUrl);
  const url = new URL(base.href.replace(/\/$/, '') + path);
  if (url.origin !== base.origin) return { ok: false, error: `request URL left the server's origin ${base.origin}` };
  const headers: Record<string, string> = { accept: 'application/json' };
  const secretQuery = new Set<string>();
  const credentialNames = new Set<string>();
  const placed = auth ? placeCredentials(op, auth.credentials) : [];
  if (typeof placed === 'string') return { ok: false, error: placed };
  if (placed.length > 0 && auth) {
    const bound = originOf(auth.origin);
    if (!bound) return { ok: false, error: `credentials for source '${op.sourceId}' are bound to no usable origin; refusing to send them` };
    if (url.origin !== bound) {
      return { ok: false, error: `credentials for source '${op.sourceId}' are bound to ${bound}; refusing to send them to ${url.origin}` };
    }
    if (url.protocol !== 'https:' && !isLoopback(url.hostname)) return { ok: false, error: `refusing to send credentials over ${url.protocol.replace(':', '')} to ${url.origin}` };
    for (const c of placed) {
      if (/[\r\n]/.test(c.value)) return { ok: false, error: 'a credential contains a line break' };
      if (c.in === 'query') {
        url.searchParams.set(c.name, c.value);
        secretQuery.add(c.name);
      } else headers[c.name.toLowerCase()] = c.value;
      credentialNames.add(c.name);
    }
  }
  const withCredentials = placed.length > 0;
  for (const p of op.parameters) {
    if (p.in === 'path' || credentialNames.has(p.name)) continue;
    if (!present(p)) {
      if (p.required) return { ok: false, error: `required ${p.in} parameter '${p.name}' is missing` };
      continue;
    }
    if (p.in === 'query') {
      const error = addQuery(url, p, inputs.get(p.name));
      if (error) return { ok: false, error };
      used.add(p.name);
    } else if (p.in === 'header' && !SKIPPED_HEADERS.has(p.name.toLowerCase())) {
      const v = scalar(inputs.get(p.name));
      if (v === undefined || /[\r\n]/.test(v)) return { ok: false, error: `header parameter '${p.name}' must be a single-line plain value` };
      headers[p.name.toLowerCase()] = v;
      used.add(p.name);
    }
  }
  const unused = [...inputs.keys()].filter((k) => !used.has(k) && inputs.get(k) !== undefined);
  let text: string | undefined;
  if (body !== undefined && (op.method === 'GET' || op.method === 'HEAD')) unused.push('requestBody');
  else if (body !== undefined) {
    const mediaType = op.requestBody?.mediaType ?? 'application/json';
    const encoded = encodeBody(mediaType, body);
    if ('error' in encoded) return { ok: false, error: encoded.error };
    text = encoded.text;
    headers['content-type'] = mediaType;
  } else if (op.requestBody?.required) return { ok: false, error: `operation '${op.operationId}' requires a request body and none was given` };
  const redacted = new URL(url.href);
  for (const name of secretQuery) redacted.searchParams.set(name, '***');
  return {
    ok: true,
    request: { method: op.method, url: url.href, headers, ...(text !== undefined ? { body: text } : {}), redactedUrl: redacted.href, unused, withCredentials },
  };
}
