// The figures Firefox allows over WebDriver BiDi: page load with ÷ without Emissary (no main-thread
// metric: BiDi has no Performance domain) and discovery latency (the badge read from an extension
// page with browser.action.getBadgeText). Same method as the Chromium figures.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIREFOX_PATH } from '../e2e/harness/paths';
import { launchFirefox } from '../e2e/harness/firefox';
import { startDemoSites } from '../e2e/demo/server';
import { startHeavySite } from './heavy-site';
import { median, ms, runs, sleep, type ChromeApi } from './common';

import type { Figure } from './report';

/** The same Firefox, same prefs, no extension: the baseline of page cost. */
async function launchPlainFirefox(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'emissary-bench-ff-plain-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: { 'datareporting.policy.dataSubmissionEnabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** One navigation in `page` (a tab kept open: BiDi opens and closes tabs slowly), load time in ms. */
async function loadOnce(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  await sleep(150);
  return page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
}

export async function measureFirefoxPageCost(n = runs(9, 2)): Promise<Figure[]> {
  const demo = await startDemoSites();
  const heavy = await startHeavySite();
  const withExt = await launchFirefox();
  const plain = await launchPlainFirefox();
  try {
    const figures: Figure[] = [];
    for (const { label, url } of [{ label: 'demo shop', url: demo.origins.shop }, { label: `heavy page (${heavy.nodes} elements)`, url: heavy.origin }]) {
      const a: number[] = [];
      const b: number[] = [];
      const [tabA, tabB] = [await withExt.browser.newPage(), await plain.browser.newPage()];
      for (let w = 0; w < runs(2, 1); w++) {
        await loadOnce(tabA, `${url}/?warm=${w}`);
        await loadOnce(tabB, `${url}/?warm=${w}`);
      }
      for (let i = 0; i < n; i++) {
        if (i % 2 === 0) a.push(await loadOnce(tabA, `${url}/?run=${i}`));
        b.push(await loadOnce(tabB, `${url}/?run=${i}`));
        if (i % 2 === 1) a.push(await loadOnce(tabA, `${url}/?run=${i}`));
      }
      await Promise.all([tabA.close(), tabB.close()]);
      const [x, y] = [median(a), median(b)];
      figures.push({ name: `Firefox page load, ${label}, same tab: with ÷ without Emissary`, ratio: x / y, target: 1.02, absolute: `${ms(x)} vs ${ms(y)} (median of ${n})` });
    }
    return figures;
  } finally {
    await withExt.close();
    await plain.close();
    await heavy.close();
    await demo.close();
  }
}

/** An extension page to call browser.* from (navigations to moz-extension:// never report completion over BiDi). */
async function extensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url, { timeout: 0 }).catch(() => {});
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const state = await page.evaluate(() => [location.href, document.readyState].join(' ')).catch(() => '');
    if (state === `${url} complete`) return page;
    await sleep(100);
  }
  throw new Error(`${url} did not load`);
}

export async function measureFirefoxDiscoveryLatency(latencyMs = 500, n = runs(5, 1)): Promise<Figure[]> {
  const ff = await launchFirefox();
  try {
    const ext = await extensionPage(ff.browser, ff.popupUrl);
    const figures: Figure[] = [];
    for (const site of ['shop', 'agent'] as const) {
      const times: number[] = [];
      let badge = '';
      for (let i = 0; i < n; i++) {
        const sites = await startDemoSites({ wellKnownDelayMs: latencyMs });
        const page = await ff.browser.newPage();
        try {
          const origin = sites.origins[site];
          const t0 = Date.now();
          const navigation = page.goto(origin);
          const seen = await ext.evaluate(async (url) => {
            const api = (globalThis as unknown as { browser: ChromeApi }).browser;
            const until = Date.now() + 20_000;
            while (Date.now() < until) {
              // Firefox match patterns take no port: look the tab up by its URL instead.
              const tab = (await api.tabs.query({})).find((t) => t.url?.startsWith(`${url}/`));
              const text = tab?.id !== undefined ? await api.action.getBadgeText({ tabId: tab.id }) : '';
              if (text) return { at: Date.now(), text };
              await new Promise((r) => setTimeout(r, 5));
            }
            throw new Error(`no badge for ${url}`);
          }, origin);
          await navigation;
          times.push(seen.at - t0);
          badge = seen.text;
        } finally {
          await page.close();
          await sites.close();
        }
      }
      const t = median(times);
      figures.push({
        name: `Firefox discovery latency, ${site} site: navigation → badge ÷ well-known delay`,
        ratio: t / latencyMs,
        target: 1.3,
        absolute: `${ms(t)} with every well-known answer delayed ${latencyMs} ms (median of ${n}; badge "${badge}")`,
      });
    }
    return figures;
  } finally {
    await ff.close();
  }
}
