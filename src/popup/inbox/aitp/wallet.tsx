// AITP-04 / AITP-05 NEAR and EVM wallet requests, in words; decided in Approvals or right here.
import { useEffect, useState } from 'preact/hooks';
import type { AitpBody } from '../../../background/aitp/convert';
import { describeNearTransaction } from '../../../protocols/aitp';
import type { ConsentView } from '../../../shared/api-inbox';
import { background } from '../../../shared/rpc-client';
import type { MessageWidgetProps } from '../renderers';
import { Answered, ErrorLine, bodyOf } from './common';

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

export function WalletWidget(props: MessageWidgetProps) {
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
