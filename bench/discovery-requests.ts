// Discovery requests, counted at the demo server (counts, so they hold on any machine):
// - first visit: requests per probed document (each well-known path and followed link asked once) = 1;
// - revisits within the cache lifetime: 0 new requests;
// - 20 tabs of a fresh site opened at once: as many requests as one tab.
import { launchChromium } from '../e2e/harness/chromium';
import { startDemoSites, type DemoSites, type SiteName } from '../e2e/demo/server';
import { extensionPage, readSite, waitForProbe } from './ext-page';
import { sleep } from './common';
import type { Figure } from './report';

/** Paths the extension asked for (everything but the page itself and its favicon). */
function discoveryRequests(sites: DemoSites, site: SiteName): { total: number; paths: number } {
  let total = 0;
  let paths = 0;
  for (const [key, count] of sites.requests) {
    const [name, path] = key.split(' ');
    if (name !== site || path === '/' || path === '/favicon.ico') continue;
    total += count;
    paths++;
  }
  return { total, paths };
}

export async function measureDiscoveryRequests(): Promise<Figure[]> {
  const first = await startDemoSites();
  const fresh = await startDemoSites();
  const browser = await launchChromium();
  try {
    const ext = await extensionPage(browser.context, browser.extensionId);
    const page = await browser.context.newPage();
    const figures: Figure[] = [];

    // First visit of the shop (agents.json → OpenAPI) and of the travel agent (A2A + ANP → description).
    const one: Record<string, number> = {};
    for (const site of ['shop', 'agent'] as const) {
      await page.goto(first.origins[site]);
      await waitForProbe(ext, first.origins[site]);
      await sleep(300); // let any straggling request arrive
      const { total, paths } = discoveryRequests(first, site);
      one[site] = total;
      figures.push({ name: `Discovery requests, first visit of the ${site} site ÷ documents probed`, ratio: total / paths, target: 1, absolute: `${total} requests for ${paths} paths` });
    }

    // Revisits within the cache lifetime: 3 more visits of each.
    const before = { shop: one.shop, agent: one.agent };
    for (let i = 0; i < 3; i++) {
      for (const site of ['shop', 'agent'] as const) await page.goto(`${first.origins[site]}/?again=${i}`);
    }
    for (const site of ['shop', 'agent'] as const) {
      const until = Date.now() + 10_000;
      while (((await readSite(ext, first.origins[site]))?.visits ?? 0) < 4 && Date.now() < until) await sleep(25);
    }
    await sleep(500);
    const again = (['shop', 'agent'] as const).reduce((n, s) => n + discoveryRequests(first, s).total - before[s], 0);
    figures.push({ name: 'Discovery requests, 3 revisits of 2 sites within the cache lifetime (count, expected 0)', ratio: again, target: 0, absolute: `${again} new requests` });

    // 20 tabs of a site never seen before, opened at once.
    const tabs = await Promise.all(Array.from({ length: 20 }, () => browser.context.newPage()));
    await Promise.all(tabs.map((t, i) => t.goto(`${fresh.origins.agent}/?tab=${i}`)));
    await waitForProbe(ext, fresh.origins.agent);
    const until = Date.now() + 15_000;
    while (((await readSite(ext, fresh.origins.agent))?.visits ?? 0) < 20 && Date.now() < until) await sleep(25);
    await sleep(500);
    const twenty = discoveryRequests(fresh, 'agent').total;
    figures.push({ name: 'Discovery requests, 20 tabs of a new site at once ÷ one tab', ratio: twenty / one.agent, target: 1, absolute: `${twenty} vs ${one.agent} requests` });
    await Promise.all(tabs.map((t) => t.close()));
    return figures;
  } finally {
    await browser.close();
    await first.close();
    await fresh.close();
  }
}
