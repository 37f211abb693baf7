import { useEffect, useState } from 'preact/hooks';
import type { AccountsView } from '../../shared/api';
import { background } from '../../shared/rpc-client';
import { CopyField } from '../components/CopyField';
import { ErrorBanner } from '../components/ErrorBanner';
import { Balances } from '../payments/Balances';
import { Budgets } from '../payments/Budgets';
import { History } from '../payments/History';

export function WalletView() {
  const [accounts, setAccounts] = useState<AccountsView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    background.accounts().then(
      (r) => (r.ok ? setAccounts(r.value) : setError(r.error)),
      (e: Error) => setError(e.message),
    );
  }, []);

  if (error) return <ErrorBanner message={error} />;
  if (!accounts) return <p class="muted" role="status">Loading accounts…</p>;
  return (
    <div class="stack" data-testid="wallet-view">
      <Balances />
      <History />
      <Budgets />
      <h3>Your addresses</h3>
      <article class="card account">
        <header class="row">
          <span class="chain chain--id" aria-hidden="true">ID</span>
          <h2>Identity</h2>
          <span class="muted small">Ed25519 · did:key</span>
        </header>
        <CopyField label="identity DID" value={accounts.identity.did} testId="identity-did" />
        <p class="muted small">Path {accounts.identity.path}</p>
      </article>
      <article class="card account">
        <header class="row">
          <span class="chain chain--evm" aria-hidden="true">Ξ</span>
          <h2>Ethereum &amp; EVM chains</h2>
        </header>
        <CopyField label="EVM address" value={accounts.evm.address} testId="evm-address" />
        <p class="muted small">Path {accounts.evm.path}</p>
      </article>
      <article class="card account">
        <header class="row">
          <span class="chain chain--near" aria-hidden="true">N</span>
          <h2>NEAR</h2>
          <span class="muted small">implicit account</span>
        </header>
        <CopyField label="NEAR account" value={accounts.near.accountId} testId="near-account" />
        <p class="muted small">Path {accounts.near.path}</p>
      </article>
    </div>
  );
}
