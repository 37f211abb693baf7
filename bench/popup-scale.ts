// Popup with a growing store: 0, 1,000 and 10,000 sites and payments written into Emissary's idb,
// then the popup page loaded (unlocked) and timed to first render (`.shell` visible), to interactive
// (the Site view answered), and from a click on Wallet to the payment history rendered.
// Ratios against the empty store, same browser, same run.
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness/chromium';
import { importWallet } from '../e2e/harness/flows';
import { extensionPage, seedStores, timeReads } from './ext-page';
import { lineChart } from './chart';
import { QUICK, median, ms, runs } from './common';
import type { MessageRecord, PaymentRecord, SiteRecord, ThreadRecord } from '../src/store/schema';
import { addChart, type Figure } from './report';

const PHRASE = 'test test test test test test test test test test test junk';
const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e';
const T0 = Date.now() - 30 * 24 * 3600_000;

function site(i: number): SiteRecord {
  const origin = `https://site-${i}.example`;
  return {
    origin, firstSeen: T0 + i * 1000, lastSeen: T0 + i * 1000, visits: 1 + (i % 7), probeAfter: T0 + i * 1000 + 3600_000,
    documents: [{ kind: 'a2a-agent-card', protocol: 'a2a', label: 'A2A agent card', url: `${origin}/.well-known/agent-card.json`, fetchedAt: T0, title: `Agent ${i}`, description: 'A demo agent', counts: { skills: 2 }, problems: [], warnings: [] }],
  } as SiteRecord;
}

function payment(i: number): PaymentRecord {
  const origin = `https://site-${i % 500}.example`;
  const nonce = `0x${i.toString(16).padStart(64, '0')}`;
  const from = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
  const payTo = '0x209693Bc6afc0C5328bA36FaF03C514EF312287C';
  return {
    id: `bench-${i}`, origin, url: `${origin}/api/x`, request: { method: 'GET', headers: [] }, resourceUrl: `${origin}/api/x`, description: 'A paid answer',
    chainId: 84532, asset: USDC, token: { symbol: 'USDC', decimals: 6, name: 'USDC', version: '2' }, payTo, from, amount: '10000',
    validAfter: 0, validBefore: Math.floor(T0 / 1000) + 600, issuedAt: Math.floor(T0 / 1000), nonce,
    typedData: {
      domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: USDC },
      types: { TransferWithAuthorization: [{ name: 'from', type: 'address' }, { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'validAfter', type: 'uint256' }, { name: 'validBefore', type: 'uint256' }, { name: 'nonce', type: 'bytes32' }] },
      primaryType: 'TransferWithAuthorization',
      message: { from, to: payTo, value: '10000', validAfter: '0', validBefore: String(Math.floor(T0 / 1000) + 600), nonce },
    },
    status: 'settled', x402Version: 2,
    requirement: { scheme: 'exact', network: 'eip155:84532', amount: '10000', asset: USDC, payTo, maxTimeoutSeconds: 600, extra: { name: 'USDC', version: '2' } },
    sendAttempts: 1, responseStatus: 200, txHash: `0x${(i + 1).toString(16).padStart(64, 'a')}`, warnings: [],
    spendCheck: { decision: 'auto', reason: 'within the budget' }, createdAt: T0 + i * 1000, updatedAt: T0 + i * 1000, decidedBy: 'budget', decidedAt: T0 + i * 1000,
  } as unknown as PaymentRecord;
}

/** Messages go 100 to a thread: `size` messages make size/100 threads (at least one). */
function threadsAndMessages(size: number): { threads: ThreadRecord[]; messages: MessageRecord[] } {
  const threads: ThreadRecord[] = [];
  const messages: MessageRecord[] = [];
  const count = Math.max(1, Math.ceil(size / 100));
  for (let t = 0; t < count; t++) {
    const id = `bench-thread-${t}`;
    const n = Math.min(100, size - t * 100);
    threads.push({ id, origin: `https://site-${t}.example`, protocol: 'aitp', agent: { url: `https://site-${t}.example/aitp`, name: `Agent ${t}` }, title: `Trip ${t}`, state: 'done', unread: 0, createdAt: T0 + t, updatedAt: T0 + t, nextSeq: Math.max(0, n), remote: {} });
    for (let k = 0; k < n; k++) {
      messages.push({ id: `${id}:m-${k}`, threadId: id, seq: k, direction: k % 2 ? 'in' : 'out', createdAt: T0 + t * 1000 + k, kind: 'text', text: `Message ${k}: a few sentences about a trip, dates and a price, as an agent would write them.` } as MessageRecord);
    }
  }
  return { threads, messages };
}

interface Timing {
  shell: number;
  site: number;
  history: number;
}

