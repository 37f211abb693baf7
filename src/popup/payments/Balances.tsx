import { useEffect, useState } from 'preact/hooks';
import type { BalanceView } from '../../shared/api';
import { background } from '../../shared/rpc-client';

export function Balances() {
  const [balances, setBalances] = useState<BalanceView[] | null>(null);
  useEffect(() => {
    background.balances().then(setBalances, () => setBalances([]));
  }, []);
  return (
    <section class="card stack" aria-labelledby="balances-h" data-testid="balances">
      <h3 id="balances-h">Balances</h3>
      {!balances && <p class="muted small">Asking the chains…</p>}
      {balances?.map((b) => (
        <div class="stack tight">
          <p class="small muted">{b.chain}</p>
          {b.error ? (
            <p class="error small">{b.error}</p>
          ) : (
            <ul class="balances">
              {b.tokens.map((t) => (
                <li data-testid="token-balance" data-symbol={t.symbol}>
                  <strong>{t.amount}</strong> {t.symbol}
                </li>
              ))}
              <li class="muted small">{b.native} ETH for fees</li>
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
