// Service-worker wake: one popup request (the vault status, over the same comlink port the popup
// uses, sent raw from an extension page) answered by a stopped worker vs a running one; and the
// popup page loaded to its unlocked shell in both cases. The stopped worker must come back with the
// vault state restored (unlocked), or the figure is a MISS.
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness/chromium';
import { importWallet } from '../e2e/harness/flows';
import { RPC_PORT_NAME } from '../src/shared/port-endpoint';
import { median, ms, runs, type ChromeApi } from './common';
import type { Figure } from './report';

const PHRASE = 'test test test test test test test test test test test junk';

/** Opens a fresh port (waking the worker if needed) and times a comlink APPLY of `status()`. */
function statusRequest(page: Page): Promise<{ ms: number; state: string }> {
  return page.evaluate(async (portName) => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const t0 = performance.now();
    const port = chrome.runtime.connect({ name: portName });
    const answer = await new Promise<{ value?: { state?: string } }>((resolve, reject) => {
      port.onMessage.addListener((m) => resolve(m as { value?: { state?: string } }));
      port.onDisconnect.addListener(() => reject(new Error('the worker closed the port')));
      port.postMessage({ id: 'bench-status', type: 'APPLY', path: ['status'], argumentList: [] });
    });
    const elapsed = performance.now() - t0;
    port.disconnect();
    return { ms: elapsed, state: String(answer.value?.state) };
  }, RPC_PORT_NAME);
}

export async function measureWorkerWake(n = runs(5, 2)): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const setup = await browser.openPopup();
    await importWallet(setup, PHRASE);
    await setup.close();
    const page = await browser.context.newPage();
    await page.goto(browser.popupUrl);
    await page.locator('.shell').waitFor();
    const warm: number[] = [];
    const cold: number[] = [];
    const warmPopup: number[] = [];
    const coldPopup: number[] = [];
    const coldStates = new Set<string>();
    const timePopup = async () => {
      const t0 = Date.now();
      await page.reload();
      await page.locator('.shell').waitFor({ timeout: 30_000 });
      return Date.now() - t0;
    };
    await statusRequest(page);
    for (let i = 0; i < n; i++) {
      warm.push((await statusRequest(page)).ms);
      warmPopup.push(await timePopup());
      await browser.stopServiceWorker!();
      const c = await statusRequest(page);
      cold.push(c.ms);
      coldStates.add(c.state);
      await browser.stopServiceWorker!();
      coldPopup.push(await timePopup());
    }
    const [w, c, wp, cp] = [median(warm), median(cold), median(warmPopup), median(coldPopup)];
    const restored = coldStates.size === 1 && coldStates.has('unlocked');
    return [
      {
        name: 'Worker wake: popup request answered by a stopped ÷ running worker',
        // Not restored (answered "locked" after a wake) counts as a miss whatever the time.
        ratio: restored ? c / w : Number.POSITIVE_INFINITY,
        target: 100,
        absolute: `${ms(c)} vs ${ms(w)} (median of ${n}); state after wake: ${[...coldStates].join(', ')}`,
      },
      { name: 'Worker wake: popup load to unlocked shell, stopped ÷ running worker', ratio: cp / wp, target: 1.5, absolute: `${ms(cp)} vs ${ms(wp)} (median of ${n})` },
    ];
  } finally {
    await browser.close();
  }
}
