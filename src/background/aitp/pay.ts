// Paying an AITP-01 quote: the human picks an option in the quote card; Emissary checks the quote (not
// expired, amount named, merchant signature not broken, pay URL on the agent's own origin) and pays it
// through x402 — so the approval is the same receipt in Approvals as every other payment, with budgets and
// the daily cap — then sends the signed `payment` (payer_signature: personal_sign by the paying address,
// channel_id: the settlement transaction, from the site's receipt or else found on chain by the authorization)
// and reads the merchant's payment_confirmation.
import { buildPayment, paymentSigningPayload, type MessageOf } from '../../protocols/aitp';
import { formatTokenAmount } from '../../protocols/evm/units';
import { getPayment, listPaymentsFrom } from '../../store/payments';
import type { MessageRecord, PaymentRecord, ThreadRecord } from '../../store/schema';
import { getThread, lastMessages, updateMessage, updateThread } from '../../store/threads';
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

const UNREPORTED = 'cannot report the payment to the agent';

/**
 * Settled, but without a transaction for the agent to check (the site never named it, or a resend after a
 * stop was told "nonce already used" and the chain did not show it yet): offering the quote again would pay
 * twice, so the thread says so. While the chain may still answer, the payment stays open and each refresh
 * looks again (the note is said once); when looking cannot help, the payment is given up here.
 */
async function paidWithoutReceipt(deps: AitpDeps, threadId: string, message: MessageRecord, what: string, lookup: { final: boolean; reason?: string }): Promise<void> {
  if (lookup.final) await setPayment(threadId, message.id, (p) => ({ ...p!, state: 'failed' }));
  const next = lookup.final ? 'show the agent the receipt in Approvals\' history.' : 'Emissary looks for it on chain again when you open this conversation.';
  const later = (await lastMessages(threadId, 200)).filter((m) => m.seq > message.seq);
  const nextQuote = later.find((m) => m.kind === 'aitp:quote')?.seq ?? Number.MAX_SAFE_INTEGER;
  if (later.some((m) => m.seq < nextQuote && m.direction === 'note' && m.text?.includes(UNREPORTED) && m.text.endsWith(next))) return;
  const why = lookup.reason ? ` and Emissary did not find it on chain (${lookup.reason})` : '';
  await note(deps, threadId, `Paid (${what}), but the site sent no transaction id${why}, so Emissary ${UNREPORTED}. It will not pay again; ${next}`, 'failed');
  await deps.ctx.inbox.setState(threadId, 'waiting-for-you');
}

/** Settled: the AITP payment with its transaction, found on chain by the authorization when the site named none. */
async function reportSettled(deps: AitpDeps, threadId: string, message: MessageRecord, optionIndex: number, record: PaymentRecord, what: string): Promise<void> {
  const lookup = record.txHash ? { txHash: record.txHash, final: true } : await deps.ctx.payments.findSettlement(record.id);
  if (lookup.txHash) return sendPayment(threadId, message, optionIndex, lookup.txHash, deps);
  await paidWithoutReceipt(deps, threadId, message, what, lookup);
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
  let settled = false;
  try {
    const result = await deps.ctx.payments.paidFetch({ origin: thread.origin, url });
    if (result.paymentId) await setPayment(threadId, message.id, (p) => ({ ...p!, paymentId: result.paymentId }));
    const record = result.paymentId ? await getPayment(result.paymentId) : undefined;
    if (record?.status !== 'settled') {
      throw new Error(result.refusal ?? (result.status === 'rejected' ? 'You rejected the payment.' : `The payment did not complete (${result.status ?? `HTTP ${result.response.status}`}).`));
    }
    settled = true;
    await reportSettled(deps, threadId, message, optionIndex, record, what);
  } catch (e) {
    if (settled) {
      // Paid: never offered again. The payment stays open, so opening the conversation reports it.
      await note(deps, threadId, `Paid (${what}), but not reported to the agent yet: ${(e as Error).message}`);
      await deps.ctx.inbox.setState(threadId, 'waiting-for-you');
      return;
    }
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
  if (record?.status === 'settled') {
    const quoteId = aitpOf(message, 'payments.quote')?.body.quote_id;
    const what = `${formatTokenAmount(BigInt(record.amount), record.token.decimals, record.token.symbol)}${quoteId ? ` for quote ${quoteId}` : ''}`;
    await reportSettled(deps, thread.id, message, p.optionIndex, record, what);
  }
}

export { paymentSigningPayload };
