// The foundation, as a person meets it, in real Chromium and real Firefox: onboarding, the wallet's
// addresses, lock and unlock, wrong passwords, a restarted background, and the content script
// telling the background about a visited agent-enabled site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HDNodeWallet } from 'ethers';
import { BROWSERS, TEST_PHRASE, launch } from '../harness/launch';
import { PASSWORD, createWallet, importWallet, openSection, screenshotter, showsSite, unlock } from '../harness/flows';
import { startDemoSites, type DemoSites } from '../demo/server';
import type { ExtBrowser, ExtPage } from '../harness/types';


let sites: DemoSites;
beforeAll(async () => {
  sites = await startDemoSites();
});
afterAll(async () => {
  await sites?.close();
});


const waitForStarted = async (popup: ExtPage) => Number(await popup.attr('[data-testid="worker-started"]', 'data-at'));

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  let popup: ExtPage;
  let words: string[];

  beforeAll(async () => {
    browser = await launch(name, { backgroundIdleMs: 2_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('onboarding creates a wallet from a new 12-word phrase and shows its addresses', async () => {
    popup = await browser.openPopup();
    const shot = (await screenshotter(name))(popup);
    await popup.waitFor('.welcome');
    await shot('onboarding-welcome');
    words = await createWallet(popup, PASSWORD, shot);
    expect(words).toHaveLength(12);
    expect(new Set(words).size).toBeGreaterThan(6);

    await openSection(popup, 'wallet');
    await popup.waitFor('[data-testid="evm-address"]');
    const expected = HDNodeWallet.fromPhrase(words.join(' ')).address;
    expect(await popup.text('[data-testid="evm-address"]')).toBe(expected);
    expect(await popup.text('[data-testid="identity-did"]')).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/);
    expect(await popup.text('[data-testid="near-account"]')).toMatch(/^[0-9a-f]{64}$/);
    await shot('wallet');
  });

  it('shows the recovery phrase in Settings only after the password', async () => {
    await openSection(popup, 'settings');
    await popup.fill('#reveal-password', 'not my password');
    await popup.click('[data-testid="reveal-phrase"]');
    await popup.waitForText('#reveal-error', 'Wrong password');
    expect(await popup.count('[data-testid="revealed-phrase"]')).toBe(0);
    // The wrong guess counts towards the unlock wait (1 s after one failure).
    await new Promise((r) => setTimeout(r, 1_200));
    await popup.fill('#reveal-password', PASSWORD);
    await popup.click('[data-testid="reveal-phrase"]');
    await popup.waitFor('[data-testid="revealed-phrase"]');
    expect(await popup.texts('[data-testid="revealed-phrase"] li')).toEqual(words);
    await popup.click('[data-testid="revealed-phrase"] ~ button');
    expect(await popup.count('[data-testid="revealed-phrase"]')).toBe(0);
  });

  it('locks on demand and refuses a wrong password with a clear message and a delay', async () => {
    await popup.click('[data-testid="lock"]');
    await popup.waitFor('#unlock-password');
    await unlock(popup, 'not my password');
    await popup.waitForText('[data-testid="unlock-error"]', 'Wrong password');
    expect(await popup.text('form .btn--primary')).toMatch(/Try again in \d s/);
    await (await screenshotter(name))(popup)('unlock-wrong-password');
    // The wait after one failure is one second; after it, the right password works.
    await new Promise((r) => setTimeout(r, 1_200));
    await unlock(popup, PASSWORD);
    await popup.waitFor('.shell', 30_000);
  });

  it('stays unlocked when the background is stopped and started again', async () => {
    await openSection(popup, 'settings');
    await popup.waitFor('[data-testid="worker-started"]');
    const before = await waitForStarted(popup);
    await popup.close();
    if (browser.stopServiceWorker) await browser.stopServiceWorker();
    else await new Promise((r) => setTimeout(r, 5_000)); // Firefox suspends the idle event page after 2 s.
    popup = await browser.openPopup();
    await popup.waitFor('.shell', 30_000);
    await openSection(popup, 'settings');
    await popup.waitFor('[data-testid="worker-started"]');
    expect(await waitForStarted(popup)).toBeGreaterThan(before);
    await openSection(popup, 'wallet');
    expect(await popup.text('[data-testid="evm-address"]')).toBe(HDNodeWallet.fromPhrase(words.join(' ')).address);
  });

  it('hears from the content script on the demo shop and shows its agents.json', async () => {
    const before = sites.requestCount('shop', '/.well-known/agents.json');
    const page = await browser.newPage();
    await page.goto(sites.origins.shop);
    await page.waitForText('h1', 'Fresh coffee');
    await (await screenshotter(name))(page)('demo-shop');
    popup = await browser.openPopup();
    await showsSite(popup, sites.origins.shop);
    await popup.waitFor('[data-testid="site-document"][data-kind="wildcard-agents-json"]');
    expect(await popup.text('[data-testid="site-origin"]')).toBe(sites.origins.shop);
    expect(await popup.text('[data-testid="site-document"][data-kind="wildcard-agents-json"]')).toContain('Emissary Demo Shop');
    expect(await popup.text('[data-testid="site-document"][data-kind="wildcard-agents-json"]')).toContain('3 flows');
    await (await screenshotter(name))(popup)('site');
    expect(sites.requestCount('shop', '/.well-known/agents.json')).toBe(before + 1);

    // A second visit inside the cache lifetime asks the site nothing more.
    await page.goto(`${sites.origins.shop}/?again`);
    await page.waitForText('h1', 'Fresh coffee');
    await new Promise((r) => setTimeout(r, 500));
    expect(sites.requestCount('shop', '/.well-known/agents.json')).toBe(before + 1);
    await page.close();
  });

  it('shows nothing for a site without agent interfaces', async () => {
    const page = await browser.newPage();
    await page.goto(sites.origins.plain);
    await page.waitForText('h1', 'Nothing for agents');
    await showsSite(popup, sites.origins.plain);
    await popup.waitForText('.empty h2', 'No agent interfaces');
    await page.close();
  });

  it('switches to dark mode from Settings', async () => {
    await openSection(popup, 'settings');
    await popup.click('[role="radiogroup"][aria-label="Theme"] [role="radio"]:nth-child(3)');
    await popup.waitFor('[role="radio"][aria-checked="true"]:nth-child(3)');
    expect(await popup.style('body', 'background-color')).toBe('rgb(15, 16, 23)');
    const shot = (await screenshotter(name, 'dark'))(popup);
    await shot('settings');
    await openSection(popup, 'wallet');
    await popup.waitFor('[data-testid="evm-address"]');
    await shot('wallet');
    await openSection(popup, 'site');
    await shot('site');
    // The choice is kept: a new popup opens dark straight away.
    await popup.reload();
    await popup.waitFor('.shell');
    expect(await popup.style('body', 'background-color')).toBe('rgb(15, 16, 23)');
    await openSection(popup, 'settings');
    await popup.click('[role="radiogroup"][aria-label="Theme"] [role="radio"]:nth-child(1)');
    await popup.waitFor('[role="radio"][aria-checked="true"]:nth-child(1)');
    expect(await popup.style('body', 'background-color')).toBe('rgb(247, 247, 251)');
  });

  it('renders every section of the shell', async () => {
    for (const [section, testId] of [
      ['inbox', 'inbox-view'],
      ['approvals', 'approvals-view'],
      ['wallet', 'wallet-view'],
      ['settings', 'settings-view'],
    ] as const) {
      await openSection(popup, section);
      await popup.waitFor(`[data-testid="${testId}"]`);
    }
  });

  it('locks itself after the idle time set in Settings', async () => {
    await openSection(popup, 'settings');
    await popup.fill('#autolock', '1');
    await popup.click('form.card button[type="submit"]');
    await popup.waitForText('.ok', 'locks after 1 idle minute.');
    // Nobody touches the popup: within a minute (and the alarm's slack) it shows the lock screen.
    await popup.waitFor('#unlock-password', 95_000);
    await unlock(popup, PASSWORD);
    await popup.waitFor('.shell', 30_000);
  });
});

describe.each(BROWSERS)('%s import', (name) => {
  it('imports a wallet from a known phrase and derives the standard addresses', async () => {
    // This browser follows a dark system theme, to show onboarding in dark mode.
    const browser = await launch(name, { colorScheme: 'dark' });
    try {
      const popup = await browser.openPopup({ colorScheme: 'dark' });
      await popup.waitFor('.welcome');
      expect(await popup.style('body', 'background-color')).toBe('rgb(15, 16, 23)');
      await (await screenshotter(name, 'dark'))(popup)('onboarding-welcome');
      await importWallet(popup, `  ${TEST_PHRASE.toUpperCase()} `);
      await openSection(popup, 'wallet');
      await popup.waitFor('[data-testid="evm-address"]');
      // Anvil's first account, the best-known test vector for BIP-44 m/44'/60'/0'/0/0.
      expect(await popup.text('[data-testid="evm-address"]')).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
      await popup.click('[data-testid="lock"]');
      await popup.waitFor('#unlock-password');
      await (await screenshotter(name, 'dark'))(popup)('unlock');
    } finally {
      await browser.close();
    }
  });
});
