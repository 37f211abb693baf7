// Live lists while the popup shows a site: the popup renews a short lease every few seconds; while
// it holds, each of the site's servers has one listening stream (modern `subscriptions/listen`,
// legacy standalone GET). A list change re-lists that server and bumps the site's version, which
// the popup sees on its next renewal. When renewals stop (popup closed) the streams are closed —
// nothing listens while nobody looks, and a stopped worker simply takes its streams with it.
import type { ListenEnd, McpClient } from '../../protocols/mcp/client';

export const LEASE_MS = 10_000;
const RETRY_MS = [1000, 3000, 10_000];
/** A server that cannot be listened to (no stream, nothing announced, failing) is left alone this long. */
const PAUSE_MS = 60_000;

export interface WatchHooks {
  /** The connected client of an endpoint (shared with listings and calls). */
  client(url: string): Promise<McpClient>;
  /** Lists the endpoint again and remembers the listing. */
  relist(url: string): Promise<void>;
  now?: () => number;
  /** Tests shorten the lease. */
  leaseMs?: number;
}

interface Listener {
  controller: AbortController;
  live: boolean;
  /** A re-listing is running; `again` when another change came meanwhile. */
  relisting?: Promise<void>;
  again?: boolean;
}

interface SiteWatch {
  expiresAt: number;
  version: number;
  timer?: ReturnType<typeof setTimeout>;
  listeners: Map<string, Listener>;
}

export interface WatchState {
  version: number;
  /** Endpoints with an open stream right now. */
  live: string[];
}

export class McpWatcher {
  readonly #sites = new Map<string, SiteWatch>();
  /** Endpoints that failed repeatedly, and until when they are left alone. */
  readonly #paused = new Map<string, number>();
  readonly #now: () => number;
  readonly #leaseMs: number;

  constructor(private readonly hooks: WatchHooks) {
    this.#now = hooks.now ?? (() => Date.now());
    this.#leaseMs = hooks.leaseMs ?? LEASE_MS;
  }

  /** Starts or renews listening to `urls` for `origin`; returns what changed so far. */
  watch(origin: string, urls: string[]): WatchState {
    let site = this.#sites.get(origin);
    if (!site) {
      site = { expiresAt: 0, version: 0, listeners: new Map() };
      this.#sites.set(origin, site);
    }
    site.expiresAt = this.#now() + this.#leaseMs;
    clearTimeout(site.timer);
    site.timer = setTimeout(() => this.#expire(origin), this.#leaseMs + 50);
    for (const [url, l] of site.listeners) {
      if (!urls.includes(url)) {
        l.controller.abort();
        site.listeners.delete(url);
      }
    }
    for (const url of urls) if (!site.listeners.has(url) && (this.#paused.get(url) ?? 0) <= this.#now()) this.#start(site, url);
    return { version: site.version, live: [...site.listeners].filter(([, l]) => l.live).map(([u]) => u) };
  }

  /** Closes every stream of a site (lease over) or of all sites. */
  stop(origin?: string): void {
    for (const [o, site] of this.#sites) {
      if (origin !== undefined && o !== origin) continue;
      clearTimeout(site.timer);
      for (const l of site.listeners.values()) l.controller.abort();
      this.#sites.delete(o);
    }
  }

  /** The endpoint's client changed (sign-in, refresh): its streams close; the next renewal opens new ones. */
  restart(url: string): void {
    this.#paused.delete(url);
    for (const site of this.#sites.values()) {
      site.listeners.get(url)?.controller.abort();
      site.listeners.delete(url);
    }
  }

  /** How many streams are open (for tests and the lead's diagnostics). */
  get openStreams(): number {
    let n = 0;
    for (const site of this.#sites.values()) for (const l of site.listeners.values()) if (l.live) n++;
    return n;
  }

  #expire(origin: string): void {
    const site = this.#sites.get(origin);
    if (site && site.expiresAt <= this.#now()) this.stop(origin);
  }

  #start(site: SiteWatch, url: string): void {
    const listener: Listener = { controller: new AbortController(), live: false };
    site.listeners.set(url, listener);
    void this.#loop(site, url, listener);
  }

  async #loop(site: SiteWatch, url: string, l: Listener): Promise<void> {
    const signal = l.controller.signal;
    let failures = 0;
    while (!signal.aborted) {
      let end: ListenEnd;
      try {
        const client = await this.hooks.client(url);
        end = await client.listen({
          signal,
          onOpen: () => {
            l.live = true;
            failures = 0;
          },
          onChange: () => this.#changed(site, l, url),
        });
      } catch {
        end = { kind: 'closed' };
        failures++;
      }
      l.live = false;
      if (signal.aborted || end.kind !== 'closed' || failures >= RETRY_MS.length) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
    // Ended for good (unsupported, nothing to hear, failing): left alone for a while, then a later lease may try again.
    if (signal.aborted) return;
    this.#paused.set(url, this.#now() + PAUSE_MS);
    if (site.listeners.get(url) === l) site.listeners.delete(url);
  }

  #changed(site: SiteWatch, l: Listener, url: string): void {
    if (l.relisting) {
      l.again = true;
      return;
    }
    l.relisting = (async () => {
      do {
        l.again = false;
        await this.hooks.relist(url).catch(() => undefined);
        site.version++;
      } while (l.again && !l.controller.signal.aborted);
    })().finally(() => delete l.relisting);
  }
}
