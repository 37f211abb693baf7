// The Inbox handler for AITP threads: opens threads on the agent, sends text, answers decisions and data
// requests, and reads what is new (after every post, and when the Inbox refreshes). Payments and wallet
// requests are in ./pay.ts and ./wallet.ts.
import { buildCapabilityMessage, buildDataAnswer, buildDecision, buildUserTextMessage, parseRemoteForm, redactCardNumbersIn, requestDataForm, type DataField, type Dialect, type WireMessage } from '../../protocols/aitp';
import { parseAitpMessage } from '../../protocols/aitp';
import type { MessageRecord, ThreadRecord } from '../../store/schema';
import { getThread, lastMessages, updateMessage, updateThread } from '../../store/threads';
import type { BackgroundContext } from '../context';
import { AitpClient, type FetchFn } from './client';
import { aitpOf, negotiationOf, threadStateOf, toRecords, WALLET_KINDS, type AitpBody } from './convert';
import { sensitiveFieldIds } from './redact';

export interface AitpRemote {
  threadId: string;
  dialect: Dialect;
  actorId: string;
  /** Quote ids → merchant ids, to check confirmations. */
  quotes?: Record<string, string>;
  /** Quote message id → the payment in progress. */
  payments?: Record<string, { url: string; paymentId?: string; optionIndex: number; state: 'paying' | 'sent' | 'failed' }>;
}

export const remoteOf = (t: ThreadRecord) => t.remote as unknown as AitpRemote;

export interface AitpDeps {
  ctx: BackgroundContext;
  fetch?: FetchFn;
  /** Called for each new incoming wallet request (asks the human). */
  onWalletRequest?: (thread: ThreadRecord, message: MessageRecord) => Promise<void>;
}

export function clientFor(thread: Pick<ThreadRecord, 'agent'> & { remote: unknown }, deps: AitpDeps): AitpClient {
  return new AitpClient({ agentUrl: thread.agent.url, dialect: (thread.remote as AitpRemote).dialect, fetch: deps.fetch });
}

/** Reads the agent's messages and stores what is new; sets whose turn it is. */
export async function syncThread(threadId: string, deps: AitpDeps): Promise<void> {
  const thread = await getThread(threadId);
  if (!thread) return;
  const remote = remoteOf(thread);
  let listed;
  try {
    listed = await clientFor(thread, deps).list(remote.threadId);
  } catch (e) {
    await deps.ctx.inbox.setState(threadId, thread.state === 'done' ? 'done' : 'failed', (e as Error).message);
    return;
  }
  const quotes = new Map(Object.entries(remote.quotes ?? {}));
  const records = listed.messages.flatMap((m, i) => toRecords(m, i, quotes));
  const recent = await lastMessages(threadId, 400);
  const known = new Set(recent.map((m) => m.id));
  const fresh = records.filter((r) => !known.has(`${threadId}:${r.remoteId}`));
  const state = threadStateOf([...recent, ...fresh.map((r, i) => ({ ...r, id: `new-${i}`, threadId, seq: 0 }))]);
  const added = await deps.ctx.inbox.append(threadId, fresh, state);
  await updateThread(threadId, (t) => {
    (t.remote as unknown as AitpRemote).quotes = Object.fromEntries(quotes);
    if (t.error && !listed.problems.length) delete t.error;
    if (listed.problems.length) t.error = `Some messages could not be read: ${listed.problems.slice(0, 2).join('; ')}`;
  });
  if (!added.length && thread.state === 'failed') await deps.ctx.inbox.setState(threadId, state);
  for (const m of added) if (m.direction === 'in' && WALLET_KINDS.has(m.kind) && !m.problems?.length) await deps.onWalletRequest?.(thread, m);
}

/** Posts a message, stores it as sent (the server's id dedupes the copy the next list returns), reads the reply. */
export async function postAndSync(thread: ThreadRecord, content: string, record: { kind: string; text: string; body?: unknown; negotiation?: MessageRecord['negotiation'] }, deps: AitpDeps): Promise<void> {
  const remote = remoteOf(thread);
  const id = await clientFor(thread, deps).post(remote.threadId, content);
  await deps.ctx.inbox.append(thread.id, [{ direction: 'out', createdAt: Date.now(), ...record, ...(id ? { remoteId: `${id}#0` } : {}) }], 'waiting-for-agent');
  await syncThread(thread.id, deps);
}

