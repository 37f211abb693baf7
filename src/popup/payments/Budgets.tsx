import { useEffect, useState } from 'preact/hooks';
import type { BudgetView } from '../../shared/api';
import { background } from '../../shared/rpc-client';

/** Per-site daily budgets: payments inside one go through without asking. */
export function Budgets() {
  const [budgets, setBudgets] = useState<BudgetView[] | null>(null);
  const [origin, setOrigin] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [cap, setCap] = useState('');
  const [capNote, setCapNote] = useState<string | null>(null);
  const load = () => background.budgets().then(setBudgets, () => setBudgets([]));
  useEffect(() => void background.dailyCap().then((c) => setCap(c ?? '')), []);

  const saveCap = async (e: Event) => {
    e.preventDefault();
    const result = await background.setDailyCap(cap.trim() || null);
    setCapNote(result.ok ? (result.value ? `At most ${result.value} USDC a day across all sites.` : 'No cap across sites.') : result.error);
  };
  useEffect(() => void load(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    const result = await background.setBudget(origin.trim(), amount.trim());
    if (!result.ok) return setError(result.error);
    setError(null);
    setOrigin('');
    setAmount('');
    void load();
  };

  return (
    <section class="card stack" aria-labelledby="budgets-h" data-testid="budgets">
      <h3 id="budgets-h">Budgets per site</h3>
      {budgets?.length === 0 && <p class="muted small">No budgets: every payment asks you first.</p>}
      <ul class="list">
        {budgets?.map((b) => (
          <li class="row spread" data-testid="budget" data-origin={b.origin}>
            <div>
              <strong class="origin">{b.origin}</strong>
              <p class="small muted">
                {b.spent} of {b.limit} spent in the last 24 h · {b.remaining} left · {b.chain}
              </p>
            </div>
            <button type="button" class="btn btn--ghost btn--small" aria-label={`Delete the budget for ${b.origin}`} onClick={() => background.deleteBudget(b.origin).then(load)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form class="stack" onSubmit={save} noValidate>
        <div class="field">
          <label for="budget-origin">Site</label>
          <input id="budget-origin" placeholder="https://shop.example" value={origin} onInput={(e) => setOrigin((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="budget-amount">Up to, per day (USDC)</label>
          <input id="budget-amount" inputMode="decimal" placeholder="2.00" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn">
          Save budget
        </button>
      </form>
      <form class="stack" onSubmit={saveCap} noValidate>
        <div class="field">
          <label for="daily-cap">All sites together, per day (USDC)</label>
          <div class="row">
            <input id="daily-cap" inputMode="decimal" placeholder="no cap" value={cap} onInput={(e) => setCap((e.target as HTMLInputElement).value)} />
            <button type="submit" class="btn btn--small">
              Save
            </button>
          </div>
        </div>
        {capNote && (
          <p class="small" role="status" data-testid="cap-note">
            {capNote}
          </p>
        )}
      </form>
    </section>
  );
}
