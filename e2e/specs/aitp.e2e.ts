// AITP from the popup, in real Chromium and Firefox, against the demo shop's AITP agent (real T01 endpoint)
// and a real local chain: "Talk to this site's agent" → product cards → shipping form filled from the
// profile → signed quote → payment approved in Approvals (x402, EIP-3009 settled on chain) → the agent's
// signed confirmation; then a NEP-413 and an EIP-712 signature the agent verifies. The thread and its
// negotiation timeline survive a service-worker stop (Chromium) and a browser restart (Chromium, same profile).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, TEST_PHRASE, launchWithWallet } from '../harness/launch';
import { launchChromium } from '../harness/chromium';
import { importWallet, openSection, screenshotter, showsSite, unlock } from '../harness/flows';
import { startDemoSites, type DemoSites } from '../demo/server';
import { startPaidBackend, type PaidBackend } from '../demo/paid';
import { createAitpAgent, type AitpAgent } from '../demo/aitp';
import { balanceOf } from '../chain';
import type { ExtBrowser, ExtPage } from '../harness/types';

const PAYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const PRICE = 5_000_000n; // Stoneware mug (Sand) ×2 at 2.50

let paid: PaidBackend;
let agent: AitpAgent;
let sites: DemoSites;
beforeAll(async () => {
  paid = await startPaidBackend({ payers: [PAYER] });
  agent = createAitpAgent({
    payments: {
      chainId: paid.chain.chainId, payTo: paid.payTo, facilitatorUrl: paid.facilitator.url,
      token: paid.token,
    },
  });
  sites = await startDemoSites({ mount: { shop: agent.handle } });
});
afterAll(async () => {
  await sites?.close();
  await paid?.stop();
});

const balances = async () => ({ payer: await balanceOf(paid.chain, paid.token, PAYER), payee: await balanceOf(paid.chain, paid.token, paid.payTo) });

async function openThread(popup: ExtPage): Promise<void> {
  await openSection(popup, 'inbox');
  await popup.click('[data-testid="thread-item"][data-protocol="aitp"]');
  await popup.waitFor('[data-testid="thread-view"]');
}

async function setProfile(popup: ExtPage): Promise<void> {
  await openSection(popup, 'settings');
  await popup.waitFor('#profile-name');
  for (const [id, value] of [['name', 'Ada Lovelace'], ['email', 'ada@example.org'], ['tel', '+44 20 7946 0000'], ['address_line1', '12 Analytical Way'],
    ['address_level2', 'London'], ['postal_code', 'N1 9GU'], ['country_name', 'United Kingdom']]) {
    await popup.fill(`#profile-${id}`, value);
  }
  await popup.click('[data-testid="profile-save"]');
  await popup.waitForText('[data-testid="profile-settings"]', 'Profile saved.');
}