export async function postCapability(thread: ThreadRecord, wire: WireMessage, text: string, deps: AitpDeps, stored?: unknown): Promise<void> {
  const parsed = parseAitpMessage(wire);
  if (!parsed.ok) throw new Error('Emissary built a message that does not validate; nothing was sent.');
  const body: AitpBody = { message: parsed.message };
  const negotiation = negotiationOf(parsed.message, 'out');
  const kind = parsed.message.capability === 'near' || parsed.message.capability === 'evm' ? `aitp:${parsed.message.capability}.${parsed.message.type}` : `aitp:${parsed.message.type}`;
  await postAndSync(thread, JSON.stringify(wire), { kind, text, body: stored ?? body, ...(negotiation ? { negotiation } : {}) }, deps);
}

const problemText = (problems: { message: string }[]) => problems.slice(0, 3).map((p) => p.message).join(' ');

export async function markAnswered(messageId: string, summary: string): Promise<void> {
  await updateMessage(messageId, (m) => {
    m.answered = { at: Date.now(), summary: summary.slice(0, 300) };
  });
}

export async function sendText(thread: ThreadRecord, text: string, deps: AitpDeps): Promise<void> {
  const built = buildUserTextMessage(text);
  if (!built.ok) throw new Error(problemText(built.problems));
  await postAndSync(thread, built.value.content, { kind: 'text', text }, deps);
}

export interface DecisionAnswer { choices: { id: string; quantity?: number }[] }
export interface DataAnswerInput { values: Record<string, string>; remoteFields?: DataField[] }

export async function answerDecision(thread: ThreadRecord, message: MessageRecord, answer: DecisionAnswer, deps: AitpDeps): Promise<void> {
  const request = aitpOf(message, 'decisions.request_decision');
  if (!request) throw new Error('That message is not a decision request.');
  if (!answer || !Array.isArray(answer.choices)) throw new Error('Choose an option first.');
  const built = buildDecision(request, answer.choices.slice(0, 50).map((c) => ({ id: String(c.id), ...(c.quantity !== undefined ? { quantity: Number(c.quantity) } : {}) })));
  if (!built.ok) throw new Error(problemText(built.problems));
  const chosen = (built.value.decision as { options: { name?: string; id: string; quantity?: number }[] }).options;
  const summary = chosen.map((o) => `${o.name ?? o.id}${o.quantity ? ` ×${o.quantity}` : ''}`).join(', ');
  await markAnswered(message.id, `You chose ${summary}`);
  await postCapability(thread, built.value, `You chose ${summary}`, deps);
}

export async function answerData(thread: ThreadRecord, message: MessageRecord, answer: DataAnswerInput, deps: AitpDeps): Promise<void> {
  const request = aitpOf(message, 'data.request_data');
  if (!request) throw new Error('That message is not a data request.');
  if (!answer || typeof answer.values !== 'object' || answer.values === null) throw new Error('Fill in the form first.');
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.values).slice(0, 100)) if (typeof v === 'string') values[k] = v;
  let remoteFields: DataField[] | undefined;
  if (!request.body.form.fields && answer.remoteFields) {
    // Fields of a json_url form come back from the popup; read them again rather than trust the shape.
    const again = parseRemoteForm({ fields: answer.remoteFields });
    if (!again.ok) throw new Error(problemText(again.problems));
    remoteFields = again.value;
  }
  const built = buildDataAnswer(request, values, remoteFields);
  if (!built.ok) throw new Error(problemText(built.problems));
  const form = requestDataForm(request, { remoteFields });
  const secret = sensitiveFieldIds(form);
  // What stays in the thread: labels and values, card data redacted (the agent got the real values).
  const shown = (built.value.data as { fields: { id: string; label?: string; value?: string }[] }).fields
    .map((f) => `${f.label ?? f.id}: ${secret.has(f.id) ? '••••' + (f.value ?? '').replace(/\D/g, '').slice(-4) : redactCardNumbersIn(f.value ?? '')}`);
  await markAnswered(message.id, `You sent ${shown.length} field${shown.length === 1 ? '' : 's'}`);
  await postCapability(thread, built.value, shown.join('\n'), deps, { redacted: true, fields: shown });
}

export { buildCapabilityMessage };
