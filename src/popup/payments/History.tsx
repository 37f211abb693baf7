import { useEffect, useState } from 'preact/hooks';
import type { PaymentReceipt } from '../../shared/api';
import { background } from '../../shared/rpc-client';
import { Receipt } from './Receipt';

export function History() {
  const [payments, setPayments] = useState<PaymentReceipt[] | null>(null);
  useEffect(() => {
    background.paymentHistory().then(setPayments, () => setPayments([]));
  }, []);
  return (
    <section class="stack" aria-labelledby="history-h" data-testid="history">
      <h3 id="history-h">Payments</h3>
      {payments?.length === 0 && <p class="muted small">No payments yet.</p>}
      {payments?.slice(0, 20).map((p) => <Receipt receipt={p} />)}
    </section>
  );
}
