import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { PaymentReceipt } from '../../shared/api';

const STATUS_LABEL: Record<PaymentReceipt['status'], string> = {
  'awaiting-approval': 'Waiting for you',
  approved: 'Approved',
  rejected: 'Rejected',
  signed: 'Signed',
  sent: 'Sent',
  settled: 'Settled',
  failed: 'Failed',
};

const shortHex = (hex: string) => (hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-6)}` : hex);

/** A payment request read like a receipt; the raw typed data is one click away. */
export function Receipt({ receipt: r, children, autoFocus }: { receipt: PaymentReceipt; children?: ComponentChildren; autoFocus?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  // A request that needs a decision comes into view and takes focus, so the keyboard can answer it.
  useEffect(() => {
    if (!autoFocus || !ref.current) return;
    ref.current.scrollIntoView({ block: 'nearest' });
    ref.current.focus({ preventScroll: true });
  }, [autoFocus, r.id]);
  return (
    <article ref={ref} class="card receipt" data-testid="receipt" data-status={r.status} aria-label={`${r.origin} asks for ${r.amount}`} tabIndex={autoFocus ? -1 : undefined}>
      <header class="row spread">
        <strong class="origin">{r.origin}</strong>
        <span class={`pill pill--${r.status}`}>{STATUS_LABEL[r.status]}</span>
      </header>
      <p class="amount" data-testid="receipt-amount">
        {r.amount}
      </p>
      <dl class="facts">
        <dt>For</dt>
        <dd>
          {r.description && <span>{r.description} · </span>}
          <span class="mono">{r.resource}</span>
        </dd>
        <dt>To</dt>
        <dd class="mono" title={r.payTo}>
          {r.payTo}
        </dd>
        <dt>Chain</dt>
        <dd>{r.chain}</dd>
        <dt>Valid until</dt>
        <dd>{new Date(r.validUntil).toLocaleString()}</dd>
        <dt>Budget</dt>
        <dd data-testid="receipt-budget">{r.budget}</dd>
        {r.txHash && (
          <>
            <dt>Transaction</dt>
            <dd class="mono" data-testid="receipt-tx" title={r.txHash}>
              {shortHex(r.txHash)}
            </dd>
          </>
        )}
        {r.note && (
          <>
            <dt>Note</dt>
            <dd data-testid="receipt-note">{r.note}</dd>
          </>
        )}
        {r.error && (
          <>
            <dt>Why</dt>
            <dd class="error">{r.error}</dd>
          </>
        )}
      </dl>
      {children}
      <details>
        <summary>Show what would be signed</summary>
        <pre class="output">{r.typedData}</pre>
      </details>
    </article>
  );
}
