// AITP-01: quotes as negotiation cards (paid through Approvals), payments and confirmations.
import type { AitpBody } from '../../../background/aitp/convert';
import { formatDecimalAmount, type MessageOf } from '../../../protocols/aitp';
import { useNavigate } from '../../navigation';
import type { MessageWidgetProps } from '../renderers';
import { Answered, ErrorLine, bodyOf, safeUrl, useSubmit } from './common';

const SIGNATURE_TEXT = { verified: 'Signature verified', invalid: 'Signature NOT valid', unchecked: 'Signature not checked' } as const;

function SignatureBadge({ body }: { body: AitpBody }) {
  const s = body.signature;
  if (!s) return null;
  const detail = s.status === 'verified' ? `by the merchant key ${s.key.slice(0, 20)}…` : s.reason;
  return (
    <p class={`aitp-sig aitp-sig--${s.status}`} data-testid="aitp-signature" data-status={s.status} title={detail}>
      {s.status === 'verified' ? '✓' : s.status === 'invalid' ? '✗' : '?'} {SIGNATURE_TEXT[s.status]} <span class="muted">— {detail}</span>
    </p>
  );
}

const ROLE_WORDS: Record<string, string> = { personal_assistant: 'personal assistant', discovery: 'discovery', service: 'service', other: 'other' };

function methodWords(m: { type: string; token: string; recipient: string }): string {
  if (m.type === 'x402') {
    const chain = /^eip155:(\d+)\/erc20:(0x[0-9a-fA-F]{40})$/.exec(m.token);
    return `x402 on chain ${chain ? chain[1] : '?'}, token ${chain ? `${chain[2].slice(0, 10)}…` : m.token}, to ${m.recipient}`;
  }
  return `NEAR payment channel, ${m.token}, to ${m.recipient} (not supported yet)`;
}

export function QuoteWidget(props: MessageWidgetProps) {
  const body = bodyOf(props);
  const msg = body?.message as MessageOf<'payments.quote'> | undefined;
  const { busy, error, submit } = useSubmit(props.answer);
  const navigate = useNavigate();
  if (!msg || !body) return <span>{props.message.text}</span>;
  if (msg.body.type === 'Quote') {
    const q = msg.body;
    return (
      <div class="stack aitp-card" data-testid="aitp-quote">
        <strong>Quote {q.quote_id}</strong>
        <p>From {q.payee_id}, valid until {new Date(q.valid_until).toLocaleString()}</p>
        <ul>{q.payment_plans.map((p) => <li>{formatDecimalAmount(p.amount, p.currency)} ({p.plan_type})</li>)}</ul>
        <p class="muted">This quote form (NEAR AI Hub) is paid through the agent's own flow; Emissary shows it only.</p>
      </div>
    );
  }
  const q = msg.body;
  const expired = q.expiration ? Date.parse(q.expiration) <= Date.now() : false;
  return (
    <div class="stack aitp-card aitp-quote" data-testid="aitp-quote">
      <header class="row spread">
        <strong>Quote</strong>
        <span class="muted" title={q.quote_id}>{q.quote_id.slice(0, 24)}</span>
      </header>
      <p data-testid="aitp-quote-description">{q.description}</p>
      <dl class="facts">
        <dt>Merchant</dt>
        <dd class="pre" title={q.merchant_id}>{q.merchant_id.length > 24 ? `${q.merchant_id.slice(0, 12)}…${q.merchant_id.slice(-6)}` : q.merchant_id}</dd>
        {q.expiration && (
          <>
            <dt>Valid until</dt>
            <dd>{new Date(q.expiration).toLocaleString()}{expired ? ' — expired' : ''}</dd>
          </>
        )}
        {q.revenue_share && (
          <>
            <dt>Revenue share</dt>
            <dd data-testid="aitp-revenue-share">
              {(q.revenue_share.affiliate_share_bps / 100).toFixed(2)}% to affiliates
              {q.revenue_share.affiliates?.length ? `: ${q.revenue_share.affiliates.map((a) => `${a.id} (${ROLE_WORDS[a.role]})`).join(', ')}` : ''}
            </dd>
          </>
        )}
      </dl>
      <SignatureBadge body={body} />
      {body.warnings?.map((w) => <p class="muted">{w}</p>)}
      <ul class="stack aitp-options" aria-label="Payment options">
        {q.payment_options.map((o, i) => (
          <li class="aitp-option">
            <span class="aitp-price" data-testid="aitp-quote-amount">{o.amount === undefined ? `Open amount (${o.currency})` : formatDecimalAmount(o.amount, o.currency)}</span>
            {o.payment_methods.map((m) => <span class="muted">{methodWords(m)}</span>)}
            {!props.message.answered && (
              <button type="button" class="btn btn--primary" data-testid="aitp-pay" disabled={busy || expired || body.signature?.status === 'invalid' || o.amount === undefined}
                onClick={() => void submit({ optionIndex: i })}>
                {busy ? 'Starting…' : `Pay ${o.amount === undefined ? '' : formatDecimalAmount(o.amount, o.currency)}`}
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.message.answered && (
        <div class="stack">
          <Answered summary={props.message.answered.summary} />
          <button type="button" class="btn btn--small" onClick={() => navigate('approvals')} data-testid="aitp-open-approvals">
            Open Approvals
          </button>
        </div>
      )}
      <ErrorLine error={error} />
    </div>
  );
}

export function ConfirmationWidget(props: MessageWidgetProps) {
  const body = bodyOf(props);
  const msg = body?.message as MessageOf<'payments.payment_confirmation'> | MessageOf<'payments.payment_result'> | undefined;
  if (!msg || !body) return <span>{props.message.text}</span>;
  const c = msg.body;
  const title = c.result === 'success' ? 'Payment confirmed' : c.result === 'failure' ? 'Payment refused' : 'Payment pending';
  return (
    <div class={`stack aitp-card aitp-result aitp-result--${c.result}`} data-testid="aitp-confirmation" data-result={c.result} role="status">
      <strong>{title}</strong>
      {c.message && <p>{c.message}</p>}
      {c.details && c.details.length > 0 && (
        <dl class="facts">
          {c.details.map((d) => (
            <>
              <dt>{d.label}</dt>
              <dd class="pre">{safeUrl(d.url) ? <a href={safeUrl(d.url)} target="_blank" rel="noreferrer noopener">{String(d.value)}</a> : String(d.value)}</dd>
            </>
          ))}
        </dl>
      )}
      <SignatureBadge body={body} />
    </div>
  );
}

export function PaymentWidget(props: MessageWidgetProps) {
  const msg = bodyOf(props)?.message as MessageOf<'payments.payment'> | undefined;
  if (!msg) return <span>{props.message.text}</span>;
  const p = msg.body;
  return (
    <div class="stack" data-testid="aitp-payment">
      <strong>You paid {p.payment_method.amount ? formatDecimalAmount(p.payment_method.amount, p.payment_method.currency) : p.payment_method.currency}</strong>
      <span class="muted pre" title={p.payment_method.channel_id}>Transaction {p.payment_method.channel_id.slice(0, 18)}…, signed by {p.payer_id.slice(0, 10)}…</span>
    </div>
  );
}
