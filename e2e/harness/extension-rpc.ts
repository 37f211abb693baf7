// Calls Emissary's background API from one of its own pages, the way the popup does (a runtime port
// named emissary-rpc, comlink's wire format), so tests can drive and inspect the background without
// clicking through the UI. Also runs code in that page (extension storage, badge, idb).
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import type { BackgroundApi } from '../../src/shared/api';
import { wrapPuppeteerPage } from './firefox';
import type { ExtBrowser } from './types';

type Awaited2<T> = T extends Promise<infer U> ? U : T;

export interface ExtensionRpc {
  call<K extends keyof BackgroundApi>(method: K, ...args: Parameters<BackgroundApi[K]>): Promise<Awaited2<ReturnType<BackgroundApi[K]>>>;
  /** Runs a function in the extension page (it gets `browser`/`chrome` there). */
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  close(): Promise<void>;
}

/** One call over a fresh port: a stopped worker fails the call ("port closed") instead of hanging. */
function callInPage({ method, args }: { method: string; args: unknown[] }): Promise<unknown> {
  type Port = {
    postMessage(m: unknown): void;
    disconnect(): void;
    onMessage: { addListener(f: (m: never) => void): void };
    onDisconnect: { addListener(f: () => void): void };
  };
  type Runtime = { runtime: { connect(o: { name: string }): Port } };
  const g = globalThis as unknown as { browser?: Runtime; chrome: Runtime };
  const port = (g.browser ?? g.chrome).runtime.connect({ name: 'emissary-rpc' });
  const id = `${Date.now()}-${Math.random()}`;
  return new Promise((resolve, reject) => {
    port.onMessage.addListener((m: { id?: string; type?: string; value?: { value?: { message?: string } } }) => {
      if (m?.id !== id) return;
      port.disconnect();
      if (m.type === 'HANDLER') reject(new Error(m.value?.value?.message ?? 'the background threw'));
      else resolve((m as { value?: unknown }).value);
    });
    port.onDisconnect.addListener(() => reject(new Error('port closed: the background stopped')));
    port.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
  });
}

export async function openExtensionRpc(browser: ExtBrowser): Promise<ExtensionRpc> {
  // Options page: a quiet extension page (the popup would start its own calls).
  const url = browser.optionsUrl;
  if (browser.name === 'chromium') {
    const context = (browser as ExtBrowser & { context: BrowserContext }).context;
    const page: Page = await context.newPage();
    await page.goto(url);
    return {
      call: (method, ...args) => page.evaluate(callInPage, { method, args: args as unknown[] }) as never,
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      close: () => page.close(),
    };
  }
  const pptr = (browser as ExtBrowser & { browser: PuppeteerBrowser }).browser;
  const page: PuppeteerPage = await pptr.newPage();
  await wrapPuppeteerPage(page).goto(url);
  return {
    call: (method, ...args) => page.evaluate(callInPage, { method, args: args as unknown[] }) as never,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    close: () => page.close(),
  };
}
