// Which decentralised identity (did:wba) this site sees: its own (default, unlinkable) or the shared
// named one; a new identity on demand (rotation gives a new key, so a new DID).
import { useState } from 'preact/hooks';
import type { AnpIdentityMode, AnpIdentityView } from '../../shared/api-anp';
import { background } from '../../shared/rpc-client';
import { useNavigate } from '../navigation';

export function IdentityBlock({ identity, onChange }: { identity: AnpIdentityView; onChange: (i: AnpIdentityView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const origin = identity.origin ?? '';
  const act = async (fn: () => Promise<{ ok: true; value: AnpIdentityView } | { ok: false; error: string }>) => {
    setBusy(true);
    const r = await fn().catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    if (r.ok) {
      onChange(r.value);
      setError(null);
    } else setError(r.error);
  };
  const setMode = (mode: AnpIdentityMode) => void act(() => background.anpSetIdentityMode(origin, mode));
  return (
    <div class="card anp-identity" data-testid="anp-identity" data-mode={identity.mode}>
      <h3>Your identity here</h3>
      <fieldset class="stack" style="border:0;padding:0;margin:0;gap:4px">
        <legend class="small muted">Which identity this site sees</legend>
        <label class="check"><input type="radio" name="anp-mode" checked={identity.mode === 'site'} disabled={busy} onChange={() => setMode('site')} /> Only for this site (sites cannot link you)</label>
        <label class="check"><input type="radio" name="anp-mode" checked={identity.mode === 'shared'} disabled={busy} onChange={() => setMode('shared')} /> Your shared identity “{identity.sharedName}” (sites using it can link you)</label>
      </fieldset>
      {identity.did ? (
        <>
          <code class="mono anp-wrap" data-testid="anp-did">{identity.did}</code>
          <p class="muted small">{identity.published ? 'Published at your DID host.' : 'Published at your DID host when you first sign in.'} Key {identity.path}.</p>
        </>
      ) : (
        <p class="small" role="status">{identity.problem ?? 'No identity yet.'}{' '}
          <button type="button" class="btn btn--ghost btn--small" onClick={() => navigate('settings')}>Open Settings</button>
        </p>
      )}
      <div class="row">
        <button type="button" class="btn btn--small" disabled={busy || !identity.did} onClick={() => void act(() => background.anpRotateIdentity(origin))} data-testid="anp-rotate">
          {identity.mode === 'shared' ? 'New shared identity' : 'New identity for this site'}
        </button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
