import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PaymentReceipt } from '../../shared/api';
import type { ConsentView } from '../../shared/api-inbox';
import { background } from '../../shared/rpc-client';
import { Receipt } from '../payments/Receipt';
import { ConsentCard } from '../consent/ConsentCard';

export function ApprovalsView({ onChange }: { onChange?: () => void }) {
  const [pending, setPending] = useState<PaymentReceipt[] | null>(null);
  const [consents, setConsents] = useState<ConsentView[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(() => {
    background.pendingPayments().then(setPending, (e: Error) => setMessage({ kind: 'error', text: e.message }));
    background.pendingConsents().then(setConsents, (e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, []);
  useEffect(load, [load]);

  const after = async (work: Promise<{ ok: boolean; error?: string }>, done: string) => {
    const result = await work.catch((e: Error) => ({ ok: false, error: e.message }));
    setMessage(result.ok ? { kind: 'ok', text: done } : { kind: 'error', text: result.error ?? 'That did not work.' });
    load();
    onChange?.();
  };

  if (!pending) return <p class="muted" role="status">Loading approvals…</p>;
  return (
    <div class="stack" data-testid="approvals-view">
      {message && (
        <p class={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {consents.map((c, i) => (
        <ConsentCard consent={c} autoFocus={i === 0 && pending.length === 0}>
          <div class="row actions">
            <button type="button" class="btn btn--primary" data-testid="consent-approve" onClick={() => after(background.decideConsent(c.id, 'approve', c.contentHash), `Approved: ${c.title}.`)}>
              Approve
            </button>
            <button type="button" class="btn" data-testid="consent-reject" onClick={() => after(background.decideConsent(c.id, 'reject', c.contentHash), 'Rejected.')}>
              Reject
            </button>
          </div>
          <div class="row">
            <button type="button" class="btn btn--ghost btn--small" onClick={() => after(background.rejectAllFrom(c.origin), `Rejected everything pending from ${c.origin}.`)}>
              Reject all from this site
            </button>
          </div>
        </ConsentCard>
      ))}
      {pending.length === 0 && consents.length === 0 ? (
        <div class="empty">
          <h2>Nothing waiting for you</h2>
          <p>Payments and signatures that a site asks for, and that no budget of yours covers, wait here for your decision.</p>
        </div>
      ) : (
        pending.map((r, i) => (
          <Receipt receipt={r} autoFocus={i === 0}>
            <div class="row actions">
              <button
                type="button"
                class="btn btn--primary"
                data-testid="approve"
                onClick={() => after(background.decidePayment(r.id, 'approve', r.contentHash), `Approved ${r.amount} to ${r.origin}.`)}
              >
                Approve {r.amount}
              </button>
              <button type="button" class="btn" data-testid="reject" onClick={() => after(background.decidePayment(r.id, 'reject', r.contentHash), 'Rejected.')}>
                Reject
              </button>
            </div>
            <div class="row">
              <button type="button" class="btn btn--ghost btn--small" onClick={() => after(background.rejectAllFrom(r.origin), `Rejected everything pending from ${r.origin}.`)}>
                Reject all from this site
              </button>
              <button type="button" class="btn btn--ghost btn--small" onClick={() => after(background.blockSite(r.origin), `${r.origin} is blocked: its requests are refused.`)}>
                Block this site
              </button>
            </div>
          </Receipt>
        ))
      )}
    </div>
  );
}
