import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, FIREFOX_PATH } from './paths';
import type { ExtBrowser, ExtPage } from './types';
import { until } from './until';

export const GECKO_ID = 'emissary@emissary.dev';
// A fixed moz-extension UUID, so tests can open Emissary's pages by URL.
export const FIREFOX_EXTENSION_UUID = '6c1f0a4e-6f0b-4f4f-9a43-6b1b0e5a9e11';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const poll = <T>(fn: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> => until(what, fn, { timeoutMs });

// Navigations to moz-extension:// pages never report completion over BiDi in Firefox 153 (the
// command hangs until its timeout), so start it without waiting and poll for the document instead.
async function gotoExtensionPage(page: Page, url: string, alreadyStarted = false): Promise<void> {
  if (!alreadyStarted) void page.goto(url, { timeout: 0 }).catch(() => {});
  else await sleep(100);
  // page.url() keeps saying about:blank there too: ask the document itself.
  await poll(async () => (await page.evaluate(() => [location.href, document.readyState])).join(' ') === `${url} complete`, 15_000, url);
}

export function wrapPuppeteerPage(page: Page): ExtPage {
  const visible = (s: string) =>
    page.$$eval(s, (els) => els.some((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed'));
  return {
    goto: async (url) => (url.startsWith('moz-extension:') ? gotoExtensionPage(page, url) : void (await page.goto(url))),
    click: async (s) => {
      await poll(() => visible(s), 15_000, s);
      await page.click(s);
    },
    fill: async (s, v) => {
      await poll(() => visible(s), 15_000, s);
      await page.$eval(s, (el) => ((el as HTMLInputElement).value = ''));
      await page.type(s, v);
    },
    press: async (s, k) => {
      await page.focus(s);
      await page.keyboard.press(k as never);
    },
    text: (s) => page.$eval(s, (e) => e.textContent ?? ''),
    texts: (s) => page.$$eval(s, (els) => els.map((e) => e.textContent ?? '')),
    attr: (s, n) => page.$eval(s, (e, name) => e.getAttribute(name), n),
    attrs: (s, n) => page.$$eval(s, (els, name) => els.map((e) => e.getAttribute(name)), n),
    waitFor: async (s, t = 15_000) => void (await poll(() => visible(s), t, s)),
    waitForText: async (s, text, t = 15_000) => {
      await poll(() => page.$$eval(s, (els, x) => els.some((e) => (e.textContent ?? '').includes(x)), text), t, `${s} with "${text}"`);
    },
    count: (s) => page.$$eval(s, (els) => els.length),
    style: (s, prop) => page.$eval(s, (e, p) => getComputedStyle(e).getPropertyValue(p), prop),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    reload: async () => {
      const url = await page.evaluate(() => location.href);
      if (!url.startsWith('moz-extension:')) return void (await page.reload());
      await page.evaluate(() => location.reload());
      await gotoExtensionPage(page, url, true);
    },
    close: () => page.close(),
  };
}

export interface FirefoxOptions {
  headless?: boolean;
  extensionPath?: string;
  colorScheme?: 'light' | 'dark';
  /** How long the event page may idle before Firefox suspends it (Firefox's default is 30 s). */
  backgroundIdleMs?: number;
  /** A profile folder the caller owns (kept after close, e.g. to search its files); a temporary one otherwise. */
  userDataDir?: string;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<ExtBrowser & { browser: Browser }> {
  const ownDir = !options.userDataDir;
  const profile = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'emissary-firefox-')));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless ?? true,
    userDataDir: profile,
    protocol: 'webDriverBiDi',
    // Firefox 153 lets WebDriver navigate to moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // MV3 host permissions are opt-in in Firefox; a test profile grants them as a user would.
      'extensions.originControls.grantByDefault': true,
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      'extensions.background.idle.timeout': options.backgroundIdleMs ?? 30_000,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  await browser.installExtension(options.extensionPath ?? DIST.firefox);
  const base = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  const newPage = async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    return page;
  };

  return {
    name: 'firefox',
    browser,
    popupUrl: `${base}/popup.html`,
    optionsUrl: `${base}/options.html`,
    newPage: async () => wrapPuppeteerPage(await newPage()),
    openPopup: async (opts = {}) => {
      const page = await browser.newPage();
      await page.setViewport({ width: 380, height: 600 });
      if (opts.colorScheme && opts.colorScheme !== (options.colorScheme ?? 'light')) {
        throw new Error('Firefox over BiDi cannot switch the colour scheme per page: launch with options.colorScheme.');
      }
      await gotoExtensionPage(page, `${base}/popup.html`);
      return wrapPuppeteerPage(page);
    },
    close: async () => {
      await browser.close();
      if (ownDir) await rm(profile, { recursive: true, force: true });
    },
  };
}
