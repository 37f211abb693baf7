// MCP from the popup, in real Chromium and Firefox, against the official SDK servers of both eras
// mounted on the demo shop: the Site view lists both servers with their tools, resources and
// prompts; read-only calls run once the site is trusted; a destructive call waits for approval; a
// long call shows progress; the paid tool is paid with x402 on the local chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchWithWallet } from '../harness/launch';
import { openSection, screenshotter, showsSite } from '../harness/flows';
import { openExtensionRpc } from '../harness/extension-rpc';
import { startDemoSites, type DemoSites } from '../demo/server';
import { startPaidBackend, type PaidBackend } from '../demo/paid';
import { createMcpDemo, MCP_PATHS, WEBMCP_PATHS, type McpDemo } from '../demo/mcp';
import type { ExtBrowser, ExtPage } from '../harness/types';

const PAYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

let paid: PaidBackend;
let demo: McpDemo;
let sites: DemoSites;
beforeAll(async () => {
  paid = await startPaidBackend({ chainPort: 8545, payers: [PAYER] });
  demo = createMcpDemo({ paid: { chainId: paid.chain.chainId, token: paid.token, payTo: paid.payTo, facilitatorUrl: paid.facilitator.url } });
  sites = await startDemoSites({ mount: { shop: demo.handle } });
});
afterAll(async () => {
  await sites?.close();
  await demo?.close();
  await paid?.stop();
});

const server = (era: 'modern' | 'legacy' | 'members') => `[data-server="${sites.origins.shop}${MCP_PATHS[era]}"]`;
const tool = (era: 'modern' | 'legacy', name: string) => `${server(era)} [data-tool="${name}"]`;

async function openTool(popup: ExtPage, era: 'modern' | 'legacy', name: string): Promise<string> {
  const t = tool(era, name);
  await popup.click(`${t} summary`);
  await popup.waitFor(`${t} [data-testid="mcp-runner"]`);
  return t;
}

