// Remote T01 messages → Inbox message records: one record per content item, kind `aitp:<message type>`,
// the validated message as the body (with the merchant-signature check for quotes and confirmations),
// problems instead of a widget for what fails validation, and negotiation marks for the timeline.
import {
  checkMerchantSignature, formatDecimalAmount, redactCardNumbersIn, type AitpMessage, type ContentItem, type MessageOf, type SignatureCheck, type ThreadMessage,
} from '../../protocols/aitp';
import type { MessageRecord, NegotiationMark } from '../../store/schema';
import type { NewMessage } from '../../store/threads';

/** What a stored AITP message body holds (JSON only). */
export interface AitpBody {
  message: AitpMessage;
  /** Quote and payment_confirmation: whether the merchant's signature verifies. */
  signature?: SignatureCheck;
  warnings?: string[];
  /** Wallet requests: the approval asked of the human for it. */
  consentId?: string;
}

/** Kinds that wait for the human's answer. */
export const REQUEST_KINDS = new Set([
  'aitp:request_decision', 'aitp:request_data', 'aitp:quote', 'aitp:near.request_account', 'aitp:near.request_transaction',
  'aitp:near.request_message_signing', 'aitp:evm.request_address', 'aitp:evm.request_transaction', 'aitp:evm.request_message_signing',
  'aitp:evm.chain_notification', 'aitp:evm.token_notification', 'aitp:near.token_notification',
]);
export const WALLET_KINDS = new Set([...REQUEST_KINDS].filter((k) => k.startsWith('aitp:near.') || k.startsWith('aitp:evm.')));

/** `aitp:quote`, `aitp:near.request_message_signing` (wallet types share names, so they carry the capability). */
export function kindOf(m: AitpMessage): string {
  return m.capability === 'near' || m.capability === 'evm' ? `aitp:${m.capability}.${m.type}` : `aitp:${m.type}`;
}

/** `18.50 USDC`, without floating point. */
export function money(amount: string | undefined, currency: string): string {
  return amount === undefined ? `an open amount of ${currency}` : formatDecimalAmount(amount, currency);
}

const SIGNATURE_WORDS: Record<SignatureCheck['status'], string> = { verified: 'signature verified', invalid: 'signature NOT valid', unchecked: 'signature not checked' };

/** The timeline step a message stands for, if any. */
export function negotiationOf(m: AitpMessage, direction: 'in' | 'out', signature?: SignatureCheck): NegotiationMark | undefined {
  switch (m.kind) {
    case 'decisions.request_decision':
      return m.body.type === 'products'
        ? { stage: 'proposed', what: `Offer: ${m.body.options.map((o) => o.name ?? o.id).slice(0, 5).join(', ')}`, under: 'AITP-02 request_decision' }
        : undefined;
    case 'decisions.decision':
      return { stage: direction === 'out' ? 'accepted' : 'countered', what: `Chose ${m.body.options.map((o) => `${o.name ?? o.id}${o.quantity ? ` ×${o.quantity}` : ''}`).join(', ')}`, under: 'AITP-02 decision' };
    case 'payments.quote': {
      if (m.body.type === 'Quote') {
        const plan = m.body.payment_plans[0];
        return { stage: 'proposed', what: `Quote ${m.body.quote_id} from ${m.body.payee_id}`, under: 'AITP-02 / Hub quote', cost: plan ? money(plan.amount, plan.currency) : undefined };
      }
      const o = m.body.payment_options[0];
      return {
        stage: 'proposed', what: `Quote ${m.body.quote_id}: ${m.body.description.slice(0, 120)}`,
        under: `AITP-01 quote, ${signature ? SIGNATURE_WORDS[signature.status] : 'signature not checked'}`, cost: o ? money(o.amount, o.currency) : undefined,
      };
    }
    case 'payments.payment':
      return { stage: 'paid', what: `Payment for quote ${m.body.quote_id}`, under: `AITP-01 payment (${m.body.payment_method.type})`, cost: money(m.body.payment_method.amount, m.body.payment_method.currency) };
    case 'payments.payment_confirmation':
    case 'payments.payment_result': {
      const stage = m.body.result === 'success' ? 'confirmed' : m.body.result === 'failure' ? 'failed' : 'paid';
      const under = m.kind === 'payments.payment_confirmation' ? `AITP-01 payment_confirmation, ${signature ? SIGNATURE_WORDS[signature.status] : 'signature not checked'}` : 'Hub payment_result';
      return { stage, what: `${m.body.result === 'success' ? 'Payment confirmed' : m.body.result === 'failure' ? 'Payment refused' : 'Payment pending'} for quote ${m.body.quote_id}${m.body.message ? `: ${m.body.message.slice(0, 120)}` : ''}`, under };
    }
    default:
      return undefined;
  }
}