/** The whole purchase; returns the popup on the thread, confirmed. */
async function buyMugs(browser: ExtBrowser, shot: (page: ExtPage) => (name: string) => Promise<void>): Promise<ExtPage> {
  const popup = await browser.openPopup();
  await showsSite(popup, sites.origins.shop);
  await setProfile(popup);
  await openSection(popup, 'site');
  await popup.waitFor('[data-testid="aitp-panel"]', 15_000);
  await shot(popup)('aitp-site-panel');
  await popup.click('[data-testid="aitp-talk"]');

  await popup.waitFor('[data-testid="aitp-decision"]', 20_000);
  expect(await popup.texts('[data-testid="aitp-decision"] [data-testid="aitp-price"]')).toEqual(['18.50 USD', '64.00 USD', '2.50 USD']);
  await popup.click('[data-variant-id="p-mug-sand"]');
  // From 1 to 2 with the keyboard (typing races the popup's re-render of the controlled field).
  await popup.press('[data-testid="aitp-quantity"]', 'ArrowUp');
  await shot(popup)('aitp-decision');
  await popup.click('[data-testid="aitp-decision-send"]');

  await popup.waitFor('[data-testid="aitp-form"]', 20_000);
  // Every profile value is shown and ticked before anything is filled; nothing is sent until "Send address".
  // (The profile is read from the vault after the form first renders.)
  await popup.waitFor('[data-testid="aitp-use-profile"]');
  expect(await popup.count('[data-testid="aitp-use-profile"]')).toBe(7);
  await popup.click('[data-testid="aitp-fill-profile"]');
  await shot(popup)('aitp-form');
  await popup.click('[data-testid="aitp-form-send"]');

  await popup.waitFor('[data-testid="aitp-quote"]', 20_000);
  expect(await popup.attr('[data-testid="aitp-quote"] [data-testid="aitp-signature"]', 'data-status')).toBe('verified');
  expect(await popup.text('[data-testid="aitp-quote-amount"]')).toBe('5.00 USDC');
  expect(await popup.text('[data-testid="aitp-revenue-share"]')).toContain('1.00% to affiliates');
  await shot(popup)('aitp-quote');
  const before = await balances();
  const settled = paid.facilitator.settlements.length;
  await popup.click('[data-testid="aitp-pay"]');

  await openSection(popup, 'approvals');
  await popup.waitFor('[data-testid="receipt"][data-status="awaiting-approval"]', 20_000);
  expect(await popup.text('[data-testid="receipt-amount"]')).toBe('5.00 USDC');
  expect(await popup.text('[data-testid="receipt"]')).toContain('Stoneware mug (Sand) ×2');
  await shot(popup)('aitp-approval');
  await popup.click('[data-testid="receipt"] [data-testid="approve"]');

  await openThread(popup);
  await popup.waitFor('[data-testid="aitp-confirmation"][data-result="success"]', 45_000);
  expect(await popup.attr('[data-testid="aitp-confirmation"] [data-testid="aitp-signature"]', 'data-status')).toBe('verified');
  const after = await balances();
  expect(before.payer - after.payer).toBe(PRICE);
  expect(after.payee - before.payee).toBe(PRICE);
  expect(paid.facilitator.settlements.length).toBe(settled + 1);
  // The address stays readable; the thread shows what was sent.
  expect(await popup.text('[data-testid="aitp-data-sent"]')).toContain('City: London');
  await shot(popup)('aitp-confirmed');
  return popup;
}

async function expectTimeline(popup: ExtPage): Promise<void> {
  await popup.click('[data-testid="negotiation-tab"]');
  await popup.waitFor('[data-testid="negotiation"]');
  const stages = await popup.attrs('[data-testid="negotiation"] li', 'data-stage');
  expect(stages).toEqual(['proposed', 'accepted', 'proposed', 'accepted', 'paid', 'confirmed']);
  expect(await popup.texts('[data-testid="negotiation-cost"]')).toContain('5.00 USDC');
}

