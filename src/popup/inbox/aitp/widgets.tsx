// AITP messages as native UI in the Inbox: decisions (radio, checkbox, confirmation, product cards), data
// requests (form with per-field profile autofill), quotes (negotiation card, pay through Approvals), payment
// confirmations, and NEAR / EVM wallet requests (in words, decided in Approvals or right here).
// Everything the agent wrote is rendered as text; links only when they are http(s).
import { useEffect, useState } from 'preact/hooks';
import type { AitpBody } from '../../../background/aitp/convert';
import {
  decisionView, describeNearTransaction, formatDecimalAmount, requestDataForm, suggestFromProfile,
  type DataField, type FormFieldView, type MessageOf, type OptionView, type Profile,
} from '../../../protocols/aitp';
import type { ConsentView } from '../../../shared/api-inbox';
import { background } from '../../../shared/rpc-client';
import { useNavigate } from '../../navigation';
import { registerMessageWidget, type MessageWidgetProps } from '../renderers';
import './aitp.css';

const bodyOf = (p: MessageWidgetProps) => p.message.body as AitpBody | undefined;
const safeUrl = (u?: string) => (u && /^https?:\/\//i.test(u) ? u : undefined);

function Answered({ summary }: { summary: string }) {
  return (
    <p class="aitp-answered" data-testid="aitp-answered">
      ✓ {summary}
    </p>
  );
}

function useSubmit(answer: MessageWidgetProps['answer']) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (value: unknown) => {
    setBusy(true);
    setError(null);
    const e = await answer(value);
    setBusy(false);
    if (e) setError(e);
  };
  return { busy, error, submit };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert" data-testid="aitp-error">
      {error}
    </p>
  ) : null;
}

// ---- AITP-02 decisions ------------------------------------------------------------------------

function Stars({ stars, reviews }: { stars: number; reviews?: number }) {
  const rounded = Math.round(Math.min(5, Math.max(0, stars)));
  return (
    <span class="aitp-stars" aria-label={`Rated ${stars} out of 5${reviews !== undefined ? ` by ${reviews} reviewers` : ''}`}>
      <span aria-hidden="true">{'★'.repeat(rounded)}{'☆'.repeat(5 - rounded)}</span> <span class="muted">{stars.toFixed(1)}{reviews !== undefined ? ` (${reviews})` : ''}</span>
    </span>
  );
}

function ProductCard({ option, name, selected, onSelect, chosenVariant, onVariant }: {
  option: OptionView; name: string; selected: boolean; onSelect: () => void; chosenVariant?: string; onVariant: (id: string) => void;
}) {
  const price = option.price ?? option.variants.find((v) => v.id === chosenVariant)?.price;
  return (
    <label class={`aitp-product ${selected ? 'aitp-product--selected' : ''}`} data-option-id={option.id}>
      <input type="radio" name={name} checked={selected} onChange={onSelect} />
      {safeUrl(option.imageUrl) && <img src={safeUrl(option.imageUrl)} alt="" width={56} height={56} loading="lazy" referrerpolicy="no-referrer" />}
      <span class="aitp-product__text">
        <strong>{option.name}</strong>
        {option.description && <span class="muted">{option.description}</span>}
        {option.rating && <Stars stars={option.rating.stars} reviews={option.rating.reviews} />}
        {price && <span class="aitp-price" data-testid="aitp-price">{price.text}{price.expired ? ' (price expired)' : ''}</span>}
        {option.variants.length > 0 && (
          <span class="row" role="group" aria-label={`Variants of ${option.name}`}>
            {option.variants.map((v) => (
              <button type="button" class={`chip ${chosenVariant === v.id ? 'chip--on' : ''}`} aria-pressed={chosenVariant === v.id} data-variant-id={v.id}
                onClick={(e) => { e.preventDefault(); onSelect(); onVariant(v.id); }}>
                {v.shortName ?? v.name}
              </button>
            ))}
          </span>
        )}
      </span>
    </label>
  );
}

