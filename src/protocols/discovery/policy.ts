// Safe-fetch policy for discovery (shared/specs/discovery.md §6): https only, no cookies, no
// referrer, few redirects re-checked per hop, timeouts, byte caps, cached hits and misses.
import type { DocumentFormat } from './well-known';

const KIB = 1024;
const MIB = 1024 * KIB;

/** Whole-request timeouts (fetch has no separate connect timeout). */
export const PROBE_TIMEOUT_MS = 8_000;
export const OPENAPI_TIMEOUT_MS = 15_000;

/** Byte caps: JSON cards at the upper end of the recommended 256 KiB–1 MiB; OpenAPI documents are larger. */
export const MAX_BYTES = {
  card: 1 * MIB,
  agentsJson: 1 * MIB,
  openapi: 5 * MIB,
  llmsTxt: 512 * KIB,
} as const;

export const MAX_JSON_DEPTH = 64;
export const MAX_REDIRECTS = 3;
/** ANP `next` pagination and AI Catalog nesting. */
export const ANP_MAX_PAGES = 10;
export const ANP_MAX_ENTRIES = 500;
export const AI_CATALOG_MAX_DEPTH = 4;

/** Cache lifetimes. Hits honour Cache-Control max-age within bounds; misses are cached briefly. */
export const CACHE_TTL_MS = {
  hitDefault: 60 * 60_000,
  hitMin: 5 * 60_000,
  hitMax: 24 * 60 * 60_000,
  miss: 15 * 60_000,
  error: 2 * 60_000,
} as const;

/** Fields for `fetch(url, init)` on every discovery request. */
export const DISCOVERY_FETCH_INIT = {
  method: 'GET',
  credentials: 'omit',
  redirect: 'manual',
  referrerPolicy: 'no-referrer',
  cache: 'no-cache',
  mode: 'cors',
} as const satisfies RequestInit;

function isPrivateIpv4(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

function isPrivateIpv6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const h = host.slice(1, -1).toLowerCase();
  if (h === '::1' || h === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return isPrivateIpv4(mapped[1]);
  if (h.startsWith('::ffff:')) return true; // hex-form mapped IPv4: refuse rather than decode
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('ff');
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether discovery may fetch `raw`: https only, no user info, not a literal loopback, private,
 * link-local or metadata address, nor a `localhost` name. (DNS cannot be checked from an extension;
 * this refuses what can be seen in the URL.) `allowLoopback` admits http://localhost for development.
 */
export function checkFetchUrl(raw: string, allowLoopback = false): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  const host = url.hostname.toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
  if (loopback && allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:')) return { ok: true, url };
  if (url.protocol !== 'https:') return { ok: false, reason: `uses ${url.protocol.replace(':', '')}, not https` };
  if (url.username || url.password) return { ok: false, reason: 'carries a user name or password' };
  if (loopback || isPrivateIpv4(host) || isPrivateIpv6(host)) return { ok: false, reason: 'points at a local or private address' };
  if (/^\d+$/.test(host) || /^0x/i.test(host)) return { ok: false, reason: 'has a numeric host name' };
  return { ok: true, url };
}

/** Decides whether to follow one redirect hop (`hop` counts from 1). */
export function checkRedirect(from: string, location: string | null, hop: number, allowLoopback = false): UrlCheck {
  if (hop > MAX_REDIRECTS) return { ok: false, reason: `redirected more than ${MAX_REDIRECTS} times` };
  if (!location) return { ok: false, reason: 'redirected without a Location' };
  let target: string;
  try {
    target = new URL(location, from).href;
  } catch {
    return { ok: false, reason: 'redirected to something that is not a URL' };
  }
  if (new URL(from).protocol === 'https:' && new URL(target).protocol !== 'https:' && !allowLoopback) {
    return { ok: false, reason: 'redirected from https to http' };
  }
  return checkFetchUrl(target, allowLoopback);
}

/** Whether a response's Content-Type is acceptable for a format. HTML is never accepted. */
export function acceptableContentType(format: DocumentFormat, contentType: string | null): { ok: boolean; lenient: boolean } {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return { ok: false, lenient: false };
  if (format === 'json') {
    if (type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return { ok: true, lenient: false };
    // Static hosts often serve .json as text/plain or octet-stream: read it, and say so.
    return { ok: type === '' || type === 'text/plain' || type === 'application/octet-stream' || type === 'text/json', lenient: true };
  }
  return { ok: type === 'text/markdown' || type === 'text/plain' || type === 'text/x-markdown' || type === '', lenient: type === '' };
}

/**
 * How long to cache a probe result. `status` 0 stands for a network error or timeout.
 * Hits honour `Cache-Control: max-age` within [hitMin, hitMax]; `no-store` caches for hitMin only.
 */
export function cacheTtlMs(status: number, cacheControl: string | null): number {
  if (status === 0 || status === 429 || status >= 500) return CACHE_TTL_MS.error;
  if (status < 200 || status > 299) return CACHE_TTL_MS.miss;
  const cc = (cacheControl ?? '').toLowerCase();
  if (/\bno-store\b|\bno-cache\b/.test(cc)) return CACHE_TTL_MS.hitMin;
  const m = /\bmax-age=(\d+)/.exec(cc);
  if (!m) return CACHE_TTL_MS.hitDefault;
  return Math.min(CACHE_TTL_MS.hitMax, Math.max(CACHE_TTL_MS.hitMin, Number(m[1]) * 1000));
}
