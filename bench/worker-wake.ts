// Service-worker wake in Chromium: one popup request (the vault status, over the same comlink port
// the popup uses, sent raw from an extension page) answered by a stopped worker vs a running one,
// against the browser's own floor: an empty MV3 extension, loaded in the same browser, whose worker
// answers a port message, woken the same way. Workers are stopped with CDP ServiceWorker.stopAllWorkers.
// Also the popup page loaded to its unlocked shell, worker stopped vs running. The stopped worker must
// come back with the vault state restored (unlocked), or the figure is a MISS.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, DIST } from '../e2e/harness/paths';
import { QUIET_CHROMIUM_FLAGS, wrapPlaywrightPage } from '../e2e/harness/chromium';
import { importWallet } from '../e2e/harness/flows';
import { RPC_PORT_NAME } from '../src/shared/port-endpoint';
import { median, ms, runs, sleep, type ChromeApi } from './common';
import type { Figure } from './report';

const PHRASE = 'test test test test test test test test test test test junk';

/** The smallest MV3 extension whose worker answers a port message: the floor of a wake. */
async function emptyExtension(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emissary-bench-empty-ext-'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Empty', version: '1.0', background: { service_worker: 'bg.js' } }));
  await writeFile(join(dir, 'bg.js'), "chrome.runtime.onConnect.addListener((p) => p.onMessage.addListener((m) => p.postMessage({ id: m.id, value: { state: 'empty' } })));\n");
  await writeFile(join(dir, 'page.html'), '<!doctype html><title>Empty</title>\n');
  return dir;
}

/** Opens a fresh port (waking the worker if needed) and times a comlink APPLY of `status()`. */
function statusRequest(page: Page, portName: string): Promise<{ ms: number; state: string }> {
  return page.evaluate(async (name) => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const t0 = performance.now();
    const port = chrome.runtime.connect({ name });
    const answer = await new Promise<{ value?: { state?: string } }>((resolve, reject) => {
      port.onMessage.addListener((m) => resolve(m as { value?: { state?: string } }));
      port.onDisconnect.addListener(() => reject(new Error('the worker closed the port')));
      port.postMessage({ id: 'bench-status', type: 'APPLY', path: ['status'], argumentList: [] });
    });
    const elapsed = performance.now() - t0;
    port.disconnect();
    return { ms: elapsed, state: String(answer.value?.state) };
  }, portName);
}

async function stopWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
  await sleep(300);
}

export async function measureWorkerWake(n = runs(7, 1)): Promise<Figure[]> {
  const empty = await emptyExtension();
  const profile = await mkdtemp(join(tmpdir(), 'emissary-bench-wake-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 380, height: 600 },
    args: [...QUIET_CHROMIUM_FLAGS, `--disable-extensions-except=${DIST.chrome},${empty}`, `--load-extension=${DIST.chrome},${empty}`],
  });
  try {
    const until = Date.now() + 20_000;
    while (context.serviceWorkers().length < 2 && Date.now() < until) await sleep(100);
    const idOf = (script: string) => new URL(context.serviceWorkers().find((w) => w.url().endsWith(script))!.url()).host;
    const [emissaryId, emptyId] = [idOf('/background.js'), idOf('/bg.js')];
    const popupUrl = `chrome-extension://${emissaryId}/popup.html`;
    const setup = await context.newPage();
    await setup.goto(popupUrl);
    await importWallet(wrapPlaywrightPage(setup), PHRASE);
    await setup.close();
    const page = await context.newPage();
    await page.goto(popupUrl);
    await page.locator('.shell').waitFor();
    const floorPage = await context.newPage();
    await floorPage.goto(`chrome-extension://${emptyId}/page.html`);

    const warm: number[] = [];
    const cold: number[] = [];
    const floorWarm: number[] = [];
    const floorCold: number[] = [];
    const warmPopup: number[] = [];
    const coldPopup: number[] = [];
    const coldStates = new Set<string>();
    const timePopup = async () => {
      const t0 = Date.now();
      await page.reload();
      await page.locator('.shell').waitFor({ timeout: 30_000 });
      return Date.now() - t0;
    };
    await statusRequest(page, RPC_PORT_NAME);
    await statusRequest(floorPage, 'bench');
    for (let i = 0; i < n; i++) {
      warm.push((await statusRequest(page, RPC_PORT_NAME)).ms);
      floorWarm.push((await statusRequest(floorPage, 'bench')).ms);
      warmPopup.push(await timePopup());
      // Alternate which worker wakes first after a stop.
      await stopWorkers(context, floorPage);
      if (i % 2) floorCold.push((await statusRequest(floorPage, 'bench')).ms);
      const c = await statusRequest(page, RPC_PORT_NAME);
      cold.push(c.ms);
      coldStates.add(c.state);
      if (!(i % 2)) floorCold.push((await statusRequest(floorPage, 'bench')).ms);
      await stopWorkers(context, floorPage);
      coldPopup.push(await timePopup());
    }
    const [w, c, fw, fc, wp, cp] = [warm, cold, floorWarm, floorCold, warmPopup, coldPopup].map(median);
    const restored = coldStates.size === 1 && coldStates.has('unlocked');
    return [
      {
        name: 'Worker wake: popup request answered by a stopped Emissary worker ÷ by a stopped empty extension worker',
        // Not restored (answered "locked" after a wake) counts as a miss whatever the time.
        ratio: restored ? c / fc : Number.POSITIVE_INFINITY,
        target: 2,
        absolute: `${ms(c)} vs ${ms(fc)} (median of ${n}); running: ${ms(w)} vs ${ms(fw)}; Emissary's state after wake: ${[...coldStates].join(', ')}`,
      },
      { name: 'Worker wake: popup load to unlocked shell, stopped ÷ running worker', ratio: cp / wp, target: 1.5, absolute: `${ms(cp)} vs ${ms(wp)} (median of ${n})` },
    ];
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  }
}