function DecisionWidget(props: MessageWidgetProps) {
  const msg = bodyOf(props)?.message as MessageOf<'decisions.request_decision'> | undefined;
  const [chosen, setChosen] = useState<string[]>([]);
  const [variants, setVariants] = useState<Record<string, string>>({});
  const [quantity, setQuantity] = useState('1');
  const { busy, error, submit } = useSubmit(props.answer);
  if (!msg) return <span>{props.message.text}</span>;
  const view = decisionView(msg);
  const group = `aitp-d-${props.message.id}`;
  if (props.message.answered) {
    return (
      <div class="stack">
        <strong>{view.title ?? 'The agent asked you to choose'}</strong>
        <Answered summary={props.message.answered.summary} />
      </div>
    );
  }
  const toggle = (id: string) => setChosen(view.multiple ? (chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]) : [id]);
  const send = (e: Event) => {
    e.preventDefault();
    const q = Number.parseInt(quantity, 10);
    const choices = chosen.map((id) => {
      const option = view.options.find((o) => o.id === id);
      const pick = option && option.variants.length ? variants[id] ?? option.variants[0].id : id;
      return view.withQuantity ? { id: pick, quantity: q } : { id: pick };
    });
    void submit({ choices });
  };
  return (
    <form class="stack aitp-card" data-testid="aitp-decision" data-type={view.type} onSubmit={send}>
      <fieldset class="stack">
        <legend>
          <strong>{view.title ?? 'Choose'}</strong>
        </legend>
        {view.description && <p class="muted">{view.description}</p>}
        {view.type === 'products'
          ? view.options.map((o) => (
              <ProductCard option={o} name={group} selected={chosen.includes(o.id)} onSelect={() => setChosen([o.id])}
                chosenVariant={variants[o.id]} onVariant={(v) => setVariants({ ...variants, [o.id]: v })} />
            ))
          : view.options.map((o) => (
              <label class="row aitp-choice" data-option-id={o.id}>
                <input type={view.multiple ? 'checkbox' : 'radio'} name={group} checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} />
                <span>{o.name}{o.description ? <span class="muted"> — {o.description}</span> : null}</span>
              </label>
            ))}
      </fieldset>
      {view.withQuantity && (
        <div class="field">
          <label for={`${group}-qty`}>Quantity</label>
          <input id={`${group}-qty`} type="number" min={1} max={100} step={1} value={quantity} onInput={(e) => setQuantity((e.target as HTMLInputElement).value)} data-testid="aitp-quantity" />
        </div>
      )}
      <ErrorLine error={error} />
      <button type="submit" class="btn btn--primary" disabled={busy || chosen.length === 0} data-testid="aitp-decision-send">
        {busy ? 'Sending…' : view.type === 'confirmation' ? 'Answer' : 'Send my choice'}
      </button>
    </form>
  );
}

// ---- AITP-03 data request ---------------------------------------------------------------------

