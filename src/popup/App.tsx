import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { SESSION_KEY } from '../shared/session-key';
import type { VaultStatus } from '../shared/api';
import { background } from '../shared/rpc-client';
import { Onboarding } from './onboarding/Onboarding';
import { Unlock } from './Unlock';
import { Shell } from './Shell';
import { applyStoredTheme, applyTheme } from './theme';
import { ErrorBanner } from './components/ErrorBanner';

applyStoredTheme();

export type Layout = 'popup' | 'page';

export function App({ layout }: { layout: Layout }) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await background.status());
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    void background.settings().then((s) => applyTheme(s.theme)).catch(() => {});
  }, [refresh]);

  // Locking (auto-lock, or from another window) removes the unlocked session; unlocking writes it.
  // Either way every open page follows at once.
  useEffect(() => {
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && SESSION_KEY in changes) void refresh();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [refresh]);

  // A fallback for the moment auto-lock is due, in case the change event is missed.
  useEffect(() => {
    if (status?.state !== 'unlocked' || !status.lockAt) return;
    const timer = setTimeout(refresh, Math.max(1000, status.lockAt - Date.now() + 500));
    return () => clearTimeout(timer);
  }, [status, refresh]);

  return (
    <div class={`app app--${layout}`} data-state={status?.state ?? 'loading'}>
      {error && <ErrorBanner message={error} onRetry={refresh} />}
      {!status && !error && <div class="loading" role="status" aria-live="polite">Starting Emissary…</div>}
      {status?.state === 'uninitialized' && <Onboarding onDone={refresh} />}
      {status?.state === 'locked' && <Unlock retryAt={status.retryAt} onUnlocked={refresh} />}
      {status?.state === 'unlocked' && <Shell layout={layout} onLocked={refresh} />}
    </div>
  );
}
