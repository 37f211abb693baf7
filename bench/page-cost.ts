// Page cost of the content script: the demo shop and a heavy page loaded in Chromium with Emissary
// and in the same Chromium without it (two launches side by side), runs alternating between them.
// Figures: median load time (navigation start → loadEventEnd) and median main-thread busy time
// (CDP Performance.getMetrics TaskDuration, which counts the content script's isolated world too),
// with ÷ without.
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../e2e/harness/chromium';
import { startDemoSites } from '../e2e/demo/server';
import { startHeavySite } from './heavy-site';
import { launchPlainChromium, median, ms, runs, sleep } from './common';
import type { Figure } from './report';

interface Sample {
  load: number;
  task: number;
}

async function loadOnce(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    // document_idle content scripts may run just after the load event: let them finish.
    await sleep(200);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const task = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    return { load, task };
  } finally {
    await page.close();
  }
}

export async function measurePageCost(n = runs(25)): Promise<Figure[]> {
  const demo = await startDemoSites();
  const heavy = await startHeavySite();
  const withExt = await launchChromium();
  const plain = await launchPlainChromium();
  try {
    const pages = [
      { label: 'demo shop', url: demo.origins.shop },
      { label: `heavy page (${heavy.nodes} elements)`, url: heavy.origin },
    ];
    const figures: Figure[] = [];
    for (const { label, url } of pages) {
      const a: Sample[] = [];
      const b: Sample[] = [];
      // Warm-up: first loads pay for process start-up and (with Emissary) the first discovery.
      for (let i = 0; i < 2; i++) {
        await loadOnce(withExt.context, `${url}/?warm=${i}`);
        await loadOnce(plain.context, `${url}/?warm=${i}`);
      }
      for (let i = 0; i < n; i++) {
        // Alternate which browser goes first, so drift on the machine hits both alike.
        const first = i % 2 === 0;
        if (first) a.push(await loadOnce(withExt.context, `${url}/?run=${i}`));
        b.push(await loadOnce(plain.context, `${url}/?run=${i}`));
        if (!first) a.push(await loadOnce(withExt.context, `${url}/?run=${i}`));
      }
      const loadA = median(a.map((s) => s.load));
      const loadB = median(b.map((s) => s.load));
      const taskA = median(a.map((s) => s.task));
      const taskB = median(b.map((s) => s.task));
      figures.push(
        { name: `Page load, ${label}: with ÷ without Emissary`, ratio: loadA / loadB, target: 1.02, absolute: `${ms(loadA)} vs ${ms(loadB)} (median of ${n})` },
        { name: `Main-thread time, ${label}: with ÷ without Emissary`, ratio: taskA / taskB, target: 1.02, absolute: `${ms(taskA)} vs ${ms(taskB)} (median of ${n})` },
      );
    }
    return figures;
  } finally {
    await withExt.close();
    await plain.close();
    await heavy.close();
    await demo.close();
  }
}