function FieldInput({ field, id, value, onInput }: { field: FormFieldView; id: string; value: string; onInput: (v: string) => void }) {
  const common = { id, name: field.name, required: field.required, value, autocomplete: 'off', onInput: (e: Event) => onInput((e.target as HTMLInputElement).value) };
  if (field.input === 'textarea') return <textarea {...common} />;
  if (field.input === 'select' && field.options) {
    return (
      <select {...common} onChange={(e) => onInput((e.target as HTMLSelectElement).value)}>
        <option value="">Choose…</option>
        {field.options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    );
  }
  const type = field.sensitive ? 'password' : field.input === 'email' ? 'email' : field.input === 'tel' ? 'tel' : field.input === 'number' ? 'text' : 'text';
  return <input {...common} type={type} inputMode={field.input === 'number' ? 'decimal' : undefined} list={field.input === 'combobox' && field.options ? `${id}-list` : undefined} />;
}

function DataWidget(props: MessageWidgetProps) {
  const msg = bodyOf(props)?.message as MessageOf<'data.request_data'> | undefined;
  const [remote, setRemote] = useState<DataField[] | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [profile, setProfile] = useState<Profile>({});
  const [use, setUse] = useState<Record<string, boolean>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(props.answer);
  useEffect(() => {
    background.aitpProfile().then((r) => r.ok && setProfile(r.value), () => undefined);
  }, []);
  if (!msg) return <span>{props.message.text}</span>;
  const form = requestDataForm(msg, { agentOrigin: new URL(props.thread.agent.url).origin, remoteFields: remote });
  if (props.message.answered) {
    return (
      <div class="stack">
        <strong>{form.title ?? form.description}</strong>
        <Answered summary={props.message.answered.summary} />
      </div>
    );
  }
  const fetchForm = async (allowOther: boolean) => {
    const r = await background.aitpRemoteForm(props.thread.id, props.message.id, allowOther);
    if (r.ok) setRemote(r.value);
    else setLoadError(r.error);
  };
  const suggestions = suggestFromProfile(form, profile);
  const fillable = form.fields.filter((f) => suggestions[f.name] !== undefined);
  const fill = () => {
    const next = { ...values };
    for (const f of fillable) if (use[f.name] !== false) next[f.name] = suggestions[f.name];
    setValues(next);
  };
  const source = form.source;
  const prefix = `aitp-f-${props.message.id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const withDefaults = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const f of form.fields) out[f.name] = values[f.name] ?? f.defaultValue ?? '';
    return out;
  };
  return (
    <form class="stack aitp-card" data-testid="aitp-form" onSubmit={(e) => { e.preventDefault(); void submit({ values: withDefaults(), ...(remote ? { remoteFields: remote } : {}) }); }}>
      <strong>{form.title ?? 'The agent asks for information'}</strong>
      <p>{form.description}</p>
      {source.kind === 'remote' && !remote && (
        <div class="stack">
          <p class="muted">The form is at <span class="origin">{source.url}</span>{source.sameOrigin ? ' (the agent\'s own site)' : ' — another site than the agent\'s'}.</p>
          <button type="button" class="btn" onClick={() => void fetchForm(!source.sameOrigin)} data-testid="aitp-fetch-form">
            {source.sameOrigin ? 'Load the form' : 'Allow fetching the form from that site'}
          </button>
          <ErrorLine error={loadError} />
        </div>
      )}
      {fillable.length > 0 && (
        <fieldset class="stack aitp-profile" data-testid="aitp-profile">
          <legend>From your profile (nothing is sent before you press {form.submitLabel})</legend>
          {fillable.map((f) => (
            <label class="row">
              <input type="checkbox" checked={use[f.name] !== false} onChange={(e) => setUse({ ...use, [f.name]: (e.target as HTMLInputElement).checked })} data-testid="aitp-use-profile" data-field={f.name} />
              <span>{f.label}: <span class="muted">{suggestions[f.name]}</span></span>
            </label>
          ))}
          <button type="button" class="btn btn--small" onClick={fill} data-testid="aitp-fill-profile">
            Fill the ticked fields
          </button>
        </fieldset>
      )}
      {form.fields.map((f) => (
        <div class="field">
          <label for={`${prefix}-${f.name}`}>
            {f.label}
            {f.required ? <span aria-hidden="true"> *</span> : <span class="muted"> (optional)</span>}
          </label>
          {f.description && <span class="muted">{f.description}</span>}
          <FieldInput field={f} id={`${prefix}-${f.name}`} value={values[f.name] ?? f.defaultValue ?? ''} onInput={(v) => setValues({ ...values, [f.name]: v })} />
          {f.input === 'combobox' && f.options && (
            <datalist id={`${prefix}-${f.name}-list`}>
              {f.options.map((o) => (
                <option value={o.value}>{o.label}</option>
              ))}
            </datalist>
          )}
          {f.sensitive && <span class="muted">Shown as •••• in this conversation after sending.</span>}
        </div>
      ))}
      <ErrorLine error={error} />
      <button type="submit" class="btn btn--primary" disabled={busy || form.fields.length === 0} data-testid="aitp-form-send">
        {busy ? 'Sending…' : form.submitLabel}
      </button>
    </form>
  );
}

function SentDataWidget(props: MessageWidgetProps) {
  const body = props.message.body as { redacted?: boolean; fields?: string[] } | undefined;
  return (
    <div class="stack" data-testid="aitp-data-sent">
      <strong>You sent</strong>
      <ul class="aitp-facts">{(body?.fields ?? (props.message.text ?? '').split('\n')).map((f) => <li>{f}</li>)}</ul>
    </div>
  );
}

// ---- AITP-01 payments -------------------------------------------------------------------------

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

function QuoteWidget(props: MessageWidgetProps) {
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

function ConfirmationWidget(props: MessageWidgetProps) {
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

function PaymentWidget(props: MessageWidgetProps) {
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

// ---- AITP-04 / AITP-05 wallet requests ---------------------------------------------------------

function walletWords(body: AitpBody): { title: string; rows: { label: string; value: string }[] } {
  const m = body.message;
  switch (m.kind) {
    case 'near.request_message_signing':
      return { title: 'Sign a NEAR message (NEP-413)', rows: [{ label: 'Message', value: m.body.message.message }, { label: 'Recipient', value: m.body.message.recipient }, { label: 'Nonce', value: m.body.message.nonce }] };
    case 'near.request_account':
      return { title: 'Share your NEAR account', rows: [] };
    case 'near.request_transaction':
      return { title: `NEAR transaction to ${m.body.transaction.receiver_id}`, rows: describeNearTransaction(m.body.transaction).map((a, i) => ({ label: `Action ${i + 1}`, value: a })) };
    case 'evm.request_address':
      return { title: 'Share your EVM address', rows: m.body.chain_id ? [{ label: 'Chain', value: String(m.body.chain_id) }] : [] };
    case 'evm.request_transaction':
      return { title: `EVM transaction to ${m.body.transaction.to}`, rows: [{ label: 'Value', value: m.body.transaction.value ?? '0x0' }, { label: 'Data', value: (m.body.transaction.data ?? '0x').slice(0, 80) }] };
    case 'evm.request_message_signing':
      if (m.body.signing_type === 'personal_sign') return { title: 'Sign a message (personal_sign)', rows: [{ label: 'Message', value: m.body.message }] };
      return {
        title: `Sign ${m.body.typed_data.primaryType} (EIP-712)`,
        rows: [
          ...Object.entries(m.body.typed_data.domain).map(([k, v]) => ({ label: `domain.${k}`, value: typeof v === 'object' ? JSON.stringify(v) : String(v) })),
          ...Object.entries(m.body.typed_data.message).map(([k, v]) => ({ label: k, value: typeof v === 'object' ? JSON.stringify(v) : String(v) })),
        ],
      };
    case 'evm.chain_notification':
      return { title: `The agent suggests chain ${m.body.chain_id}${m.body.name ? ` (${m.body.name})` : ''}`, rows: [] };
    case 'evm.token_notification':
      return { title: `The agent suggests token ${m.body.symbol} on chain ${m.body.chain_id}`, rows: [{ label: 'Contract', value: m.body.token_contract }] };
    case 'near.token_notification':
      return { title: `The agent suggests token ${m.body.token_contract}`, rows: [] };
    default:
      return { title: 'Wallet request', rows: [] };
  }
}

function WalletWidget(props: MessageWidgetProps) {
  const body = bodyOf(props);
  const [consent, setConsent] = useState<ConsentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const consentId = body?.consentId;
  useEffect(() => {
    if (!consentId || props.message.answered) return;
    background.pendingConsents().then((all) => setConsent(all.find((c) => c.id === consentId) ?? null), () => undefined);
  }, [consentId, props.message.answered]);
  if (!body) return <span>{props.message.text}</span>;
  const { title, rows } = walletWords(body);
  const decide = async (d: 'approve' | 'reject') => {
    if (!consent) return;
    const r = await background.decideConsent(consent.id, d, consent.contentHash).catch((e: Error) => ({ ok: false as const, error: e.message }));
    if (!r.ok) setError(r.error);
    else setConsent(null);
  };
  return (
    <div class="stack aitp-card" data-testid="aitp-wallet" data-kind={props.message.kind}>
      <strong>{title}</strong>
      {'description' in body.message.body && typeof body.message.body.description === 'string' && <p>{body.message.body.description}</p>}
      {rows.length > 0 && (
        <dl class="facts">
          {rows.map((r) => (
            <>
              <dt>{r.label}</dt>
              <dd class="pre">{r.value}</dd>
            </>
          ))}
        </dl>
      )}
      {props.message.answered ? (
        <Answered summary={props.message.answered.summary} />
      ) : consent ? (
        <div class="row">
          <button type="button" class="btn btn--primary" onClick={() => void decide('approve')} data-testid="aitp-wallet-approve">
            Approve and sign
          </button>
          <button type="button" class="btn" onClick={() => void decide('reject')} data-testid="aitp-wallet-reject">
            Decline
          </button>
        </div>
      ) : (
        <p class="muted">Waiting for your decision in Approvals.</p>
      )}
      <ErrorLine error={error} />
    </div>
  );
}

registerMessageWidget('aitp:request_decision', DecisionWidget);
registerMessageWidget('aitp:request_data', DataWidget);
registerMessageWidget('aitp:data', SentDataWidget);
registerMessageWidget('aitp:quote', QuoteWidget);
registerMessageWidget('aitp:payment', PaymentWidget);
registerMessageWidget('aitp:payment_confirmation', ConfirmationWidget);
registerMessageWidget('aitp:payment_result', ConfirmationWidget);
for (const kind of ['near.request_account', 'near.request_transaction', 'near.request_message_signing', 'near.token_notification', 'evm.request_address',
  'evm.request_transaction', 'evm.request_message_signing', 'evm.chain_notification', 'evm.token_notification']) {
  registerMessageWidget(`aitp:${kind}`, WalletWidget);
}
