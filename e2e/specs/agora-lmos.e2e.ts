// Agora and LMOS as a person uses them, in real Chromium and Firefox against the demo café (Agora,
// deterministic) and the demo barista (LMOS Thing over HTTP and the lmosprotocol WebSocket):
// talk, verify and accept a protocol document, order through its form and see the result and the
// negotiation; then invoke an LMOS action over the WebSocket and watch its event arrive.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { BROWSERS, launchWithWallet } from '../harness/launch';
import { screenshotter, showsSite } from '../harness/flows';
import { startAgoraDemo, type AgoraDemo } from '../demo/agora/server';
import { startLmosDemo, type LmosDemo } from '../demo/lmos/server';
import type { ExtBrowser } from '../harness/types';

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  let agora: AgoraDemo;
  let lmos: LmosDemo;
  beforeAll(async () => {
    agora = await startAgoraDemo();
    lmos = await startLmosDemo();
    browser = await launchWithWallet(name);
  });
  afterAll(async () => {
    await browser?.close();
    await agora?.close();
    await lmos?.close();
  });

  it('accepts the café agent\'s Agora protocol document and orders under it', async () => {
    const page = await browser.newPage();
    await page.goto(agora.origin);
    await page.waitForText('h1', 'Demo Café');
    const popup = await browser.openPopup();
    const shot = (await screenshotter(name))(popup);
    onTestFailed(() => shot('agora-failed'));
    await showsSite(popup, agora.origin);
    await popup.waitForText('[data-testid="agora-endpoint"]', `${agora.origin}/agora`);
    await popup.waitForText('[data-testid="agora-endpoint"]', 'agent-card.json');
    await shot('agora-site');
    await popup.click('[data-testid="agora-talk"]');
    await popup.waitFor('[data-testid="thread-view"]');
    await popup.fill('#composer-text', 'Hello, can I order a coffee?');
    await popup.click('[data-testid="send"]');
    await popup.waitForText('[data-testid="agora-offer-name"]', 'Coffee order');
    expect(await popup.text('[data-testid="agora-verified"]')).toContain(`${agora.origin}/protocols/coffee-order.txt`);
    await shot('agora-offer');
    await popup.click('[data-testid="agora-accept"]');
    await popup.waitForText('[data-testid="agora-offer-answered"]', 'Accepted "Coffee order"');
    await popup.waitFor('[data-testid="agora-form"] [data-field="quantity"]');
    await popup.fill('[data-testid="agora-form"] [data-field="quantity"]', '2');
    await popup.fill('[data-testid="agora-form"] [data-field="name"]', 'Ada');
    await popup.click('[data-testid="agora-form"] button[type="submit"]');
    await popup.waitForText('[data-testid="agora-result"]', '7.00 USDC');
    expect(agora.orders).toEqual([{ drink: 'latte', quantity: 2, name: 'Ada' }]);
    expect(await popup.text('[data-testid="agora-result"]')).toContain('C-1001');
    await shot('agora-result');
    await popup.click('[data-testid="negotiation-tab"]');
    await popup.waitFor('[data-testid="negotiation"]');
    expect(await popup.attrs('[data-testid="negotiation"] li', 'data-stage')).toEqual(['proposed', 'accepted', 'proposed', 'confirmed']);
    const timeline = await popup.text('[data-testid="negotiation"]');
    expect(timeline).toContain(`Agora protocol ${agora.orderHash.slice(0, 8)}`);
    expect(await popup.text('[data-testid="negotiation-cost"]')).toBe('7.00 USDC');
    await shot('agora-negotiation');

    // The library keeps the document, with whom it was accepted and how often it was used.
    await popup.click('#tab-site');
    await popup.waitFor('[data-testid="agora-panel"]');
    await popup.click('[data-testid="agora-panel"] details summary');
    await popup.waitForText('[data-testid="agora-library-use"]', 'used 1 time');
    expect(await popup.attr('[data-testid="agora-library-doc"]', 'data-hash')).toBe(agora.orderHash);
    await shot('agora-library');
    await popup.close();
    await page.close();
  });

  it('invokes the barista\'s LMOS action over the WebSocket and shows the event it emits', async () => {
    const page = await browser.newPage();
    await page.goto(lmos.origin);
    await page.waitForText('h1', 'Demo Roasters');
    // Chromium in dark mode, so the screenshots show the Thing view as dark-mode users see it
    // (Firefox over BiDi sets the scheme only at launch).
    const scheme = name === 'chromium' ? 'dark' : 'light';
    const popup = await browser.openPopup({ colorScheme: scheme });
    const shot = (await screenshotter(name, scheme))(popup);
    onTestFailed(() => shot('lmos-failed'));
    await showsSite(popup, lmos.origin);
    await popup.waitForText('[data-testid="lmos-title"]', 'Demo Barista');
    expect(await popup.text('[data-testid="lmos-vendor"]')).toContain('Emissary Demo Roasters');
    await popup.click('[data-testid="lmos-event-toggle"][data-event="orderReady"] input');
    await popup.waitForText('[data-testid="lmos-panel"]', 'Listening while this view is open.');
    await popup.click('[data-action="brew"] [data-testid="lmos-transport-ws"]');
    await popup.fill('[data-action="brew"] [data-field="shots"]', '2');
    await popup.click('[data-action="brew"] button[type="submit"]');
    await popup.waitFor('[data-testid="lmos-invocation"][data-status="completed"]');
    expect(await popup.text('[data-testid="lmos-invocation"]')).toContain('over WebSocket');
    await popup.waitForText('[data-testid="lmos-event-item"][data-event="orderReady"]', '"drink":"latte"');
    expect(lmos.brewed).toEqual([{ orderId: 'B-101', drink: 'latte', via: 'ws' }]);
    await popup.click('[data-property="queueLength"] [data-testid="lmos-read"]');
    await popup.waitForText('[data-property="queueLength"] [data-testid="lmos-property-value"]', '0');
    await shot('lmos-thing');

    // The conversational agent is an Inbox thread; the turn's agent events show in it.
    await popup.click('[data-testid="lmos-chat"]');
    await popup.waitFor('[data-testid="thread-view"]');
    await popup.fill('#composer-text', 'What is on the menu?');
    await popup.click('[data-testid="send"]');
    await popup.waitForText('[data-testid="message"]', 'We brew espresso, latte and cappuccino');
    expect(await popup.texts('[data-testid="lmos-event"]')).toEqual([expect.stringContaining('AgentStarted'), expect.stringContaining('AgentFinished')]);
    await shot('lmos-chat');
    await popup.close();
    await page.close();
  });
});
