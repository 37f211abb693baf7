import { useEffect, useState } from 'preact/hooks';
import type { PaymentReceipt } from '../../shared/api';
import { background } from '../../shared/rpc-client';
import { Receipt } from './Receipt';

const PAGE = 10;

export function History() {
  const [payments, setPayments] = useState<PaymentReceipt[] | null>(null);
  // A few receipts at a time: each is a full card, and a long history should not slow the popup.
  const [shown, setShown] = useState(PAGE);
  useEffect(() => {
    background.paymentHistory().then(setPayments, () => setPayments([]));
  }, []);
  return (
    <section class="stack" aria-labelledby="history-h" data-testid="history">
      <h3 id="history-h">Payments</h3>
      {payments?.length === 0 && <p class="muted small">No payments yet.</p>}
      {payments?.slice(0, shown).map((p) => <Receipt receipt={p} />)}
      {payments && payments.length > shown && (
        <button type="button" class="btn btn--ghost" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, payments.length - shown)} more
        </button>
      )}
    </section>
  );
}
