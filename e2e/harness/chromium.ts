import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, DIST } from './paths';
import type { ExtBrowser, ExtPage } from './types';

// Flags that keep Chromium from calling home on a machine with no network (each blocked call slows it).
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export function wrapPlaywrightPage(page: Page): ExtPage {
  return {
    goto: async (url) => void (await page.goto(url)),
    click: (s) => page.locator(s).first().click(),
    fill: (s, v) => page.locator(s).first().fill(v),
    press: (s, k) => page.locator(s).first().press(k),
    text: async (s) => (await page.locator(s).first().textContent()) ?? '',
    texts: (s) => page.locator(s).allTextContents(),
    attr: (s, n) => page.locator(s).first().getAttribute(n),
    attrs: (s, n) => page.locator(s).evaluateAll((els, name) => els.map((e) => e.getAttribute(name)), n),
    waitFor: (s, t = 15_000) => page.locator(s).first().waitFor({ state: 'visible', timeout: t }),
    waitForText: async (s, text, t = 15_000) => {
      await page.locator(s, { hasText: text }).first().waitFor({ state: 'visible', timeout: t });
    },
    count: (s) => page.locator(s).count(),
    style: (s, prop) => page.locator(s).first().evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop),
    screenshot: async (path) => void (await page.screenshot({ path })),
    reload: async () => void (await page.reload()),
    close: () => page.close(),
  };
}

export interface ChromiumOptions {
  headless?: boolean;
  userDataDir?: string;
  extensionPath?: string;
  viewport?: { width: number; height: number };
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ExtBrowser & { context: BrowserContext; extensionId: string }> {
  const extensionPath = options.extensionPath ?? DIST.chrome;
  const ownDir = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'emissary-chromium-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1100, height: 800 },
    args: [...QUIET_CHROMIUM_FLAGS, `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  const base = `chrome-extension://${extensionId}`;

  return {
    name: 'chromium',
    context,
    extensionId,
    popupUrl: `${base}/popup.html`,
    optionsUrl: `${base}/options.html`,
    newPage: async () => wrapPlaywrightPage(await context.newPage()),
    openPopup: async (opts = {}) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
      await page.goto(`${base}/popup.html`);
      return wrapPlaywrightPage(page);
    },
    stopServiceWorker: async () => {
      // chrome://serviceworker-internals lists every worker with a Stop button, extension ones included.
      const page = await context.newPage();
      await page.goto('chrome://serviceworker-internals/?devtools');
      await page.getByText(`Scope: ${base}/`).waitFor({ timeout: 10_000 });
      const stop = page.getByRole('button', { name: 'Stop' }).first();
      if (await stop.isVisible()) await stop.click();
      await page.getByText('Running Status: STOPPED').first().waitFor({ timeout: 10_000 });
      await page.close();
    },
    close: async () => {
      await context.close();
      if (ownDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
