// Paying with x402 from the popup, in real Chromium and Firefox, on a real local chain: the shop's
// paid report answers 402 (official x402 server and facilitator), the popup shows a receipt, the
// human approves, TestUSDC moves on chain by exactly the price, and the history shows the tx hash.
// Inside a budget the next purchase goes through without asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchWithWallet } from '../harness/launch';
import { openSection, screenshotter, showsSite } from '../harness/flows';
import { startDemoSites, type DemoSites } from '../demo/server';
import { startPaidBackend, type PaidBackend } from '../demo/paid';
import { balanceOf } from '../chain';
import type { ExtBrowser, ExtPage } from '../harness/types';

const PAYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

let paid: PaidBackend;
let sites: DemoSites;
beforeAll(async () => {
  // The chain listens where Emissary's default network config expects the demo chain.
  paid = await startPaidBackend({ chainPort: 8545, payers: [PAYER] });
  sites = await startDemoSites({ mount: { shop: paid.api.handle } });
});
afterAll(async () => {
  await sites?.close();
  await paid?.stop();
});

const balances = async () => ({ payer: await balanceOf(paid.chain, paid.token, PAYER), payee: await balanceOf(paid.chain, paid.token, paid.payTo) });

async function startReportFlow(browser: ExtBrowser): Promise<ExtPage> {
  const popup = await browser.openPopup();
  await showsSite(popup, sites.origins.shop);
  await popup.click('[data-flow="buy_report"] button');
  await popup.click('[data-testid="flow-runner"] form .btn--primary');
  return popup;
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

  it('asks with a readable receipt, pays exactly the price on chain once approved, and records the tx hash', async () => {
    const before = await balances();
    const settledBefore = paid.api.settlements.length;
    const popup = await startReportFlow(browser);
    await popup.waitFor('[data-testid="receipt"][data-status="awaiting-approval"]', 20_000);
    const receipt = await popup.text('[data-testid="receipt"]');
    expect(await popup.text('[data-testid="receipt-amount"]')).toBe('0.01 USDC');
    expect(receipt).toContain(sites.origins.shop);
    expect(receipt).toContain('Local (Anvil/Hardhat)');
    expect(receipt).toContain(paid.payTo);
    await (await screenshotter(name))(popup)('payment-receipt');
    await popup.click('[data-testid="receipt"] [data-testid="approve"]');
    await popup.waitFor('[data-testid="run-progress"][data-status="done"]', 30_000);
    expect(await popup.text('[data-testid="run-output"]')).not.toBe('');

    const after = await balances();
    expect(before.payer - after.payer).toBe(10_000n);
    expect(after.payee - before.payee).toBe(10_000n);
    expect(paid.api.settlements.length).toBe(settledBefore + 1);
    const tx = paid.api.settlements.at(-1)!.transaction;

    await openSection(popup, 'wallet');
    await popup.waitFor('[data-testid="history"] [data-testid="receipt"][data-status="settled"]', 15_000);
    expect(await popup.attr('[data-testid="history"] [data-testid="receipt-tx"]', 'title')).toBe(tx);
    await (await screenshotter(name))(popup)('wallet-history');
  });

  it('pays inside a site budget without asking', async () => {
    let popup = await browser.openPopup();
    await popup.waitFor('.shell');
    await openSection(popup, 'wallet');
    await popup.fill('#budget-origin', sites.origins.shop);
    await popup.fill('#budget-amount', '1.00');
    await popup.click('[data-testid="budgets"] form button[type="submit"]');
    await popup.waitFor(`[data-testid="budget"][data-origin="${sites.origins.shop}"]`);
    await popup.close();

    const before = await balances();
    popup = await startReportFlow(browser);
    await popup.waitFor('[data-testid="run-progress"][data-status="done"]', 30_000);
    expect(await popup.count('[data-testid="receipt"][data-status="awaiting-approval"]')).toBe(0);
    const after = await balances();
    expect(before.payer - after.payer).toBe(10_000n);

    await openSection(popup, 'wallet');
    // Both of today's payments to this site count against its budget, the one before the budget too.
    await popup.waitForText(`[data-testid="budget"][data-origin="${sites.origins.shop}"]`, '0.02 USDC of 1.00 USDC spent');
  });

  it('pays nothing when the human rejects', async () => {
    // A budget would let it through: remove it first.
    let popup = await browser.openPopup();
    await popup.waitFor('.shell');
    await openSection(popup, 'wallet');
    await popup.click(`[data-testid="budget"][data-origin="${sites.origins.shop}"] button`);
    await popup.close();

    const before = await balances();
    popup = await startReportFlow(browser);
    await popup.waitFor('[data-testid="receipt"][data-status="awaiting-approval"]', 20_000);
    await popup.click('[data-testid="receipt"] [data-testid="reject"]');
    await popup.waitFor('[data-testid="run-progress"][data-status="failed"]', 30_000);
    expect(await balances()).toEqual(before);
  });
  it.skipIf(name !== 'chromium')('completes an approved payment exactly once when the background is stopped before it settles', async () => {
    const before = await balances();
    const settledBefore = paid.api.settlements.length;
    const popup = await startReportFlow(browser);
    await popup.waitFor('[data-testid="receipt"][data-status="awaiting-approval"]', 20_000);
    await popup.click('[data-testid="receipt"] [data-testid="approve"]');
    // The decision is stored once the receipt leaves the runner; stop the worker right then.
    for (let i = 0; i < 100 && (await popup.count('[data-testid="flow-runner"] [data-testid="receipt"]')) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    await browser.stopServiceWorker!();
    // Opening the popup wakes the background, which finishes what was approved.
    const again = await browser.openPopup();
    await again.waitFor('.shell', 30_000);
    for (let i = 0; i < 100 && paid.api.settlements.length === settledBefore; i++) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(paid.api.settlements.length).toBe(settledBefore + 1);
    const after = await balances();
    expect(before.payer - after.payer).toBe(10_000n);
    await openSection(again, 'wallet');
    await again.waitFor('[data-testid="history"] [data-testid="receipt"][data-status="settled"]', 15_000);
  });
});
