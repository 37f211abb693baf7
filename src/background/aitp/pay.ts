// Paying an AITP-01 quote: the human picks an option in the quote card; Emissary checks the quote (not
// expired, amount named, merchant signature not broken, pay URL on the agent's own origin) and pays it
// through x402 — so the approval is the same receipt in Approvals as every other payment, with budgets and
// the daily cap — then sends the signed `payment` (payer_signature: personal_sign by the paying address,
// channel_id: the settlement transaction) and reads the merchant's payment_confirmation.
import { buildPayment, paymentSigningPayload, type MessageOf } from '../../protocols/aitp';
import { formatTokenAmount } from '../../protocols/evm/units';
import { getPayment, listPaymentsFrom } from '../../store/payments';
import type { MessageRecord, ThreadRecord } from '../../store/schema';
import { getThread, updateMessage, updateThread } from '../../store/threads';
import { aitpOf, money, type AitpBody } from './convert';
import { markAnswered, postCapability, remoteOf, type AitpDeps, type AitpRemote } from './handler';

/** Payments running in this worker life, by quote message id. */
const running = new Map<string, Promise<void>>();

export interface QuoteAnswer { optionIndex: number }

function checkQuote(thread: ThreadRecord, message: MessageRecord, optionIndex: number): { quote: MessageOf<'payments.quote'>; url: string; what: string } {
  const quote = aitpOf(message, 'payments.quote');
  if (!quote || quote.body.type === 'Quote') throw new Error('That message is not an AITP-01 quote Emissary can pay.');
  const body = quote.body;
  const option = body.payment_options[optionIndex];
  if (!Number.isSafeInteger(optionIndex) || !option) throw new Error('Choose one of the quote\'s options.');
  if (option.amount === undefined) throw new Error('This option names no amount; Emissary does not pay open amounts.');
  if (body.expiration && Date.parse(body.expiration) <= Date.now()) throw new Error(`This quote expired at ${body.expiration}; ask the agent for a new one.`);
  const signature = (message.body as AitpBody).signature;
  if (signature?.status === 'invalid') throw new Error(`The merchant's signature on this quote is not valid (${signature.reason}); Emissary will not pay it.`);
  const method = option.payment_methods.find((m) => m.type === 'x402');
  if (!method || method.type !== 'x402') throw new Error('Emissary can pay this option only over a NEAR payment channel, which it does not support yet.');
  let sameOrigin = false;
  try {
    sameOrigin = new URL(method.url).origin === new URL(thread.agent.url).origin;
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) throw new Error('The quote asks to be paid on another site than the agent\'s own; Emissary refuses.');
  return { quote, url: method.url, what: `${money(option.amount, option.currency)} for quote ${body.quote_id}` };
}

async function setPayment(threadId: string, messageId: string, change: (p: NonNullable<AitpRemote['payments']>[string] | undefined) => NonNullable<AitpRemote['payments']>[string]) {
  await updateThread(threadId, (t) => {
    const remote = t.remote as unknown as AitpRemote;
    remote.payments = { ...(remote.payments ?? {}), [messageId]: change(remote.payments?.[messageId]) };
  });
}

async function note(deps: AitpDeps, threadId: string, text: string, stage?: 'accepted' | 'failed' | 'rejected', cost?: string) {
  await deps.ctx.inbox.append(threadId, [{ direction: 'note', createdAt: Date.now(), kind: 'text', text, ...(stage ? { negotiation: { stage, what: text, under: 'Emissary', ...(cost ? { cost } : {}) } } : {}) }]);
}

/**
 * Settled, but the receipt with the transaction was lost (a resend after a worker stop was told "nonce
 * already used"): the agent cannot be shown the payment, and offering the quote again would pay twice.
 */
async function paidWithoutReceipt(deps: AitpDeps, threadId: string, messageId: string, what: string): Promise<void> {
  await setPayment(threadId, messageId, (p) => ({ ...p!, state: 'failed' }));
  await note(deps, threadId, `Paid (${what}), but the site sent no transaction id, so Emissary cannot report the payment to the agent. It will not pay again: show the agent the receipt in Approvals' history.`, 'failed');
  await deps.ctx.inbox.setState(threadId, 'waiting-for-you');
}

/** After the x402 payment settled: the signed AITP-01 payment, then the merchant's confirmation. */
async function sendPayment(threadId: string, message: MessageRecord, optionIndex: number, txHash: string, deps: AitpDeps): Promise<void> {
  const thread = await getThread(threadId);
  const quote = aitpOf(message, 'payments.quote');
  const payer = deps.ctx.vault.evmAddress();
  if (!thread || !quote) return;
  if (!payer) throw new Error('Emissary locked before the payment could be reported to the agent; unlock and refresh the conversation.');
  const built = await buildPayment({ quote, optionIndex, channelId: txHash, payerId: payer, now: new Date() }, (payload) => deps.ctx.vault.personalSign(payload));
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join(' '));
  await postCapability(thread, built.value, `Paid: transaction ${txHash.slice(0, 10)}…`, deps);
  await setPayment(threadId, message.id, (p) => ({ ...p!, state: 'sent' }));
}

