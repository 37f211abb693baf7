// Running an agents.json flow from the popup, in real Chromium and Firefox, against the demo shop:
// a form from the flow's parameters, the site's API key asked once and kept, each step's progress,
// and the shop's server really holding the product in the cart afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchWithWallet } from '../harness/launch';
import { screenshotter, showsSite } from '../harness/flows';
import { startDemoSites, type DemoSites } from '../demo/server';
import { DEMO_SHOP_KEY } from '../demo/shop-documents';
import type { ExtBrowser, ExtPage } from '../harness/types';


let sites: DemoSites;
beforeAll(async () => {
  sites = await startDemoSites();
});
afterAll(async () => {
  await sites?.close();
});

async function openShopFlows(browser: ExtBrowser, shop: string): Promise<ExtPage> {
  const popup = await browser.openPopup();
  await showsSite(popup, shop);
  await popup.waitFor('[data-flow="add_to_cart"]');
  return popup;
}

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  beforeAll(async () => {
    browser = await launchWithWallet(name);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the two-step "Add to cart" flow, carrying the found product id into the cart', async () => {
    // Each browser uses its own key, so each has its own cart on the shared demo server.
    const key = `${DEMO_SHOP_KEY}-${name}`;
    const page = await browser.newPage();
    await page.goto(sites.origins.shop);
    await page.waitForText('h1', 'Fresh coffee');

    const popup = await openShopFlows(browser, sites.origins.shop);
    const shot = (await screenshotter(name))(popup);
    await popup.click('[data-flow="add_to_cart"] button');
    await popup.waitFor('[data-testid="flow-runner"]');
    await popup.fill('[data-field="q"]', 'mug');
    await popup.fill('[data-field="quantity"]', '2');
    // The first run asks for the site's API key.
    await popup.fill('#auth-shopKey', key);
    await shot('flow-form');
    await popup.click('[data-testid="flow-runner"] form .btn--primary');
    await popup.waitFor('[data-testid="run-progress"][data-status="done"]', 20_000);
    expect(await popup.attrs('[data-testid="run-step"]', 'data-state')).toEqual(['done', 'done']);
    expect(await popup.texts('[data-testid="run-step"] .mono')).toEqual([
      `GET ${sites.origins.shop}/api/products`,
      `POST ${sites.origins.shop}/api/cart`,
    ]);
    expect(await popup.text('[data-testid="run-output"]')).toContain('Stoneware mug');
    await shot('flow-done');
    expect(sites.cart(key)).toEqual([{ productId: 'p-mug', name: 'Stoneware mug', quantity: 2 }]);

    // Runs again without asking for the key: it was kept, encrypted, for this site.
    await popup.click('[data-testid="flow-runner"] .back');
    await popup.click('[data-flow="add_to_cart"] button');
    expect(await popup.count('#auth-shopKey')).toBe(0);
    await popup.fill('[data-field="q"]', 'grinder');
    await popup.fill('[data-field="quantity"]', '1');
    await popup.click('[data-testid="flow-runner"] form .btn--primary');
    await popup.waitFor('[data-testid="run-progress"][data-status="done"]', 20_000);
    expect(sites.cart(key).map((i) => i.productId)).toEqual(['p-mug', 'p-grinder']);
    await page.close();
  });

  it('shows which step failed and why', async () => {
    const popup = await openShopFlows(browser, sites.origins.shop);
    await popup.click('[data-flow="add_to_cart"] button');
    await popup.fill('[data-field="q"]', 'no such product');
    await popup.fill('[data-field="quantity"]', '1');
    await popup.click('[data-testid="flow-runner"] form .btn--primary');
    await popup.waitFor('[data-testid="run-progress"][data-status="failed"]', 20_000);
    expect(await popup.attrs('[data-testid="run-step"]', 'data-state')).toEqual(['done', 'failed']);
    expect(await popup.text('[data-testid="run-step"][data-state="failed"]')).toContain('HTTP 400');
  });

  it('asks for the required fields before running', async () => {
    const popup = await openShopFlows(browser, sites.origins.shop);
    await popup.click('[data-flow="add_to_cart"] button');
    await popup.click('[data-testid="flow-runner"] form .btn--primary');
    await popup.waitForText('[data-testid="flow-runner"] [role="alert"]', 'q is required.');
    expect(await popup.count('[data-testid="run-progress"]')).toBe(0);
  });
});
