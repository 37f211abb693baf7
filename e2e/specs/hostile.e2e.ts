// Hostile sites, in real Chromium and Firefox (demo sites in e2e/demo/hostile built to attack):
// markup and prompt injection in every string the popup shows, forged messages naming another
// origin, cookies the discovery must not carry, redirects to other sites and private addresses,
// gigantic and endless answers, 100 payments at once under a budget, and a replayed authorization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchWithWallet } from '../harness/launch';
import { openSection, screenshotter, showsSite } from '../harness/flows';
import { openExtensionRpc, type ExtensionRpc } from '../harness/extension-rpc';
import { startHostileSites, type HostileSites } from '../demo/hostile/server';
import { INJECTION } from '../demo/hostile/documents';
import { hostile } from '../demo/hostile/documents';
import { startPaidBackend, type PaidBackend } from '../demo/paid';
import { createPaidApi, type PaidApi } from '../demo/paid/paid-api';
import { balanceOf } from '../chain';
import type { ExtBrowser, ExtPage } from '../harness/types';
import { until } from '../harness/until';

const PAYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';


let backend: PaidBackend;
let evilApi: PaidApi;
let sites: HostileSites;
/** Every payment header the hostile site received, to replay. */
const signatures: string[] = [];
const balance = () => balanceOf(backend.chain, backend.token, PAYER);

beforeAll(async () => {
  backend = await startPaidBackend({ payers: [PAYER] });
  evilApi = createPaidApi({
    chainId: backend.chain.chainId,
    token: backend.token,
    payTo: backend.payTo,
    facilitatorUrl: backend.facilitator.url,
    description: hostile('Paid resource'),
    // 100 payments at once take a while on a busy machine: keep their windows open meanwhile.
    maxTimeoutSeconds: 600,
  });
  sites = await startHostileSites({
    mount: {
      evil: (req, res, url) => {
        const sig = req.headers['payment-signature'];
        if (typeof sig === 'string') signatures.push(sig);
        return evilApi.handle(req, res, url);
      },
    },
  });
});
afterAll(async () => {
  await sites?.close();
  await backend?.stop();
});