/** Approvals wait in their own tab; a second popup page decides while the first follows the call. */
async function approveConsent(browser: ExtBrowser, kind: string, expectText: string[]): Promise<void> {
  const approvals = await browser.openPopup();
  await approvals.waitFor('.shell');
  await openSection(approvals, 'approvals');
  await approvals.waitFor(`[data-testid="consent"][data-kind="${kind}"]`, 20_000);
  const text = await approvals.text(`[data-testid="consent"][data-kind="${kind}"]`);
  for (const t of expectText) expect(text).toContain(t);
  await approvals.click(`[data-testid="consent"][data-kind="${kind}"] [data-testid="consent-approve"]`);
  await approvals.close();
}

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  let popup: ExtPage;
  beforeAll(async () => {
    browser = await launchWithWallet(name);
    const page = await browser.newPage();
    await page.goto(sites.origins.shop);
    await page.waitForText('h1', 'Fresh coffee');
    popup = await browser.openPopup();
    await showsSite(popup, sites.origins.shop);
  });
  afterAll(async () => {
    await browser?.close();
    // The next browser starts with the demo as it was: the tasting room closed.
    demo.tasting.modern.close();
    demo.tasting.legacy.close();
  });

  it('lists both servers with their era, tools with annotation badges, the resource and the prompt', async () => {
    await popup.waitFor(`${server('modern')} [data-tool="search_products"]`, 30_000);
    await popup.waitFor(`${server('legacy')} [data-tool="search_products"]`, 30_000);
    expect(await popup.text(`${server('modern')} [data-testid="mcp-era"]`)).toBe('MCP 2026-07-28');
    expect(await popup.text(`${server('legacy')} [data-testid="mcp-era"]`)).toBe('MCP 2025-11-25');
    for (const era of ['modern', 'legacy'] as const) {
      expect(await popup.count(`${server(era)} [data-tool]`)).toBe(7);
      expect(await popup.text(`${tool(era, 'clear_cart')} summary`)).toContain('destructive');
      expect(await popup.text(`${tool(era, 'search_products')} summary`)).toContain('read-only');
      expect(await popup.count(`${server(era)} [data-resource="shop://catalogue"]`)).toBe(1);
      expect(await popup.count(`${server(era)} [data-prompt="pairing"]`)).toBe(1);
    }
    await (await screenshotter(name))(popup)('mcp-servers');
  });

  it('signs in to the server that needs OAuth (PKCE, metadata, registration, resource indicator) and lists its tools', async () => {
    const members = server('members');
    await popup.waitFor(`${members} button`, 30_000);
    expect(await popup.text(members)).toContain('needs you to sign in');
    await popup.click(`${members} button`);
    await popup.waitFor(`${members} [data-tool="search_products"]`, 30_000);
    expect(await popup.text(members)).toContain(`Signed in with ${sites.origins.shop}/oauth`);
    expect(demo.auth.issued.access).toBeGreaterThan(0);
    // The token is refreshed when it has expired.
    demo.auth.expireAll();
    await popup.click('[data-testid="mcp-panel"] .row button');
    for (let i = 0; i < 100 && demo.auth.issued.refresh === 0; i++) await new Promise((r) => setTimeout(r, 100));
    // At least one refresh. Firefox sometimes refreshes twice since the Site view listens live (cause not
    // found yet; see the closing note): an extra token request the user does not see.
    expect(demo.auth.issued.refresh).toBeGreaterThanOrEqual(1);
    await popup.waitFor('[data-testid="mcp-panel"] .row button:not([disabled])', 30_000);
    expect(await popup.count(`${members} [data-tool="search_products"]`)).toBe(1);
    expect(await popup.text(members)).not.toContain('needs you to sign in');
    await (await screenshotter(name))(popup)('mcp-signed-in');

    // Sign out in Settings: the token is gone and the server asks for sign-in again.
    await openSection(popup, 'settings');
    const row = `[data-signed-in="${sites.origins.shop}${MCP_PATHS.members}"]`;
    await popup.waitFor(row);
    await (await screenshotter(name))(popup)('mcp-settings');
    await popup.click(`${row} button`);
    await popup.waitForText('[data-testid="mcp-settings"] [role="status"]', 'Signed out.');
    expect(await popup.count(row)).toBe(0);
    await openSection(popup, 'site');
    await popup.waitForText(members, 'needs you to sign in', 30_000);
  });

  it('asks before a call from a site that is not trusted, then runs read-only tools of a trusted site directly (modern era)', async () => {
    const t = await openTool(popup, 'modern', 'search_products');
    await popup.fill(`${t} #tool-search_products-query`, 'mug');
    await popup.click(`${t} button[type="submit"]`);
    await popup.waitFor(`${t} [data-testid="mcp-call-state"][data-state="waiting-for-approval"]`);
    await approveConsent(browser, 'mcp-tool-call', ['search_products', 'mug']);
    await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'Stoneware mug', 20_000);
    expect(await popup.text(`${t} [data-testid="mcp-table"]`)).toContain('p-mug');

    await popup.click('[data-testid="mcp-trust"]');
    await popup.fill(`${t} #tool-search_products-query`, 'grinder');
    await popup.click(`${t} button[type="submit"]`);
    await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'Hand grinder', 20_000);
    await (await screenshotter(name))(popup)('mcp-result-table');
  });

  it('shows progress of a long call and its result (legacy era)', async () => {
    const t = await openTool(popup, 'legacy', 'roast_batches');
    await popup.fill(`${t} #tool-roast_batches-batches`, '4');
    await popup.click(`${t} button[type="submit"]`);
    await popup.waitFor(`${t} [data-testid="mcp-progress"]`, 20_000);
    await (await screenshotter(name))(popup)('mcp-progress');
    await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'Roasted 4 batches', 20_000);
  });

  it('runs a destructive tool only after approval, with the warning shown (legacy era)', async () => {
    const cleared = demo.cart.cleared;
    const t = await openTool(popup, 'legacy', 'clear_cart');
    await popup.click(`${t} button[type="submit"]`);
    await popup.waitFor(`${t} [data-testid="mcp-call-state"][data-state="waiting-for-approval"]`);
    expect(demo.cart.cleared).toBe(cleared);
    await approveConsent(browser, 'mcp-tool-call', ['destructive', 'clear_cart']);
    await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'Emptied the cart', 20_000);
    expect(demo.cart.cleared).toBe(cleared + 1);
  });

  it('cancel while the approval waits → the card disappears, the server never sees the call (modern era)', async () => {
    const cleared = demo.cart.cleared;
    const calls = demo.toolCalls.modern.length;
    const t = await openTool(popup, 'modern', 'clear_cart');
    await popup.click(`${t} button[type="submit"]`);
    await popup.waitFor(`${t} [data-testid="mcp-call-state"][data-state="waiting-for-approval"]`);
    const card = '[data-testid="consent"][data-kind="mcp-tool-call"]';
    const approvals = await browser.openPopup();
    await approvals.waitFor('.shell');
    await openSection(approvals, 'approvals');
    await approvals.waitForText(card, 'clear_cart', 20_000);
    const rpc = await openExtensionRpc(browser);
    expect(await rpc.call('pendingApprovalCount')).toBe(1);

    await popup.click(`${t} [data-testid="mcp-cancel"]`);
    await popup.waitFor(`${t} [data-testid="mcp-call-state"][data-state="cancelled"]`, 20_000);
    expect(await rpc.call('pendingConsents')).toEqual([]);
    expect(await rpc.call('pendingApprovalCount')).toBe(0);
    await rpc.close();
    await approvals.reload();
    await approvals.waitFor('.shell');
    await openSection(approvals, 'approvals');
    await approvals.waitFor('[data-testid="approvals-view"]');
    expect(await approvals.count(card)).toBe(0);
    await approvals.close();
    expect(demo.toolCalls.modern.length).toBe(calls);
    expect(demo.cart.cleared).toBe(cleared);
  });

  it('fills an enum and a nested object from the schema and adds to the cart after approval (modern era)', async () => {
    const lines = demo.cart.lines.length;
    const t = await openTool(popup, 'modern', 'add_to_cart');
    await popup.press(`${t} #tool-add_to_cart-productId`, 'ArrowDown');
    await popup.fill(`${t} #tool-add_to_cart-quantity`, '2');
    await popup.click(`${t} #tool-add_to_cart-options-giftWrap`);
    await popup.click(`${t} button[type="submit"]`);
    await approveConsent(browser, 'mcp-tool-call', ['add_to_cart', 'p-espresso', 'giftWrap']);
    await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'Added 2 × Espresso beans', 20_000);
    expect(demo.cart.lines.slice(lines)).toEqual([{ productId: 'p-espresso', quantity: 2, giftWrap: true }]);
  });

  it("shows a server's question in the popup (elicitation) and sends the answer, in both eras", async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const t = await openTool(popup, era, 'hold_beans');
      await popup.click(`${t} button[type="submit"]`);
      await approveConsent(browser, 'mcp-tool-call', ['hold_beans']);
      const ask = `${t} [data-testid="mcp-elicitation"]`;
      await popup.waitFor(ask, 20_000);
      expect(await popup.text(ask)).toContain('How many bags of espresso beans');
      if (era === 'legacy') await (await screenshotter(name))(popup)('mcp-elicitation');
      await popup.fill(`${ask} input[type="number"]`, '2');
      await popup.click(`${ask} .btn--primary`);
      await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'Holding 2 bags for you', 20_000);
    }
  });

  it('reads the resource and gets the prompt', async () => {
    await popup.click(`${server('modern')} [data-resource="shop://catalogue"] button`);
    await popup.waitForText(`${server('modern')} [data-resource="shop://catalogue"] pre`, 'Hand grinder', 20_000);
    await popup.fill(`${server('legacy')} #prompt-pairing-product`, 'Espresso beans');
    await popup.click(`${server('legacy')} [data-prompt="pairing"] button[type="submit"]`);
    await popup.waitForText(`${server('legacy')} [data-prompt="pairing"] pre`, 'What food goes well with Espresso beans?', 20_000);
  });

  it('fills a resource template ({productId}), shows the percent-encoded URI and reads it, in both eras', async () => {
    for (const era of ['modern', 'legacy'] as const) {
      const entry = `${server(era)} [data-template="shop://products/{productId}"]`;
      await popup.waitFor(entry, 20_000);
      expect(await popup.text(entry)).toContain('shop://products/{productId}');
      const field = `${entry} #template-product-productId`;
      await popup.click(`${entry} button[type="submit"]`);
      await popup.waitForText(`${entry} [role="alert"]`, 'Fill in productId.');
      await popup.fill(field, 'mug & co');
      expect(await popup.text(`${entry} [data-testid="mcp-template-uri"]`)).toBe('shop://products/mug%20%26%20co');
      expect(await popup.count(`${entry} [role="alert"]`)).toBe(0);
      if (era === 'modern') await (await screenshotter(name))(popup)('mcp-template-form');
      await popup.fill(field, era === 'modern' ? 'p-mug' : 'p-grinder');
      expect(await popup.text(`${entry} [data-testid="mcp-template-uri"]`)).toBe(`shop://products/${era === 'modern' ? 'p-mug' : 'p-grinder'}`);
      await popup.click(`${entry} button[type="submit"]`);
      await popup.waitForText(`${entry} pre`, era === 'modern' ? 'Stoneware mug' : 'Hand grinder', 20_000);
      if (era === 'modern') await (await screenshotter(name))(popup)('mcp-template-read');
    }
  });

  it('shows a tool the server adds while the Site view is open, without a refresh (modern: subscriptions/listen, legacy: GET stream)', async () => {
    for (const era of ['modern', 'legacy'] as const) {
      demo.tasting[era].close();
      await popup.waitFor(`${server(era)}[data-live="true"]`, 30_000);
      await popup.waitFor(`${tool(era, 'open_tasting_room')}`, 20_000);
      for (let i = 0; i < 50 && (await popup.count(`${tool(era, 'book_tasting')}`)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await popup.count(`${tool(era, 'book_tasting')}`)).toBe(0);
      const t = await openTool(popup, era, 'open_tasting_room');
      await popup.click(`${t} button[type="submit"]`);
      await approveConsent(browser, 'mcp-tool-call', ['open_tasting_room']);
      await popup.waitForText(`${t} [data-testid="mcp-text"]`, 'The tasting room is open', 20_000);
      await popup.waitFor(`${tool(era, 'book_tasting')}`, 20_000);
      await popup.waitForText('[data-testid="mcp-live-notice"]', 'New: Book a tasting');
      expect(await popup.count(`${server(era)} [data-tool]`)).toBe(8);
      // The form of the new tool works like any other.
      await popup.click(`${tool(era, 'book_tasting')} summary`);
      await popup.waitFor(`${tool(era, 'book_tasting')} [data-testid="mcp-runner"]`);
      if (era === 'modern') await (await screenshotter(name))(popup)('mcp-live-tools');
    }
  });

  it('pays for the paid tool with x402 after approving the payment', async () => {
    const settled = demo.gate!.settlements.length;
    const t = await openTool(popup, 'modern', 'roaster_report');
    await popup.click(`${t} button[type="submit"]`);
    const approvals = await browser.openPopup();
    await approvals.waitFor('.shell');
    await openSection(approvals, 'approvals');
    await approvals.waitFor('[data-testid="receipt"][data-status="awaiting-approval"]', 20_000);
    expect(await approvals.text('[data-testid="receipt-amount"]')).toBe('0.01 USDC');
    await (await screenshotter(name))(approvals)('mcp-payment');
    await approvals.click('[data-testid="receipt"] [data-testid="approve"]');
    await approvals.close();
    await popup.waitForText(`${t} [data-testid="mcp-text"]`, "Roaster's report (paid)", 30_000);
    expect(demo.gate!.settlements.length).toBe(settled + 1);
  });

  it('lists and calls the tools a page registers with WebMCP; the page answer shows as text', async () => {
    const page = await browser.newPage();
    await page.goto(`${sites.origins.shop}${WEBMCP_PATHS.page}`);
    await page.waitForText('h1', 'Tools for your agent');
    const web = await browser.openPopup();
    await showsSite(web, sites.origins.shop);
    const server = `[data-server="webmcp:${sites.origins.shop}"]`;
    for (let i = 0; i < 5 && (await web.count(`${server} [data-tool="leave_note"]`)) === 0; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await web.reload();
      await showsSite(web, sites.origins.shop);
    }
    await web.waitFor(`${server} [data-tool="leave_note"]`, 20_000);
    expect(await web.count(`${server} [data-tool]`)).toBe(2);
    if ((await web.attr('[data-testid="mcp-trust"]', 'data-trusted')) !== 'true') await web.click('[data-testid="mcp-trust"]');
    await web.waitFor('[data-testid="mcp-trust"][data-trusted="true"]');
    // Read-only on a trusted site: runs straight away.
    await web.click(`${server} [data-tool="get_specials"] summary`);
    await web.click(`${server} [data-tool="get_specials"] button[type="submit"]`);
    await web.waitForText(`${server} [data-tool="get_specials"] [data-testid="mcp-text"]`, 'Specials (small): flat white', 20_000);
    // Not read-only: asks first; the page's answer holds markup, which must stay text.
    await web.click(`${server} [data-tool="leave_note"] summary`);
    await web.fill(`${server} #tool-leave_note-text`, 'oat milk please');
    await web.click(`${server} [data-tool="leave_note"] button[type="submit"]`);
    await approveConsent(browser, 'mcp-tool-call', ['leave_note', 'oat milk please']);
    await web.waitForText(`${server} [data-tool="leave_note"] [data-testid="mcp-text"]`, 'Noted: <b>oat milk please</b>', 20_000);
    expect(await web.count(`${server} [data-testid="mcp-result"] b`)).toBe(0);
    expect(await page.text('#note')).toBe('Note: oat milk please');
    await (await screenshotter(name))(web)('mcp-webmcp');
    await web.close();
    await page.close();
  });

  it.skipIf(name !== 'chromium')('shows the panel in dark mode (Firefox over BiDi cannot switch the scheme per page)', async () => {
    const dark = await browser.openPopup({ colorScheme: 'dark' });
    await showsSite(dark, sites.origins.shop);
    await dark.waitFor(`${server('modern')} [data-tool="search_products"]`, 30_000);
    await dark.click(`${tool('modern', 'add_to_cart')} summary`);
    await (await screenshotter(name, 'dark'))(dark)('mcp-form');
    await dark.close();
  });
  it('stops listening once no popup shows the site', async () => {
    expect(demo.listening()).toBeGreaterThan(0);
    await popup.close();
    for (let i = 0; i < 300 && demo.listening() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(demo.listening()).toBe(0);
  });
});
