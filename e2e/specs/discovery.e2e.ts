// Discovery as a person sees it, in real Chromium and Firefox: a travel agency with an A2A card and
// an ANP description shows both, grouped by protocol with their counts; a plain site gets nothing
// but the well-known probes, once, however often it is visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchWithWallet } from '../harness/launch';
import { screenshotter, showsSite } from '../harness/flows';
import { startDemoSites, type DemoSites } from '../demo/server';
import { WELL_KNOWN_PROBES } from '../../src/protocols/discovery/well-known';
import type { ExtBrowser } from '../harness/types';

const DEFAULT_PROBES = WELL_KNOWN_PROBES.filter((p) => p.byDefault).map((p) => p.path);


describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  let sites: DemoSites;
  beforeAll(async () => {
    // Each browser gets its own sites, so the request counts are its own.
    sites = await startDemoSites();
    browser = await launchWithWallet(name);
  });
  afterAll(async () => {
    await browser?.close();
    await sites?.close();
  });

  it('shows the A2A card and the ANP description of the travel agency, grouped by protocol', async () => {
    const page = await browser.newPage();
    await page.goto(sites.origins.agent);
    await page.waitForText('h1', 'Trips planned by agents');
    const popup = await browser.openPopup();
    await showsSite(popup, sites.origins.agent);
    await popup.waitFor('[data-testid="site-document"][data-kind="a2a-agent-card"]');
    await popup.waitFor('[data-testid="site-document"][data-kind="anp-agent-description"]');
    expect(await popup.attrs('[data-testid="protocol-group"]', 'data-protocol')).toEqual(expect.arrayContaining(['a2a', 'anp']));
    const card = await popup.text('[data-testid="site-document"][data-kind="a2a-agent-card"]');
    expect(card).toContain('Demo Travel Agent');
    expect(card).toContain('2 skills');
    const ad = await popup.text('[data-testid="site-document"][data-kind="anp-agent-description"]');
    expect(ad).toContain('Demo Travel Concierge');
    expect(ad).toContain('2 interfaces');
    await (await screenshotter(name))(popup)('site-agents');

    // Asking again revalidates with the document's ETag: the site answers 304 and nothing changes.
    const conditional = sites.requestCount('agent', '/.well-known/agent-card.json conditional');
    await popup.click('[data-testid="site-view"] .card .btn--ghost');
    await popup.waitForText('[data-testid="site-view"] .card .btn--ghost', 'Refresh');
    expect(sites.requestCount('agent', '/.well-known/agent-card.json conditional')).toBe(conditional + 1);
    expect(await popup.text('[data-testid="site-document"][data-kind="a2a-agent-card"]')).toContain('2 skills');
    await page.close();
  });

  it('asks a plain site only for the well-known documents, once, however many visits', async () => {
    const page = await browser.newPage();
    for (let i = 0; i < 3; i++) {
      await page.goto(`${sites.origins.plain}/?visit=${i}`);
      await page.waitForText('h1', 'Nothing for agents');
    }
    const popup = await browser.openPopup();
    await showsSite(popup, sites.origins.plain);
    await popup.waitForText('.empty h2', 'No agent interfaces');
    const asked = [...sites.requests.keys()].filter((k) => k.startsWith('plain ')).map((k) => k.slice('plain '.length));
    const extra = asked.filter((p) => p !== '/' && p !== '/favicon.ico' && !DEFAULT_PROBES.includes(p));
    expect(extra).toEqual([]);
    for (const path of DEFAULT_PROBES) expect(sites.requestCount('plain', path)).toBeLessThanOrEqual(1);
    expect(sites.requestCount('plain', '/.well-known/agents.json')).toBe(1);
    await page.close();
  });
});
