// Service-worker chaos over an AITP purchase (Chromium): the demo shop's agent (real T01 endpoint) and a
// real local chain, with Emissary's background stopped at random seeded moments — right after a text is
// sent, right after a decision or the shipping data is answered, right after the quote is accepted, while
// the x402 payment waits for approval and right after it is approved, or while the shop, having settled the
// payment, holds its answer (so the stop loses the receipt and the resend hears "already used": Emissary then
// finds the transaction on chain by the authorization). The human acts as they would in the
// popup: what the thread shows as unanswered they answer again, nothing else. At the end the books must
// balance: Emissary's copy of the thread equals the agent's (no message lost, none twice), the agent got
// each of the human's messages once, the quote was paid once on chain (the payment's recorded transaction is
// the shop's settlement), the thread is done with the merchant's confirmation and the negotiation timeline (in
// the popup) is complete — in every seed, the lost receipt included.
// Seeded: CHAOS_SEED=<n> replays a run; CHAOS_STOPS=<n> asks for more stops (default 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { WorkerStops } from '../harness/worker-stops';
import { launchWithWallet } from '../harness/launch';
import { openSection } from '../harness/flows';
import { openExtensionRpc, type ExtensionRpc } from '../harness/extension-rpc';
import { startDemoSites, type DemoSites, type MountHandler } from '../demo/server';
import { startPaidBackend, type PaidBackend } from '../demo/paid';
import { createAitpAgent, type AitpAgent } from '../demo/aitp';
import { balanceOf } from '../chain';
import type { ExtBrowser } from '../harness/types';
import type { MessageView } from '../../src/shared/api-inbox';
import { until } from '../harness/until';
import { rng } from '../harness/seeded-random';

const PAYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const PRICE = 5_000_000n; // Stoneware mug (Sand) ×2 at 2.50
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 2 ** 31);
const MIN_STOPS = Number(process.env.CHAOS_STOPS ?? 15);
const TEXTS = ['hello', 'what do you sell?', 'is shipping free?'];
const SHIPPING = { name: 'Ada Lovelace', email: 'ada@example.org', street: '12 Analytical Way', city: 'London', postal: 'N1 9GU', country: 'United Kingdom', phone: '+44 20 7946 0000' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let paid: PaidBackend;
let agent: AitpAgent;
let sites: DemoSites;
/** While set, the shop holds its answer to a paid request (after settling it) until this resolves. */
let holdPaidAnswers: Promise<void> | undefined;
/** The shop's agent, with its answers to paid requests held back on demand. */
const shop: MountHandler = (req, res, url) => {
  const gate = holdPaidAnswers;
  if (gate && url.pathname.includes('/pay/') && req.headers['payment-signature']) {
    const end = res.end.bind(res) as (...args: unknown[]) => unknown;
    res.end = ((...args: unknown[]) => {
      void gate.then(() => end(...args));
      return res;
    }) as typeof res.end;
  }
  return agent.handle(req, res, url);
};
beforeAll(async () => {
  // On the port the extension's chain RPC is fixed to: a lost receipt is looked up there.
  paid = await startPaidBackend({ chainPort: 8545, payers: [PAYER] });
  agent = createAitpAgent({ payments: { chainId: paid.chain.chainId, payTo: paid.payTo, facilitatorUrl: paid.facilitator.url, token: paid.token } });
  sites = await startDemoSites({ mount: { shop } });
});
afterAll(async () => {
  await sites?.close();
  await paid?.stop();
});

describe('chromium: the background stopped at random moments of an AITP purchase', () => {
  let browser: ExtBrowser & { context: BrowserContext };
  let rpc: ExtensionRpc;
  let worker: WorkerStops;
  beforeAll(async () => {
    browser = (await launchWithWallet('chromium')) as typeof browser;
    rpc = await openExtensionRpc(browser);
    worker = await WorkerStops.attach(browser.context, rpc);
    // The shop advertises its agent in the page Emissary reads.
    const page = await browser.newPage();
    await page.goto(sites.origins.shop);
    await page.waitForText('h1', 'Fresh coffee');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`survives ≥ ${MIN_STOPS} stops: the thread equals the agent's, paid once on chain, confirmed`, async () => {
    const random = rng(SEED);
    console.log(`aitp chaos seed ${SEED} (replay with CHAOS_SEED=${SEED})`);
    let answeredAgain = 0;
    const stopAt = (where: string) => worker.stopAt(where);
    const wake = () => worker.wake();
    /** Fires a popup call and stops the worker a random moment later (the call may die with it). */
    const callThenStop = async (where: string, call: () => Promise<unknown>, maxDelayMs = 150) => {
      const live = call().catch((e: Error) => ({ ok: false, error: e.message }));
      await sleep(Math.floor(random() * maxDelayMs));
      await stopAt(where);
      await Promise.race([live, sleep(200)]);
      await wake();
    };
    const view = async (threadId: string) => {
      const r = await rpc.call('inboxThread', threadId);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    /** What the popup does when the thread is opened: asks the agent for news (and resumes a payment). */
    const refreshed = async (threadId: string) => {
      await until('the thread to refresh', async () => (await rpc.call('inboxRefresh', threadId)).ok);
      return view(threadId);
    };
    const request = (messages: MessageView[], kind: string) => messages.filter((m) => m.kind === kind).at(-1);

    await worker.begin();
    const startBalance = await balanceOf(paid.chain, paid.token, PAYER);
    // The facilitator records every settle call; a resend racing the first one is recorded as a failed settle.
    const landed = () => paid.facilitator.settlements.filter((x) => x.success);
    const settledAtStart = landed().length;

    const agents = await until('the shop to advertise its agent', async () => {
      const r = await rpc.call('aitpAgents', sites.origins.shop);
      return r.ok && r.value.length ? r.value : undefined;
    });
    const started = await rpc.call('aitpStart', sites.origins.shop, agents[0].url);
    if (!started.ok) throw new Error(started.error);
    const threadId = started.value;
    expect(agent.threads.size).toBe(1);
    const remote = [...agent.threads.values()][0];

    // Texts: stopped right after each is sent. A text the thread does not show was not sent: send it again.
    for (const text of TEXTS) {
      await callThenStop('right after sending a text', () => rpc.call('inboxSend', threadId, text));
      const shown = (await refreshed(threadId)).messages.some((m) => m.direction === 'out' && m.text === text);
      if (!shown) {
        answeredAgain++;
        const again = await rpc.call('inboxSend', threadId, text);
        expect(again.ok, again.ok ? '' : again.error).toBe(true);
      }
    }

    // A structured answer, stopped right after: if the request still waits for an answer (and the agent's
    // next question did not come), the human answers again.
    const answer = async (kind: string, next: string, value: unknown, where: string) => {
      const asked = await until(`the agent's ${kind}`, async () => request((await refreshed(threadId)).messages, kind));
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
        await callThenStop(where, () => rpc.call('inboxAnswer', threadId, asked.id, value));
        const messages = (await refreshed(threadId)).messages;
        if (request(messages, next)) return;
        const mine = messages.find((m) => m.id === asked.id)!;
        // An answered request shows no form any more: the answer must have reached the agent.
        expect(mine.answered, `${kind} is shown answered but its answer never reached the agent`).toBeUndefined();
      }
      const messages = (await refreshed(threadId)).messages;
      if (!request(messages, next)) {
        answeredAgain++;
        const r = await rpc.call('inboxAnswer', threadId, asked.id, value);
        expect(r.ok, r.ok ? '' : r.error).toBe(true);
      }
      await until(`the agent's ${next}`, async () => request((await refreshed(threadId)).messages, next));
    };
    await answer('aitp:request_decision', 'aitp:request_data', { choices: [{ id: 'p-mug-sand', quantity: 2 }] }, 'right after answering the decision');
    await answer('aitp:request_data', 'aitp:quote', { values: SHIPPING }, 'right after answering the data request');

    // Accepting the quote, stopped right after: the payment must still reach Approvals (once).
    const quote = request((await view(threadId)).messages, 'aitp:quote')!;
    await callThenStop('right after accepting the quote', () => rpc.call('inboxAnswer', threadId, quote.id, { optionIndex: 0 }), 300);
    let pending = await until('the payment to wait for approval', async () => {
      await rpc.call('inboxRefresh', threadId);
      const p = await rpc.call('pendingPayments');
      if (p.length) return p;
      const m = (await view(threadId)).messages.find((x) => x.id === quote.id)!;
      if (!m.answered) {
        // Not accepted after all (the stop came first): the quote card is still there to accept.
        answeredAgain++;
        await rpc.call('inboxAnswer', threadId, quote.id, { optionIndex: 0 });
      }
      return undefined;
    });
    expect(pending).toHaveLength(1);
    const asked = pending[0];

    // Stopped while it waits: still waiting afterwards, once.
    const waitingStops = Math.max(3, MIN_STOPS - worker.stops - 2);
    for (let k = 0; k < waitingStops; k++) {
      await sleep(Math.floor(random() * 300));
      await stopAt('while the payment waits for approval');
      await wake();
      pending = await rpc.call('pendingPayments');
      expect(pending.map((p) => p.id)).toEqual([asked.id]);
      expect(await rpc.call('pendingApprovalCount')).toBe(1);
    }

    // Approved, stopped right after (and again while it resumes). A third of the time at once (signing,
    // sending); a third right after it settled (reporting it to the agent); a third while the shop, having
    // settled, holds its answer: the stop loses the receipt.
    const when = random();
    let receiptLost = false;
    if (when < 1 / 3) {
      await callThenStop('right after approving', () => rpc.call('decidePayment', asked.id, 'approve', asked.contentHash), 100);
    } else if (when < 2 / 3) {
      expect((await rpc.call('decidePayment', asked.id, 'approve', asked.contentHash)).ok).toBe(true);
      await until('the payment to settle', async () => (await rpc.call('paymentHistory')).some((p) => p.id === asked.id && p.status === 'settled'));
      await stopAt('right after approving');
      await wake();
    } else {
      let release = () => undefined as void;
      holdPaidAnswers = new Promise<void>((r) => (release = r));
      const settledBefore = landed().length;
      expect((await rpc.call('decidePayment', asked.id, 'approve', asked.contentHash)).ok).toBe(true);
      await until('the shop to settle', async () => landed().length > settledBefore);
      await stopAt('while the shop holds its settled answer');
      holdPaidAnswers = undefined;
      release();
      receiptLost = true;
      await wake();
    }
    for (let k = 0; k < 2; k++) {
      await sleep(Math.floor(random() ** 2 * 1500));
      await stopAt('while paying and reporting the payment');
      await wake();
    }
    // A decision lost with the worker still waits in Approvals: the human approves again.
    const record = (await rpc.call('paymentHistory')).find((p) => p.id === asked.id)!;
    if (record.status === 'awaiting-approval') {
      answeredAgain++;
      const again = await rpc.call('decidePayment', asked.id, 'approve', asked.contentHash);
      expect(again.ok).toBe(true);
    }
    const confirmed = await until('the merchant to confirm', async () => {
      const messages = (await refreshed(threadId)).messages;
      return request(messages, 'aitp:payment_confirmation') ? messages : undefined;
    }, { timeoutMs: 60_000 }).catch(async (e: Error) => {
      // What the human would see, to tell where it stuck.
      const pay = (await rpc.call('paymentHistory')).map((p) => `${p.status}${p.error ? ` (${p.error})` : ''}`);
      const last = (await view(threadId)).messages.slice(-4).map((m) => `${m.direction} ${m.kind}: ${(m.text ?? '').slice(0, 120)}`);
      throw new Error(`${e.message}; payments ${JSON.stringify(pay)}; stops ${JSON.stringify(worker.at)}; last messages:\n${last.join('\n')}`);
    });

    // Paid once on chain, whatever else happened.
    expect(startBalance - (await balanceOf(paid.chain, paid.token, PAYER))).toBe(PRICE);
    expect(landed().length - settledAtStart, `settlements ${JSON.stringify(paid.facilitator.settlements)}`).toBe(1);
    const history = (await rpc.call('paymentHistory')).filter((p) => p.status === 'settled');
    expect(history.map((p) => p.id)).toEqual([asked.id]);
    // Its transaction is the shop's settlement: from the receipt, or found on chain when the receipt was lost.
    expect(history[0].txHash?.toLowerCase()).toBe(landed().at(-1)!.transaction.toLowerCase());
    // The receipt view carries the payment's note (src/background/payments/receipt.ts); the shared type omits it.
    const note = (history[0] as { note?: string }).note ?? '';
    const foundOnChain = /found on chain by (this payment's|its) authorization/.test(note);
    if (receiptLost) expect(foundOnChain, `the lost receipt's transaction was found on chain (note: ${note})`).toBe(true);
    expect(await rpc.call('pendingPayments')).toEqual([]);

    // Invariants.
    const { thread, messages } = await view(threadId);
    const prefix = `${threadId}:`;
    const mirrored = messages.filter((m) => m.direction !== 'note');
    const localIds = mirrored.map((m) => m.id.slice(prefix.length));
    expect(new Set(localIds).size, 'no message twice in Emissary').toBe(localIds.length);
    // Each agent message is one content item here: ids are `${remote id}#0`.
    expect(localIds.sort()).toEqual(remote.messages.map((m) => `${m.id}#0`).sort());
    const fromUser = remote.messages.filter((m) => m.role === 'user').map((m) => m.content.join(''));
    for (const text of TEXTS) expect(fromUser.filter((c) => c === text), `"${text}" reached the agent once`).toHaveLength(1);
    const structured = (key: string) => fromUser.filter((c) => c.startsWith('{') && key in (JSON.parse(c) as object)).length;
    expect(structured('decision'), 'one decision').toBe(1);
    expect(structured('data'), 'one data answer').toBe(1);
    expect(agent.rejections).toEqual([]);
    expect(confirmed.some((m) => /cannot report the payment to the agent/.test(m.text ?? '')), 'no "cannot report" note').toBe(false);
    expect(structured('payment'), 'one AITP payment').toBe(1);
    const confirmation = request(confirmed, 'aitp:payment_confirmation')!;
    expect((confirmation.body as { message: { body: { result: string } } }).message.body.result).toBe('success');
    expect(thread.state).toBe('done');

    // The popup shows the confirmation and the whole negotiation.
    const popup = await browser.openPopup();
    await openSection(popup, 'inbox');
    await popup.click('[data-testid="thread-item"][data-protocol="aitp"]');
    await popup.waitFor('[data-testid="aitp-confirmation"][data-result="success"]', 15_000);
    await popup.click('[data-testid="negotiation-tab"]');
    await popup.waitFor('[data-testid="negotiation"]');
    expect(await popup.attrs('[data-testid="negotiation"] li', 'data-stage')).toEqual(['proposed', 'accepted', 'proposed', 'accepted', 'paid', 'confirmed']);
    expect(await popup.texts('[data-testid="negotiation-cost"]')).toContain('5.00 USDC');
    await popup.close();

    console.log(
      `aitp chaos seed ${SEED}: ${worker.stops} stops (${worker.restarts} new worker lives) ${JSON.stringify(worker.at)}; ` +
        `${remote.messages.length} messages in the thread, ${answeredAgain} answers the human gave again; ` +
        `transaction ${foundOnChain ? 'found on chain (receipt lost)' : 'from the receipt'}`,
    );
    expect(worker.stops).toBeGreaterThanOrEqual(MIN_STOPS);
    expect(worker.restarts).toBeGreaterThanOrEqual(MIN_STOPS / 2);
  }, 170_000);
});