async function run(threadId: string, message: MessageRecord, optionIndex: number, url: string, what: string, deps: AitpDeps): Promise<void> {
  const thread = await getThread(threadId);
  if (!thread) return;
  try {
    const result = await deps.ctx.payments.paidFetch({ origin: thread.origin, url });
    if (result.paymentId) await setPayment(threadId, message.id, (p) => ({ ...p!, paymentId: result.paymentId }));
    const record = result.paymentId ? await getPayment(result.paymentId) : undefined;
    if (record?.status === 'settled' && !record.txHash) return await paidWithoutReceipt(deps, threadId, message.id, what);
    if (!record?.txHash || result.status !== 'settled') {
      throw new Error(result.refusal ?? (result.status === 'rejected' ? 'You rejected the payment.' : `The payment did not complete (${result.status ?? `HTTP ${result.response.status}`}).`));
    }
    await sendPayment(threadId, message, optionIndex, record.txHash, deps);
  } catch (e) {
    await setPayment(threadId, message.id, (p) => ({ ...p!, state: 'failed' }));
    // The human may choose again.
    await updateMessage(message.id, (m) => void delete m.answered);
    await note(deps, threadId, `Not paid (${what}): ${(e as Error).message}`, 'failed');
    await deps.ctx.inbox.setState(threadId, 'waiting-for-you');
  }
}

export async function answerQuote(thread: ThreadRecord, message: MessageRecord, answer: QuoteAnswer, deps: AitpDeps): Promise<void> {
  if (running.has(message.id)) throw new Error('This quote is being paid already.');
  const optionIndex = Number(answer?.optionIndex);
  const { url, what } = checkQuote(thread, message, optionIndex);
  if (!deps.ctx.vault.evmAddress()) throw new Error('Unlock Emissary to pay.');
  await markAnswered(message.id, `You chose to pay ${what}`);
  await setPayment(thread.id, message.id, () => ({ url, optionIndex, state: 'paying' }));
  await note(deps, thread.id, `You accepted ${what}. Approve the payment in Approvals.`, 'accepted', what.split(' for ')[0]);
  await deps.ctx.inbox.setState(thread.id, 'waiting-for-you');
  // The approval may take minutes: the popup call returns now; the thread shows the progress.
  const p = run(thread.id, message, optionIndex, url, what, deps).finally(() => running.delete(message.id));
  running.set(message.id, p);
}

/**
 * After a worker restart: a payment this thread started may have settled (payments resume on their own);
 * send the AITP payment for it once. The popup refreshes every 1.5 s, so two refreshes can overlap, and a
 * payment running in this worker life can finish between reading the thread and looking here: each
 * payment is claimed in `running` before the first await, and its state is read again after the claim.
 */
export async function resumeThreadPayments(thread: ThreadRecord, messages: readonly MessageRecord[], deps: AitpDeps): Promise<void> {
  for (const [messageId, p] of Object.entries(remoteOf(thread).payments ?? {})) {
    if (p.state !== 'paying' || running.has(messageId)) continue;
    const claim = resumeOne(thread.id, messageId, messages, deps);
    running.set(messageId, claim);
    await claim
      .catch(() => undefined)
      .finally(() => {
        if (running.get(messageId) === claim) running.delete(messageId);
      });
  }
}

async function resumeOne(threadId: string, messageId: string, messages: readonly MessageRecord[], deps: AitpDeps): Promise<void> {
  const thread = await getThread(threadId);
  const p = thread && remoteOf(thread).payments?.[messageId];
  const message = messages.find((m) => m.id === messageId);
  if (!thread || !p || p.state !== 'paying' || !message) return;
  const ours = p.paymentId ? [] : (await listPaymentsFrom(thread.origin)).filter((r) => r.url === p.url);
  if (!p.paymentId && ours.length === 0) {
    // The worker stopped between accepting the quote and asking for the payment: nothing was asked or
    // paid yet, and the quote shows as accepted, so ask for the approval now.
    let what: string;
    try {
      what = checkQuote(thread, message, p.optionIndex).what;
    } catch (e) {
      await setPayment(thread.id, messageId, (q) => ({ ...q!, state: 'failed' }));
      await updateMessage(messageId, (m) => void delete m.answered);
      await note(deps, thread.id, `Not paid: ${(e as Error).message}`, 'failed');
      return;
    }
    if (!messages.some((m) => m.direction === 'note' && m.negotiation?.stage === 'accepted' && m.seq > message.seq)) {
      await note(deps, thread.id, `You accepted ${what}. Approve the payment in Approvals.`, 'accepted', what.split(' for ')[0]);
    }
    // The approval may take minutes: this claim ends now, the run holds the payment from here.
    running.set(messageId, run(thread.id, message, p.optionIndex, p.url, what, deps).finally(() => running.delete(messageId)));
    return;
  }
  const record = p.paymentId ? await getPayment(p.paymentId) : ours.find((r) => r.status === 'settled');
  if (record?.status === 'settled' && !record.txHash) await paidWithoutReceipt(deps, thread.id, messageId, formatTokenAmount(BigInt(record.amount), record.token.decimals, record.token.symbol));
  else if (record?.status === 'settled' && record.txHash) await sendPayment(thread.id, message, p.optionIndex, record.txHash, deps);
}

export { paymentSigningPayload };
