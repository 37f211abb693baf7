// fetchDocument: one discovery GET under the fetch policy (policy.ts): URL check, no cookies, redirects
// followed by hand and re-checked per hop (same site only), a whole-request timeout that also covers a
// slow body, and a byte cap. Never throws; every failure is a plain sentence for the caller to prefix.
import { cacheTtlMs, checkFetchUrl, checkRedirect, DISCOVERY_FETCH_INIT } from './policy';
import { readCapped, type ResponseLike } from './read-capped';

/** A fetch Response as far as discovery reads it (a real Response fits). */
export interface DiscoveryResponse extends ResponseLike {
  url?: string;
  /** `opaqueredirect` when a browser hides a manual redirect. */
  type?: string;
}

export type DiscoveryRequestInit = Omit<RequestInit, 'redirect' | 'headers' | 'signal'> & {
  redirect: 'manual' | 'follow';
  headers: Record<string, string>;
  signal: AbortSignal;
};

export type DiscoveryFetch = (url: string, init: DiscoveryRequestInit) => Promise<DiscoveryResponse>;

export interface CacheEntry {
  url: string;
  etag?: string;
  lastModified?: string;
  maxAgeMs: number;
}

export interface FetchOptions {
  accept: string;
  maxBytes: number;
  timeoutMs: number;
  /** Admit http://localhost and friends (only when the site itself is on this machine). */
  allowLoopback: boolean;
}

export type FetchOutcome =
  | { ok: true; url: string; finalUrl: string; status: number; contentType: string | null; text: string; cache: CacheEntry }
  /** `miss`: the server said there is nothing here (4xx/5xx) or could not be reached at all. */
  | { ok: false; url: string; status: number; miss: boolean; message: string; cache: CacheEntry };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Redirects stay on the same origin; `example.com` ⇄ `www.example.com` (same scheme and port) is allowed. */
export function isSameSiteRedirect(from: string, to: string): boolean {
  const a = new URL(from);
  const b = new URL(to);
  if (a.origin === b.origin) return true;
  return a.protocol === b.protocol && a.port === b.port && a.hostname.replace(/^www\./, '') === b.hostname.replace(/^www\./, '');
}

function cacheEntry(url: string, status: number, response: DiscoveryResponse | null): CacheEntry {
  const get = (n: string) => response?.headers.get(n)?.slice(0, 200) ?? undefined;
  const etag = get('etag');
  const lastModified = get('last-modified');
  return { url, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), maxAgeMs: cacheTtlMs(status, get('cache-control') ?? null) };
}

async function discard(response: DiscoveryResponse): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function failure(url: string, status: number, miss: boolean, message: string, response: DiscoveryResponse | null = null): FetchOutcome {
  return { ok: false, url, status, miss, message, cache: cacheEntry(url, status, response) };
}

async function attempt(fetchFn: DiscoveryFetch, url: string, options: FetchOptions, signal: AbortSignal): Promise<FetchOutcome> {
  const init = (redirect: 'manual' | 'follow'): DiscoveryRequestInit => ({ ...DISCOVERY_FETCH_INIT, redirect, headers: { accept: options.accept }, signal });
  let current = url;
  for (let hop = 0; ; hop++) {
    let response: DiscoveryResponse;
    try {
      response = await fetchFn(current, init('manual'));
      if (response.type === 'opaqueredirect') {
        // Browsers hide where a manual redirect goes, and following it to find out would already send
        // a request to wherever the site points: another site, this machine, the local network. So a
        // redirect that cannot be checked before it is followed is not followed. For a probe this is
        // a miss (many sites redirect unknown paths to their home page); for a declared URL, a problem.
        return failure(url, 0, true, 'redirected somewhere the browser does not reveal before following; not followed');
      }
    } catch (err) {
      if (signal.aborted) return failure(url, 0, false, 'timed out');
      return failure(url, 0, true, `could not be fetched (${err instanceof Error ? err.message.slice(0, 120) : 'network error'})`);
    }
    if (REDIRECTS.has(response.status)) {
      await discard(response);
      const check = checkRedirect(current, response.headers.get('location'), hop + 1, options.allowLoopback);
      if (!check.ok) return failure(url, response.status, false, `${check.reason}; not followed`, response);
      if (!isSameSiteRedirect(url, check.url.href)) return failure(url, response.status, false, `redirected to another site (${check.url.origin}); not followed`, response);
      current = check.url.href;
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      await discard(response);
      return failure(url, response.status, true, `answered HTTP ${response.status}`, response);
    }
    const body = await readCapped(response, options.maxBytes);
    if (!body.ok) return failure(url, response.status, false, signal.aborted ? 'timed out' : body.message, response);
    return {
      ok: true, url, finalUrl: current, status: response.status, contentType: response.headers.get('content-type'),
      text: body.text, cache: cacheEntry(url, response.status, response),
    };
  }
}

/** Fetches one discovery document under the policy. The message of a failure has no document name yet. */
export async function fetchDocument(fetchFn: DiscoveryFetch, url: string, options: FetchOptions): Promise<FetchOutcome> {
  const allowed = checkFetchUrl(url, options.allowLoopback);
  if (!allowed.ok) return failure(url, 0, false, `${allowed.reason}; not fetched`);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const seconds = options.timeoutMs >= 1000 ? `${Math.round(options.timeoutMs / 100) / 10} s` : `${options.timeoutMs} ms`;
  const timedOut = new Promise<FetchOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(failure(url, 0, false, `did not answer within ${seconds}; gave up`));
    }, options.timeoutMs);
  });
  try {
    const work = attempt(fetchFn, allowed.url.href, options, controller.signal).catch((err: unknown) =>
      failure(url, 0, false, `could not be read (${err instanceof Error ? err.message.slice(0, 120) : 'error'})`));
    const result = await Promise.race([work, timedOut]);
    return result.ok ? result : { ...result, message: result.message === 'timed out' ? `did not answer within ${seconds}; gave up` : result.message };
  } finally {
    clearTimeout(timer);
  }
}
