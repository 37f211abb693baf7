// Page cost of Emissary in Chromium: the demo shop and a heavy page loaded with Emissary and in the
// same Chromium without it (separate launches side by side), runs interleaved between them.
// Two ways of loading: "new tab" (a fresh tab per load: a new renderer, as when a link opens a tab)
// and "same tab" (navigations in one tab, as when following links). Figures: median load time
// (navigation start → loadEventEnd) and median main-thread busy time (CDP Performance.getMetrics
// TaskDuration, which counts the content script's isolated world too), with ÷ without.
// Emissary runs its content script once the tab has loaded (scripting.executeScript, issue #10); the
// main-thread window waits for it. A third browser runs the same build with the script declared in the
// manifest as before #10 (document_idle), the cost that change removed.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness/chromium';
import { DIST } from '../e2e/harness/paths';
import { startDemoSites } from '../e2e/demo/server';
import { startHeavySite } from './heavy-site';
import { boxChart } from './chart';
import { launchPlainChromium, median, ms, runs, sleep } from './common';
import { addChart, type Figure } from './report';

interface Sample {
  load: number;
  task: number;
}

async function measure(page: Page, context: BrowserContext, url: string, extension: boolean): Promise<Sample> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const before = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    await page.goto(url, { waitUntil: 'load' });
    // The content script runs after the load event: its time counts only once it has run.
    await contentScriptRan(cdp, extension);
    await sleep(150);
    const after = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    return { load, task: (after - before) * 1000 };
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits until Emissary's isolated world exists in the page (it is created when the content script is
 * injected), at most 5 s. Runtime is enabled in every browser alike, after the load, so the baseline
 * pays the same for asking.
 */
async function contentScriptRan(cdp: CDPSession, extension: boolean): Promise<void> {
  let found = false;
  const seen = (e: { context: { origin: string; auxData?: { type?: string } } }) => {
    if (e.context.auxData?.type === 'isolated' && e.context.origin.startsWith('chrome-extension://')) found = true;
  };
  cdp.on('Runtime.executionContextCreated', seen);
  try {
    await cdp.send('Runtime.enable');
    for (const until = Date.now() + 5_000; extension && !found && Date.now() < until; ) await sleep(10);
    if (extension && !found) console.warn('page-cost: no content script seen within 5 s');
    await cdp.send('Runtime.disable');
  } finally {
    cdp.off('Runtime.executionContextCreated', seen);
  }
}

/** A fresh tab per load. */
async function newTab(context: BrowserContext, url: string, extension: boolean): Promise<Sample> {
  const page = await context.newPage();
  try {
    return await measure(page, context, url, extension);
  } finally {
    await page.close();
  }
}

/** An extension directory like dist/chrome with the content script declared as before #10. */
async function withDeclaredContentScript(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'emissary-bench-declared-'));
  await cp(DIST.chrome, path, { recursive: true });
  const manifest = JSON.parse(await readFile(join(path, 'manifest.json'), 'utf8'));
  // The background still injects after the load; the script's mark makes that a no-op in this browser.
  manifest.content_scripts = [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' }];
  await writeFile(join(path, 'manifest.json'), JSON.stringify(manifest));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function measurePageCost(n = runs(11, 2), nHeavy = runs(7, 1)): Promise<Figure[]> {
  const demo = await startDemoSites();
  const heavy = await startHeavySite();
  const old = await withDeclaredContentScript();
  const withExt = await launchChromium();
  const plain = await launchPlainChromium();
  const declared = await launchChromium({ extensionPath: old.path });
  const browsers = [
    { key: 'with', context: withExt.context, extension: true },
    { key: 'without', context: plain.context, extension: false },
    { key: 'declared', context: declared.context, extension: true },
  ] as const;
  const chart: { group: string; series: string; value: number }[] = [];
  try {
    const pages = [
      { label: 'demo shop', url: demo.origins.shop, runs: n },
      { label: `heavy page (${heavy.nodes} elements)`, url: heavy.origin, runs: nHeavy },
    ];
    const figures: Figure[] = [];
    for (const { label, url, runs: count } of pages) {
      for (const mode of ['new tab', 'same tab'] as const) {
        const samples: Record<string, Sample[]> = { with: [], without: [], declared: [] };
        const tabs = mode === 'same tab' ? await Promise.all(browsers.map((b) => b.context.newPage())) : [];
        const load = (i: number, u: string) => (mode === 'new tab' ? newTab(browsers[i].context, u, browsers[i].extension) : measure(tabs[i], browsers[i].context, u, browsers[i].extension));
        // Warm-up: first loads pay for process start-up and (with Emissary) the site's first discovery.
        for (let w = 0; w < runs(3, 1); w++) for (let i = 0; i < browsers.length; i++) await load(i, `${url}/?warm=${w}`);
        for (let r = 0; r < count; r++) {
          // Rotate which browser goes first, so drift on the machine hits all alike.
          for (let k = 0; k < browsers.length; k++) {
            const i = (r + k) % browsers.length;
            samples[browsers[i].key].push(await load(i, `${url}/?run=${r}`));
          }
        }
        await Promise.all(tabs.map((t) => t.close()));
        const med = (key: string, f: keyof Sample) => median(samples[key].map((s) => s[f]));
        const [la, lb, lc] = [med('with', 'load'), med('without', 'load'), med('declared', 'load')];
        const [ta, tb, tc] = [med('with', 'task'), med('without', 'task'), med('declared', 'task')];
        const short = label.split(' (')[0];
        for (const [key, series] of [['without', 'without'], ['declared', 'script declared (before #10)'], ['with', 'Emissary']] as const) {
          for (const s of samples[key]) chart.push({ group: `${short}, ${mode}`, series, value: s.load });
        }
        figures.push(
          { name: `Page load, ${label}, ${mode}: with ÷ without Emissary`, ratio: la / lb, target: 1.02, absolute: `${ms(la)} vs ${ms(lb)} (median of ${count}); script declared in the manifest (before #10): ${ms(lc)}` },
          { name: `Main-thread time, ${label}, ${mode}: with ÷ without Emissary`, ratio: ta / tb, target: 1.02, absolute: `${ms(ta)} vs ${ms(tb)}; script declared (before #10): ${ms(tc)}` },
        );
      }
    }
    addChart({ file: 'page-load', title: 'Chromium page load (ms): without Emissary, Emissary with its content script declared (before #10), Emissary', spec: boxChart('Page load, ms (navigation start → load event end)', 'ms', chart) });
    return figures;
  } finally {
    await withExt.close();
    await plain.close();
    await declared.close();
    await old.remove();
    await heavy.close();
    await demo.close();
  }
}