/** Nothing the site wrote came alive: no injected element, handler, script or javascript: link. */
async function expectInert(popup: ExtPage): Promise<void> {
  expect(await popup.count('[data-pwned]')).toBe(0);
  expect(await popup.count('script[data-pwned], img, iframe, object, embed')).toBe(0);
  expect(await popup.count('[onerror], [onload], [onclick], [onmouseover], [onfocus]')).toBe(0);
  expect(await popup.count('a[href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]')).toBe(0);
}

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtBrowser;
  let rpc: ExtensionRpc;
  beforeAll(async () => {
    browser = await launchWithWallet(name);
    rpc = await openExtensionRpc(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows markup, javascript: URLs and prompt injection from every site document as inert text', async () => {
    const page = await browser.newPage();
    await page.goto(sites.origins.evil);
    const popup = await browser.openPopup();
    await showsSite(popup, sites.origins.evil);
    // agents.json title and description, the A2A card, the page's WebMCP tools: all shown as text.
    for (const label of ['Title <img src=x onerror=', 'Description <img', 'Agent <img', 'Tool <img']) {
      await popup.waitForText('[data-testid="site-document"]', label, 20_000);
    }
    await popup.waitForText('[data-flow="search"]', 'Flow <img');
    expect(await popup.text('body')).toContain(INJECTION);
    await expectInert(popup);
    // The flow's form (field descriptions), then the paid flow's 402 receipt (the site's description).
    await popup.click('[data-flow="buy"] button');
    await popup.click('[data-testid="flow-runner"] form .btn--primary');
    await popup.waitFor('[data-testid="receipt"][data-status="awaiting-approval"]', 20_000);
    expect(await popup.text('[data-testid="receipt"]')).toContain('Paid resource <img src=x');
    await expectInert(popup);
    await (await screenshotter(name))(popup)('hostile-receipt');
    // Prompt injection changes nothing: the payment still waits for the human.
    expect((await rpc.call('pendingPayments')).length).toBe(1);
    await popup.click('[data-testid="receipt"] [data-testid="reject"]');
    await popup.waitFor('[data-testid="run-progress"][data-status="failed"]', 30_000);
    await openSection(popup, 'approvals');
    await expectInert(popup);
    await popup.close();
    await page.close();
  });

  it('records nothing for the origin a page or its forged messages name', async () => {
    // A web page has no channel to Emissary at all (no externally_connectable): its script saw no runtime.
    const page = await browser.newPage();
    await page.goto(sites.origins.evil);
    expect(await until('the page script to run', async () => ((await page.text('title')).includes('forged') ? page.text('title') : undefined))).toContain('forged without runtime');
    await page.close();
    const view = await rpc.call('currentSite', sites.origins.elsewhere);
    expect(view?.visits ?? 0).toBe(0);
    expect(view?.documents ?? []).toEqual([]);
    const evil = await rpc.call('currentSite', sites.origins.evil);
    // The page's own WebMCP form was read (its hostile name refused with a problem); the forged one was not.
    const tools = evil!.documents.find((d) => d.kind === 'webmcp');
    expect(tools).toBeDefined();
    expect(JSON.stringify(tools)).not.toContain('forged');
    // Hints to another site and javascript: hints were not followed.
    expect(evil!.documents.every((d) => d.url.startsWith(sites.origins.evil))).toBe(true);
  });

  it('sends no cookie and no referrer with discovery, flows or payments', async () => {
    // The site did set cookies: its own page load carries them back.
    const page = await browser.newPage();
    await page.goto(`${sites.origins.evil}/`);
    await page.close();
    const pageLoads = sites.requestsTo('evil').filter((r) => r.path === '/');
    expect(pageLoads.at(-1)!.headers.cookie ?? '').toContain('page_cookie=page-secret-77');
    const emissary = sites.requests.filter((r) => r.path !== '/' && r.path !== '/favicon.ico');
    expect(emissary.length).toBeGreaterThan(5);
    for (const r of emissary) {
      expect(r.headers.cookie, `${r.site} ${r.path}`).toBeUndefined();
      expect(r.headers.referer, `${r.site} ${r.path}`).toBeUndefined();
    }
  });

  it('refuses redirects to another site, to private addresses and in loops, each shown as a problem', async () => {
    const page = await browser.newPage();
    await page.goto(sites.origins.redirector);
    const popup = await browser.openPopup();
    await showsSite(popup, sites.origins.redirector);
    const problems = await until('the redirect problems', async () => {
      const view = await rpc.call('currentSite', sites.origins.redirector);
      const all = (view?.documents ?? []).flatMap((d) => d.problems.map((p) => `${d.url} ${p}`));
      return all.length >= 4 ? all : undefined;
    });
    const about = (path: string) => problems.find((p) => p.startsWith(`${sites.origins.redirector}${path} `)) ?? '';
    // A browser hides a redirect's target until it follows it, so Emissary follows none it cannot
    // check first: each declared document is refused before anything reaches its target.
    for (const path of ['/hint/elsewhere.json', '/hint/private.json', '/hint/metadata.json', '/hint/loop']) {
      expect(about(path)).toMatch(/redirected .*not followed/);
    }
    expect(sites.requestsTo('redirector').filter((r) => r.path.startsWith('/loop/')).length).toBeLessThanOrEqual(3);
    expect(sites.requestsTo('elsewhere')).toEqual([]);
    await popup.waitForText('[data-testid="document-problem"]', 'not followed');
    await (await screenshotter(name))(popup)('hostile-redirects');
    await popup.close();
    await page.close();
  });

  it('bounds gigantic, endless and trickling answers with one clear problem each', async () => {
    const page = await browser.newPage();
    await page.goto(sites.origins.huge);
    const problems = await until('the size and time problems', async () => {
      const view = await rpc.call('currentSite', sites.origins.huge);
      const all = (view?.documents ?? []).flatMap((d) => d.problems.map((p) => `${d.url} ${p}`));
      return all.length >= 4 ? all : undefined;
    }, { timeoutMs: 60_000 });
    const about = (path: string) => problems.find((p) => p.startsWith(`${sites.origins.huge}${path} `)) ?? '';
    expect(about('/.well-known/agents.json')).toMatch(/larger than 1048576 bytes/);
    expect(about('/.well-known/agent-card.json')).toMatch(/larger than 1048576 bytes/);
    expect(about('/agents.json')).toMatch(/Content-Length 52428800/);
    expect(about('/.well-known/agent-descriptions')).toMatch(/did not answer within/);
    // Emissary hung up on every endless answer, having read little more than the cap.
    await until('every endless answer to be abandoned', async () => sites.endless.every((s) => s.closedByClient), { timeoutMs: 20_000 });
    for (const s of sites.endless) expect(s.bytesSent).toBeLessThan(16 * 1024 * 1024);
    await page.close();
  });

  it('pays no more than the budget when a site asks for 100 payments at once', async () => {
    const origin = sites.origins.evil;
    const url = `${origin}${evilApi.paths.v2}`;
    expect((await rpc.call('setBudget', origin, '0.10')).ok).toBe(true);
    const before = await balance();
    const settledBefore = evilApi.settlements.length;
    const known = new Set((await rpc.call('paymentHistory')).map((p) => p.id));
    const calls = Array.from({ length: 100 }, () => rpc.call('openPaidResource', origin, url).catch((e: Error) => ({ ok: false as const, error: e.message })));
    const mine = async () => (await rpc.call('paymentHistory')).filter((p) => !known.has(p.id));
    await until('all 100 to be paid or asked', async () => {
      const ps = await mine();
      return ps.length === 100 && ps.every((p) => p.status !== 'approved' && p.status !== 'signed' && p.status !== 'sent');
    }, { timeoutMs: 90_000 });
    const asked = (await rpc.call('pendingPayments')).filter((p) => p.origin === origin).length;
    expect(asked).toBeGreaterThanOrEqual(90);
    expect(await rpc.call('pendingApprovalCount')).toBe(asked);
    const badge = () =>
      rpc.evaluate(() => {
        const g = globalThis as unknown as { browser?: Api; chrome: Api };
        type Api = { action: { getBadgeText(d: object): Promise<string> } };
        return (g.browser ?? g.chrome).action.getBadgeText({});
      }, null);
    expect(await badge()).toBe(String(asked));
    expect((await rpc.call('rejectAllFrom', origin)).ok).toBe(true);
    await Promise.all(calls);
    const ps = await mine();
    const settled = ps.filter((p) => p.status === 'settled').length;
    const spent = before - (await balance());
    expect(spent).toBeLessThanOrEqual(100_000n); // 0.10 USDC
    expect(spent).toBe(evilApi.price * BigInt(settled));
    expect(evilApi.settlements.length - settledBefore).toBe(settled);
    expect(settled).toBe(10);
    expect(await rpc.call('pendingApprovalCount')).toBe(0);
    expect((await rpc.call('deleteBudget', origin)).ok).toBe(true);
  });

  it('refuses an approved authorization replayed to the site, and a decision replayed to Emissary', async () => {
    expect(signatures.length).toBeGreaterThan(0);
    const before = await balance();
    const settledBefore = evilApi.settlements.length;
    const replay = await fetch(`${sites.origins.evil}${evilApi.paths.v2}`, { headers: { 'payment-signature': signatures[0] } });
    await replay.text();
    expect(replay.status).toBe(402);
    expect(await balance()).toBe(before);
    expect(evilApi.settlements.length).toBe(settledBefore);
    // Deciding a finished payment again changes nothing.
    const done = (await rpc.call('paymentHistory')).find((p) => p.status === 'settled')!;
    const again = await rpc.call('decidePayment', done.id, 'approve', done.contentHash);
    expect(again.ok).toBe(false);
    expect(await balance()).toBe(before);
  });

  it('never contacted a site the user did not visit', () => {
    expect(sites.requestsTo('elsewhere')).toEqual([]);
    // And, after the 100 payments and the replays: still no cookie or referrer on any of Emissary's requests.
    const paidRequests = sites.requestsTo('evil').filter((r) => r.headers['payment-signature']);
    expect(paidRequests.length).toBeGreaterThan(0);
    for (const r of sites.requests.filter((x) => x.path !== '/' && x.path !== '/favicon.ico')) {
      expect(r.headers.cookie, `${r.site} ${r.path}`).toBeUndefined();
      expect(r.headers.referer, `${r.site} ${r.path}`).toBeUndefined();
    }
  });
});

