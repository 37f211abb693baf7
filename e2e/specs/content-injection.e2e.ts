// The content script is run by the background once a page has loaded (issue #10), in real Chromium
// and Firefox: each page load reports once, however often the tab says "complete" again; the page's
// <link> hints still reach discovery; pages the browser keeps from extensions cost nothing and make no
// noise; the discovery setting still decides what a report may do; and a page already open when
// Emissary is installed reports if it is the one the user is looking at.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch } from '../harness/launch';
import { openExtensionRpc, type ExtensionRpc } from '../harness/extension-rpc';
import { DIST } from '../harness/paths';
import { GECKO_ID } from '../harness/firefox';
import { until } from '../harness/until';
import type { ExtBrowser } from '../harness/types';

const PDF = '%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
// A page with a hint discovery would not ask by default, and buttons for what single-page apps do.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Injection demo</title>
<link rel="agents" href="/hinted/agents.json"></head><body><h1>Loaded</h1>
<button id="spa" onclick="history.pushState({}, '', '/next'); location.hash = 'part'">Next view</button>
<button id="frame" onclick="const f = document.createElement('iframe'); f.src = '/frame'; document.body.append(f)">Frame</button>
<button id="back" onclick="history.back()">Back</button><button id="forward" onclick="history.forward()">Forward</button>
</body></html>`;

interface Site {
  origin: string;
  /** Paths asked, in order. */
  asked: string[];
  close(): Promise<void>;
}

/** A real loopback site: pages, a PDF, a connection that dies (the browser's error page), a frame. */
async function startSite(): Promise<Site> {
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(path);
    if (path === '/broken') return void req.socket.destroy();
    if (path === '/doc.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    if (path === '/frame') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>frame</p>');
    if (path.startsWith('/.well-known/') || path.startsWith('/hinted/')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}

const visits = async (rpc: ExtensionRpc, origin: string) => (await rpc.call('currentSite', origin))?.visits ?? 0;
const visitsReach = (rpc: ExtensionRpc, origin: string, n: number) => until(`${n} visits of ${origin}`, async () => (await visits(rpc, origin)) >= n);
// A report that must not come has had time to come when a later page's report has arrived; this
// settles what raced with it.
const settle = () => new Promise((r) => setTimeout(r, 500));

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  let rpc: ExtensionRpc;
  let site: Site;
  /** Chromium: promise rejections nobody handled in the background, as the browser reports them. */
  let unhandled: () => Promise<string[]>;
  beforeAll(async () => {
    site = await startSite();
    browser = await launch(name);
    rpc = await openExtensionRpc(browser);
    unhandled = async () => [];
    if (name === 'chromium') {
      const context = (browser as ExtBrowser & { context: BrowserContext }).context;
      const worker = context.serviceWorkers()[0];
      await worker.evaluate(() => {
        const g = globalThis as unknown as { emissaryTestErrors: string[]; addEventListener(t: string, f: (e: { reason?: unknown; message?: string }) => void): void };
        g.emissaryTestErrors = [];
        g.addEventListener('unhandledrejection', (e) => g.emissaryTestErrors.push(String(e.reason)));
        g.addEventListener('error', (e) => g.emissaryTestErrors.push(String(e.message)));
      });
      unhandled = () => worker.evaluate(() => (globalThis as unknown as { emissaryTestErrors: string[] }).emissaryTestErrors);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("reports each page load once, with the page's hints, whatever the tab does after", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/`);
    await visitsReach(rpc, site.origin, 1);
    // The report carries the page's <link>: discovery asks the hinted document too.
    await until('the hinted document to be asked', async () => site.asked.includes('/hinted/agents.json'));
    // Same-document navigations, a late frame and back/forward: the tab reports "complete" again
    // (Chromium does for each), the document stays the same, so does the count.
    await page.click('#spa');
    await page.click('#frame');
    await until('the frame to load', async () => site.asked.includes('/frame'));
    await page.click('#back');
    await page.click('#forward');
    await page.goto(`${site.origin}/second`);
    await visitsReach(rpc, site.origin, 2);
    await settle();
    expect(await visits(rpc, site.origin)).toBe(2);
    await page.close();
  });

  it('runs nowhere the browser keeps from extensions, quietly', async () => {
    const before = await visits(rpc, site.origin);
    // chrome:// and other extensions' pages take the same branch as about: and data: (not http/https).
    // A tab each: the error page and the PDF viewer keep loading after the driver has given up on them.
    const refused = ['about:blank', 'data:text/html,<h1>data</h1>', `${site.origin}/broken`, `${site.origin}/doc.pdf`];
    const tabs = await Promise.all(refused.map(() => browser.newPage()));
    for (const [i, url] of refused.entries()) await tabs[i].goto(url).catch(() => undefined);
    await until('the PDF to be served', async () => site.asked.includes('/doc.pdf'));
    const page = await browser.newPage();
    await page.goto(`${site.origin}/after`);
    // The error page is not a page of the site; the PDF viewer may or may not take the script
    // (Chromium's does, as it did when the script was declared): at most one visit for it.
    const after = await visitsReach(rpc, site.origin, before + 1).then(() => visits(rpc, site.origin));
    expect(after - before).toBeLessThanOrEqual(2);
    await settle();
    expect(await unhandled()).toEqual([]);
    await Promise.all([page, ...tabs].map((t) => t.close()));
  });

  it('counts nothing when discovery is off, and only the visit when it is per site', async () => {
    const off = await startSite();
    const perSite = await startSite();
    const control = await startSite();
    const page = await browser.newPage();
    try {
      expect((await rpc.call('updateSettings', { discovery: 'off' })).ok).toBe(true);
      await page.goto(`${off.origin}/`);
      await settle();
      expect((await rpc.call('updateSettings', { discovery: 'allowed' })).ok).toBe(true);
      await page.goto(`${perSite.origin}/`);
      await visitsReach(rpc, perSite.origin, 1);
      expect((await rpc.call('updateSettings', { discovery: 'all' })).ok).toBe(true);
      await page.goto(`${control.origin}/`);
      await visitsReach(rpc, control.origin, 1);
      await settle();
      expect(await visits(rpc, off.origin)).toBe(0);
      for (const s of [off, perSite]) expect(s.asked.filter((p) => p !== '/' && p !== '/favicon.ico')).toEqual([]);
      expect(control.asked).toContain('/hinted/agents.json');
    } finally {
      await rpc.call('updateSettings', { discovery: 'all' });
      await page.close();
      await Promise.all([off.close(), perSite.close(), control.close()]);
    }
  });
});

