// Shared pieces of the benchmarks: statistics, run counts, a Chromium without Emissary, and a
// tiny typed view of the `chrome.*` APIs an extension page can use inside page.evaluate.
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../e2e/harness/paths';
import { QUIET_CHROMIUM_FLAGS } from '../e2e/harness/chromium';

/** BENCH_QUICK=1 (CI): a few iterations per figure, so the suite cannot rot. */
export const QUICK = process.env.BENCH_QUICK === '1';
export const runs = (full: number, quick = 3) => (QUICK ? quick : full);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** The same Chromium, same flags, same viewport, but no extension: the baseline of page cost. */
export async function launchPlainChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'emissary-bench-plain-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [...QUIET_CHROMIUM_FLAGS],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What page.evaluate in an extension page may call (chrome.* is untyped in this project). */
export interface ChromeApi {
  tabs: { query(q: { url?: string }): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId?: number }): Promise<string> };
  runtime: {
    connect(o: { name: string }): {
      postMessage(m: unknown): void;
      onMessage: { addListener(f: (m: unknown) => void): void };
      onDisconnect: { addListener(f: () => void): void };
      disconnect(): void;
    };
  };
}