describe('chromium: another extension', () => {
  it('cannot reach Emissary: its messages and RPC port are refused, and nothing is recorded', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createHash } = await import('node:crypto');
    const { launchChromium } = await import('../harness/chromium');
    const { DIST } = await import('../harness/paths');
    // An extension with no background of its own, so Emissary's worker is the only one.
    const dir = await mkdtemp(join(tmpdir(), 'emissary-attacker-'));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Attacker', version: '1.0' }));
    await writeFile(join(dir, 'attack.html'), '<!doctype html><title>attacker</title>');
    // Chrome names an unpacked extension after the SHA-256 of its path, in the letters a–p.
    const attackerId = [...createHash('sha256').update(dir).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    const browser = await launchChromium({ extensionPath: `${DIST.chrome},${dir}` });
    try {
      const rpc = await openExtensionRpc(browser);
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${attackerId}/attack.html`);
      const outcome = await page.evaluate(async ({ target, elsewhere }) => {
        type Port = { postMessage(m: unknown): void; onMessage: { addListener(f: (m: unknown) => void): void }; onDisconnect: { addListener(f: () => void): void } };
        const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(id: string, m: unknown): Promise<unknown>; connect(id: string, o: object): Port } } }).chrome.runtime;
        const forged = { type: 'emissary:visit', origin: elsewhere, links: [['agents', `${elsewhere}/.well-known/agents.json`]] };
        const message = await rt.sendMessage(target, forged).then((r) => `answered ${JSON.stringify(r)}`, (e: Error) => `refused: ${e.message}`);
        const port = await new Promise<string>((resolve) => {
          const p = rt.connect(target, { name: 'emissary-rpc' });
          p.onMessage.addListener((m) => resolve(`answered ${JSON.stringify(m).slice(0, 200)}`));
          p.onDisconnect.addListener(() => resolve('disconnected'));
          p.postMessage({ id: 'x', type: 'APPLY', path: ['accounts'], argumentList: [] });
          setTimeout(() => resolve('no answer'), 3000);
        });
        return { message, port };
      }, { target: new URL(browser.popupUrl).host, elsewhere: sites.origins.elsewhere });
      expect(outcome.message).toMatch(/^refused: /);
      expect(outcome.port).not.toMatch(/^answered/);
      expect((await rpc.call('currentSite', sites.origins.elsewhere))?.visits ?? 0).toBe(0);
      expect(sites.requestsTo('elsewhere')).toEqual([]);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