describe('firefox: installed while pages are open', () => {
  it('looks at the page in front of the user now, and at the others when they load next', async () => {
    const front = await startSite();
    const behind = await startSite();
    const ff = (await launch('firefox')) as ExtBrowser & { browser: PuppeteerBrowser };
    try {
      // The harness installs Emissary at launch: take it away, open the pages, then install it.
      await ff.browser.uninstallExtension(GECKO_ID);
      const back = await ff.newPage();
      await back.goto(`${behind.origin}/`);
      const shown = await ff.newPage();
      await shown.goto(`${front.origin}/`);
      await ff.browser.installExtension(DIST.firefox);
      // What the sites are asked shows what Emissary heard (Firefox gives a reinstalled extension a new
      // address, so its pages cannot be opened by URL here): the report of the page in front, with its hint.
      await until('discovery of the page in front', async () => front.asked.includes('/hinted/agents.json'));
      await settle();
      expect(behind.asked.filter((p) => p !== '/' && p !== '/favicon.ico')).toEqual([]);
      // The tab left behind reports when it loads again.
      await back.reload();
      await until('discovery of the page behind, reloaded', async () => behind.asked.includes('/hinted/agents.json'));
    } finally {
      await ff.close();
      await front.close();
      await behind.close();
    }
  });
});