async function signBoth(popup: ExtPage): Promise<void> {
  await popup.click('[data-testid="messages-tab"]');
  const ask = async (text: string, kind: string, verified: string) => {
    await popup.fill('#composer-text', text);
    await popup.click('[data-testid="send"]');
    await popup.waitFor(`[data-testid="aitp-wallet"][data-kind="${kind}"] [data-testid="aitp-wallet-approve"]`, 20_000);
    await popup.click(`[data-testid="aitp-wallet"][data-kind="${kind}"] [data-testid="aitp-wallet-approve"]`);
    await popup.waitForText('[data-testid="message"]', verified, 20_000);
  };
  await ask('near', 'aitp:near.request_message_signing', 'verified (NEP-413)');
  await ask('sign order', 'aitp:evm.request_message_signing', 'verified (EIP-712)');
}

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  beforeAll(async () => {
    browser = await launchWithWallet(name);
    const page = await browser.newPage();
    await page.goto(sites.origins.shop);
    await page.waitForText('h1', 'Fresh coffee');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('negotiates the purchase from the popup and ends with a confirmed payment on chain', async () => {
    const start = Date.now();
    const events = agent.events.length;
    const popup = await buyMugs(browser, (p) => async (shot) => (await screenshotter(name))(p)(shot));
    const mine = agent.events.slice(events);
    console.log(`[aitp ${name}] purchase: ${mine.length} messages (${mine.filter((e) => e.role === 'assistant').length} from the agent, ${mine.filter((e) => e.role === 'user').length} from Emissary) in ${Date.now() - start} ms (including human steps)`);
    await expectTimeline(popup);
    await (await screenshotter(name))(popup)('aitp-negotiation');
    await signBoth(popup);
    await (await screenshotter(name))(popup)('aitp-signed');
    expect(agent.rejections.filter((r) => /signature/.test(r))).toEqual([]);
    await popup.close();
  });

  it('keeps the thread and its timeline after the service worker stops', async () => {
    if (!browser.stopServiceWorker) return; // Firefox: see the idle-suspension test below.
    await browser.stopServiceWorker();
    const popup = await browser.openPopup();
    await popup.waitFor('.shell', 30_000);
    await openThread(popup);
    await popup.waitFor('[data-testid="aitp-confirmation"][data-result="success"]');
    await expectTimeline(popup);
    await popup.close();
  });

  if (name === 'firefox') {
    it('in dark mode, keeps the thread and its timeline after the idle event page was suspended', async () => {
      // Firefox suspends an idle event page (here after 3 s without events); the next popup wakes a new one.
      const dark = await launchWithWallet('firefox', { colorScheme: 'dark', backgroundIdleMs: 3_000 });
      try {
        const page = await dark.newPage();
        await page.goto(sites.origins.shop);
        await page.waitForText('h1', 'Fresh coffee');
        let popup = await buyMugs(dark, (p) => async (shot) => (await screenshotter('firefox', 'dark'))(p)(shot));
        await openSection(popup, 'settings');
        const before = await popup.attr('[data-testid="worker-started"]', 'data-at');
        await popup.close();
        await page.close();
        let after = before;
        for (let i = 0; i < 6 && after === before; i++) {
          await new Promise((r) => setTimeout(r, 8_000)); // longer than the idle time, with nothing open

          popup = await dark.openPopup();
          await openSection(popup, 'settings');
          after = await popup.attr('[data-testid="worker-started"]', 'data-at');
          if (after === before) await popup.close();
        }
        expect(after, 'a new background life').not.toBe(before);
        await openThread(popup);
        await popup.waitFor('[data-testid="aitp-confirmation"][data-result="success"]', 15_000);
        await expectTimeline(popup);
        await (await screenshotter('firefox', 'dark'))(popup)('aitp-negotiation-after-suspend');
      } finally {
        await dark.close();
      }
    });
  }
});

describe('chromium: the browser restarts with the same profile', () => {
  it('still shows the confirmed thread and its timeline', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'emissary-aitp-profile-'));
    try {
      let browser = await launchChromium({ userDataDir: profile });
      let popup = await browser.openPopup();
      await importWallet(popup, TEST_PHRASE);
      const page = await browser.newPage();
      await page.goto(sites.origins.shop);
      await page.waitForText('h1', 'Fresh coffee');
      popup = await buyMugs(browser, (p) => async (shot) => (await screenshotter('chromium'))(p)(`restart-${shot}`));
      await browser.close();

      browser = await launchChromium({ userDataDir: profile });
      try {
        popup = await browser.openPopup({ colorScheme: 'dark' });
        await unlock(popup);
        await popup.waitFor('.shell', 30_000);
        await openThread(popup);
        await popup.waitFor('[data-testid="aitp-confirmation"][data-result="success"]', 15_000);
        await (await screenshotter('chromium', 'dark'))(popup)('aitp-after-restart');
        await expectTimeline(popup);
        await (await screenshotter('chromium', 'dark'))(popup)('aitp-negotiation-after-restart');
      } finally {
        await browser.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
