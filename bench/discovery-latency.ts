// Discovery latency: every /.well-known/ answer of the demo sites is delayed by L at the server;
// time from starting the navigation to the toolbar badge of that tab showing the count, ÷ L.
// All probes in parallel gives ≈ 1 (plus the page load and the followed, undelayed links);
// probes one after another would give one L per probe. A fresh site (new port) per run, so each
// run probes instead of reading the cache.
// The server notes when the page and each probe arrive, so the report shows where the time goes.
import { launchChromium } from '../e2e/harness/chromium';
import { startDemoSites } from '../e2e/demo/server';
import { extensionPage } from './ext-page';
import { median, ms, runs, type ChromeApi } from './common';
import type { Figure } from './report';

export async function measureDiscoveryLatency(latencyMs = 500, n = runs(5, 1)): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const ext = await extensionPage(browser.context, browser.extensionId);
    const figures: Figure[] = [];
    for (const site of ['shop', 'agent'] as const) {
      const times: number[] = [];
      const pageRequest: number[] = [];
      const firstProbe: number[] = [];
      const lastProbe: number[] = [];
      let badge = '';
      for (let i = 0; i < n; i++) {
        let t0 = 0;
        let [pageAt, probeAt, lastAt] = [0, 0, 0];
        // Notes when the page and each probe reach the server (then lets the site answer).
        const note = (_req: unknown, _res: unknown, url: URL) => {
          const at = Date.now() - t0;
          if (!pageAt && url.pathname === '/') pageAt = at;
          else if (url.pathname !== '/favicon.ico') {
            lastAt = at;
            probeAt ||= at;
          }
          return false;
        };
        const sites = await startDemoSites({ wellKnownDelayMs: latencyMs, mount: { [site]: note } });
        const page = await browser.context.newPage();
        try {
          const origin = sites.origins[site];
          t0 = Date.now();
          const navigation = page.goto(origin);
          // Polls the badge of the tab that shows `origin`, inside the extension, every 5 ms.
          const seen = await ext.evaluate(async (url) => {
            const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
            const until = Date.now() + 20_000;
            while (Date.now() < until) {
              const [tab] = await chrome.tabs.query({ url: `${url}/*` });
              const text = tab?.id !== undefined ? await chrome.action.getBadgeText({ tabId: tab.id }) : '';
              if (text) return { at: Date.now(), text };
              await new Promise((r) => setTimeout(r, 5));
            }
            throw new Error(`no badge for ${url}`);
          }, origin);
          await navigation;
          times.push(seen.at - t0);
          pageRequest.push(pageAt);
          firstProbe.push(probeAt);
          lastProbe.push(lastAt);
          badge = seen.text;
        } finally {
          await page.close();
          await sites.close();
        }
      }
      const t = median(times);
      figures.push({
        name: `Discovery latency, ${site} site: navigation → badge ÷ well-known delay`,
        ratio: t / latencyMs,
        target: 1.3,
        absolute: `${ms(t)} with every well-known answer delayed ${latencyMs} ms (median of ${n}); at the server: page ${ms(median(pageRequest))}, probes and followed links from ${ms(median(firstProbe))} to ${ms(median(lastProbe))}; badge "${badge}"`,
      });
    }
    return figures;
  } finally {
    await browser.close();
  }
}
