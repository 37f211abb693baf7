import { useEffect, useState } from 'preact/hooks';
import { background } from '../shared/rpc-client';
import { Logo } from './components/Logo';
import { PasswordInput } from './components/PasswordInput';
import { useAction } from './use-action';

export function Unlock({ retryAt, onUnlocked }: { retryAt?: number; onUnlocked: () => void }) {
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  const [waitUntil, setWaitUntil] = useState(retryAt ?? 0);
  const [now, setNow] = useState(Date.now());

  // A visible countdown, so the wait after wrong passwords is never a mystery.
  useEffect(() => {
    if (waitUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [waitUntil, now]);
  const waitSeconds = Math.ceil(Math.max(0, waitUntil - now) / 1000);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password || waitSeconds > 0) return;
    await run(() => background.unlock(password), onUnlocked, (failed) => {
      if (!failed.retryAfterMs) return;
      setNow(Date.now());
      setWaitUntil(Date.now() + failed.retryAfterMs);
    });
  };

  return (
    <main class="unlock">
      <Logo size={56} />
      <h1>Welcome back</h1>
      <p class="lede">Unlock Emissary to act for you.</p>
      <form class="stack" onSubmit={submit} noValidate>
        <PasswordInput
          id="unlock-password"
          label="Password"
          value={password}
          onInput={(v) => {
            setPassword(v);
            setError(null);
          }}
          autoFocus
          autoComplete="current-password"
          invalid={!!error}
          describedBy={error ? 'unlock-error' : undefined}
        />
        {error && (
          <p id="unlock-error" class="error" role="alert" data-testid="unlock-error">
            {waitSeconds > 0 ? error.replace(/\d+ s\./, `${waitSeconds} s.`) : error.replace(/ You can try again in \d+ s\./, '')}
          </p>
        )}
        <button type="submit" class="btn btn--primary" disabled={busy || !password || waitSeconds > 0}>
          {busy ? 'Unlocking…' : waitSeconds > 0 ? `Try again in ${waitSeconds} s` : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
