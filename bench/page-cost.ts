// Page cost of the content script in Chromium: the demo shop and a heavy page loaded with Emissary and
// in the same Chromium without it (separate launches side by side), runs interleaved between them.
// Two ways of loading: "new tab" (a fresh tab per load: a new renderer, as when a link opens a tab)
// and "same tab" (navigations in one tab, as when following links). Figures: median load time
// (navigation start → loadEventEnd) and median main-thread busy time (CDP Performance.getMetrics
// TaskDuration, which counts the content script's isolated world too), with ÷ without.
// To attribute the cost, a third browser runs Emissary with its content script removed from the
// manifest (background, discovery at navigation, everything else unchanged).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
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

async function measure(page: Page, context: BrowserContext, url: string): Promise<Sample> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const before = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    await page.goto(url, { waitUntil: 'load' });
    // document_idle content scripts may run just after the load event: let them finish.
    await sleep(150);
    const after = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    return { load, task: (after - before) * 1000 };
  } finally {
    await cdp.detach();
  }
}

/** A fresh tab per load. */
async function newTab(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    return await measure(page, context, url);
  } finally {
    await page.close();
  }
}

/** An extension directory like dist/chrome, without the content script. */
async function withoutContentScript(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'emissary-bench-nocs-'));
  await cp(DIST.chrome, path, { recursive: true });
  const manifest = JSON.parse(await readFile(join(path, 'manifest.json'), 'utf8'));
  delete manifest.content_scripts;
  await writeFile(join(path, 'manifest.json'), JSON.stringify(manifest));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function measurePageCost(n = runs(11, 2), nHeavy = runs(7, 1)): Promise<Figure[]> {
  const demo = await startDemoSites();
  const heavy = await startHeavySite();
  const bare = await withoutContentScript();
  const withExt = await launchChromium();
  const plain = await launchPlainChromium();
  const noCs = await launchChromium({ extensionPath: bare.path });
  const browsers = [
    { key: 'with', context: withExt.context },
    { key: 'without', context: plain.context },
    { key: 'no-cs', context: noCs.context },
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
        const samples: Record<string, Sample[]> = { with: [], without: [], 'no-cs': [] };
        const tabs = mode === 'same tab' ? await Promise.all(browsers.map((b) => b.context.newPage())) : [];
        const load = (i: number, u: string) => (mode === 'new tab' ? newTab(browsers[i].context, u) : measure(tabs[i], browsers[i].context, u));
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
        const [la, lb, lc] = [med('with', 'load'), med('without', 'load'), med('no-cs', 'load')];
        const [ta, tb, tc] = [med('with', 'task'), med('without', 'task'), med('no-cs', 'task')];
        const short = label.split(' (')[0];
        for (const [key, series] of [['without', 'without'], ['no-cs', 'no content script'], ['with', 'Emissary']] as const) {
          for (const s of samples[key]) chart.push({ group: `${short}, ${mode}`, series, value: s.load });
        }
        figures.push(
          { name: `Page load, ${label}, ${mode}: with ÷ without Emissary`, ratio: la / lb, target: 1.02, absolute: `${ms(la)} vs ${ms(lb)} (median of ${count}); Emissary without its content script: ${ms(lc)}` },
          { name: `Main-thread time, ${label}, ${mode}: with ÷ without Emissary`, ratio: ta / tb, target: 1.02, absolute: `${ms(ta)} vs ${ms(tb)}; without its content script: ${ms(tc)}` },
        );
      }
    }
    addChart({ file: 'page-load', title: 'Chromium page load (ms): without Emissary, Emissary without its content script, Emissary', spec: boxChart('Page load, ms (navigation start → load event end)', 'ms', chart) });
    return figures;
  } finally {
    await withExt.close();
    await plain.close();
    await noCs.close();
    await bare.remove();
    await heavy.close();
    await demo.close();
  }
}