/** Short words for the thread list and notifications. */
export function describe(m: AitpMessage): string {
  switch (m.kind) {
    case 'decisions.request_decision': return m.body.title ?? 'The agent asks you to choose.';
    case 'decisions.decision': return `Chose ${m.body.options.map((o) => o.name ?? o.id).join(', ')}`;
    case 'data.request_data': return m.body.title ?? m.body.description;
    case 'data.data': return `Sent ${m.body.fields.length} field${m.body.fields.length === 1 ? '' : 's'}`;
    case 'payments.quote': return m.body.type === 'Quote' ? `Quote ${m.body.quote_id}` : `Quote: ${m.body.description}`;
    case 'payments.payment': return `Payment for quote ${m.body.quote_id}`;
    case 'payments.payment_confirmation': return m.body.message ?? `Payment ${m.body.result}`;
    case 'near.request_message_signing': case 'evm.request_message_signing': return m.body.description ?? 'The agent asks for a signature.';
    default: return ('description' in m.body && typeof m.body.description === 'string' ? m.body.description : undefined) ?? `AITP ${m.type.replace(/_/g, ' ')}`;
  }
}

function merchantCheck(m: AitpMessage, quotes: ReadonlyMap<string, string>): SignatureCheck | undefined {
  if (m.kind === 'payments.quote' && m.body.type !== 'Quote') return checkMerchantSignature('quote', m.body, m.body.merchant_id);
  if (m.kind === 'payments.payment_confirmation') {
    // The confirmation names no merchant: the one of the quote it confirms.
    const merchant = quotes.get(m.body.quote_id);
    return merchant ? checkMerchantSignature('payment_confirmation', m.body, merchant) : { status: 'unchecked', reason: 'it names a quote Emissary has not seen' };
  }
  return undefined;
}

/** Message records for a remote message. `quotes` maps quote ids seen so far to their merchant ids. */
export function toRecords(remote: ThreadMessage, index: number, quotes: Map<string, string>): NewMessage[] {
  const direction = remote.role === 'assistant' ? 'in' : 'out';
  const createdAt = (remote.created_at ?? Math.floor(Date.now() / 1000)) * 1000;
  const base = remote.id ?? `noid-${remote.created_at ?? 0}-${index}`;
  return remote.content.map((item: ContentItem, i): NewMessage => {
    const remoteId = `${base}#${i}`;
    if (item.kind === 'text') return { direction, createdAt, kind: 'text', text: item.text, remoteId };
    if (item.kind === 'other') return { direction, createdAt, kind: 'text', text: `(${item.type.slice(0, 40)} not shown)`, remoteId };
    if (item.kind === 'invalid_aitp') {
      return {
        direction, createdAt, kind: 'aitp:invalid', remoteId,
        text: 'The agent sent a structured message Emissary does not act on.',
        problems: item.problems.filter((p) => p.severity === 'error').slice(0, 6).map((p) => p.message.slice(0, 300)),
      };
    }
    const m = item.message;
    if (m.kind === 'payments.quote' && m.body.type !== 'Quote') quotes.set(m.body.quote_id, m.body.merchant_id);
    if (m.kind === 'data.data') {
      // Our own answer as the agent lists it back: never keep card numbers readable.
      const fields = m.body.fields.map((f) => `${f.label ?? f.id}: ${redactCardNumbersIn(f.value ?? '')}`);
      return { direction, createdAt, kind: 'aitp:data', text: fields.join('\n').slice(0, 2000), body: { redacted: true, fields }, remoteId };
    }
    const signature = merchantCheck(m, quotes);
    const body: AitpBody = { message: m, ...(signature ? { signature } : {}), ...(item.warnings.length ? { warnings: item.warnings.slice(0, 6).map((w) => w.message.slice(0, 300)) } : {}) };
    const negotiation = negotiationOf(m, direction, signature);
    return { direction, createdAt, kind: kindOf(m), text: describe(m).slice(0, 500), body, remoteId, ...(negotiation ? { negotiation } : {}) };
  });
}

/** Whose turn it is after these messages. */
export function threadStateOf(messages: readonly MessageRecord[]): 'waiting-for-you' | 'waiting-for-agent' | 'done' {
  const open = messages.some((m) => m.direction === 'in' && REQUEST_KINDS.has(m.kind) && !m.answered && !m.problems?.length);
  if (open) return 'waiting-for-you';
  const last = messages.filter((m) => m.direction !== 'note').at(-1);
  if (last?.direction === 'out') return 'waiting-for-agent';
  const confirmed = messages.some((m) => m.kind === 'aitp:payment_confirmation' && m.negotiation?.stage === 'confirmed');
  return confirmed ? 'done' : 'waiting-for-you';
}

/** The typed message in a stored record, or null. */
export function aitpOf<K extends AitpMessage['kind']>(record: Pick<MessageRecord, 'body'>, kind: K): MessageOf<K> | null {
  const body = record.body as AitpBody | undefined;
  return body?.message?.kind === kind ? (body.message as MessageOf<K>) : null;
}