async function openOnce(page: Page, url: string): Promise<Timing> {
  const t0 = Date.now();
  await page.goto(url);
  await page.locator('.shell').waitFor({ timeout: 60_000 });
  const shell = Date.now() - t0;
  await page.locator('#panel-site :is([data-testid="site-view"], .empty)').first().waitFor({ timeout: 60_000 });
  const site = Date.now() - t0;
  const t1 = Date.now();
  await page.locator('#tab-wallet').click();
  await page.locator('[data-testid="history"] :is([data-testid="receipt"], p.muted)').first().waitFor({ timeout: 60_000 });
  return { shell, site, history: Date.now() - t1 };
}

export async function measurePopupScale(sizes = QUICK ? [0, 100, 1_000] : [0, 1_000, 10_000], n = runs(3, 1)): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const popup = await browser.openPopup();
    await importWallet(popup, PHRASE);
    await popup.close();
    const ext = await extensionPage(browser.context, browser.extensionId);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    const results = new Map<number, Timing>();
    const reads = new Map<number, { site: number; payments: number; messages: number }>();
    for (const size of sizes) {
      await seedStores(ext, { sites: Array.from({ length: size }, (_, i) => site(i)), payments: Array.from({ length: size }, (_, i) => payment(i)), ...threadsAndMessages(size) });
      reads.set(size, await timeReads(ext, { origin: `https://site-${Math.floor(size / 2)}.example`, threadId: 'bench-thread-0' }));
      for (let i = 0; i < runs(2, 1); i++) await openOnce(page, browser.popupUrl); // warm-up
      const samples: Timing[] = [];
      for (let i = 0; i < n; i++) samples.push(await openOnce(page, browser.popupUrl));
      results.set(size, { shell: median(samples.map((s) => s.shell)), site: median(samples.map((s) => s.site)), history: median(samples.map((s) => s.history)) });
    }
    const label = (s: number) => s.toLocaleString('en');
    addChart({
      file: 'popup-vs-records',
      title: 'Popup times vs stored records (Chromium)',
      spec: lineChart('Popup, ms vs sites = payments = messages stored', 'records of each kind', 'ms', sizes.flatMap((size) => {
        const r = results.get(size)!;
        return [{ x: size, y: r.shell, series: 'first render (.shell)' }, { x: size, y: r.site, series: 'interactive (Site view)' }, { x: size, y: r.history, series: 'Wallet history (click → rendered)' }];
      }), true),
    });
    addChart({
      file: 'idb-reads-vs-records',
      title: 'idb read time vs stored records (Chromium, extension origin)',
      spec: lineChart('idb read, ms (median of 30) vs records stored', 'records of each kind', 'ms', sizes.flatMap((size) => {
        const r = reads.get(size)!;
        return [{ x: size, y: r.site, series: 'one site by key' }, { x: size, y: r.payments, series: 'newest 100 payments (index)' }, { x: size, y: r.messages, series: 'last 50 messages of a thread (index)' }];
      }), true),
    });
    const empty = results.get(sizes[0])!;
    const figures: Figure[] = [];
    for (const size of sizes.slice(1)) {
      const r = results.get(size)!;
      const label = `${size.toLocaleString('en')} sites + ${size.toLocaleString('en')} payments`;
      figures.push(
        { name: `Popup first render (.shell), ${label} ÷ empty`, ratio: r.shell / empty.shell, target: 1.5, absolute: `${ms(r.shell)} vs ${ms(empty.shell)} (median of ${n})` },
        { name: `Popup interactive (Site view), ${label} ÷ empty`, ratio: r.site / empty.site, target: 1.5, absolute: `${ms(r.site)} vs ${ms(empty.site)}` },
        { name: `Popup Wallet history rendered, ${label} ÷ empty`, ratio: r.history / empty.history, target: 1.5, absolute: `${ms(r.history)} vs ${ms(empty.history)} (click → history)` },
      );
    }
    // idb reads through keys and indexes: flat from the smallest store with data to the largest.
    const [small, big] = [sizes[1], sizes[sizes.length - 1]];
    if (small !== undefined && big !== small) {
      const [a, b] = [reads.get(small)!, reads.get(big)!];
      for (const [key, what] of [['site', 'one site by key'], ['payments', 'newest 100 payments by index'], ['messages', 'last 50 messages of a thread by index']] as const) {
        figures.push({ name: `idb read, ${what}: ${label(big)} ÷ ${label(small)} records`, ratio: b[key] / a[key], target: 1.5, absolute: `${ms(b[key])} vs ${ms(a[key])} (median of 30)` });
      }
    }
    // The history shows the newest 100: from 1,000 to 10,000 both render 100 cards, so this
    // ratio isolates the query (flat with the byCreatedAt index).
    if (sizes.length >= 3) {
      const [a, b] = [results.get(sizes[1])!, results.get(sizes[2])!];
      figures.push({ name: `Popup Wallet history, ${sizes[2].toLocaleString('en')} ÷ ${sizes[1].toLocaleString('en')} payments (same 100 cards shown)`, ratio: b.history / a.history, target: 1.5, absolute: `${ms(b.history)} vs ${ms(a.history)}` });
    }
    return figures;
  } finally {
    await browser.close();
  }
}
