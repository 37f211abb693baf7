import { useEffect, useState } from 'preact/hooks';
import { background } from '../../shared/rpc-client';
import { PasswordInput } from '../components/PasswordInput';
import { useAction } from '../use-action';

const SHOW_FOR_MS = 60_000;

/** Shows the recovery phrase only after the password, and forgets it again after a minute. */
export function RecoveryPhraseSettings() {
  const [password, setPassword] = useState('');
  const [words, setWords] = useState<string[] | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    if (!words) return;
    const timer = setTimeout(() => setWords(null), SHOW_FOR_MS);
    return () => clearTimeout(timer);
  }, [words]);

  const reveal = (e: Event) => {
    e.preventDefault();
    void run(() => background.revealRecoveryPhrase(password), (w) => {
      setPassword('');
      setWords(w);
    });
  };

  return (
    <section class="card stack" aria-labelledby="phrase-h">
      <h2 id="phrase-h">Recovery phrase</h2>
      {words ? (
        <>
          <p class="muted small">Anyone with these words controls your keys and money. Write them down; never type them into a website.</p>
          <ol class="phrase" data-testid="revealed-phrase">
            {words.map((w) => (
              <li>{w}</li>
            ))}
          </ol>
          <button type="button" class="btn" onClick={() => setWords(null)}>
            Hide the phrase
          </button>
        </>
      ) : (
        <form class="stack" onSubmit={reveal} noValidate>
          <p class="muted small">Emissary asks for your password again before it shows the phrase.</p>
          <PasswordInput id="reveal-password" label="Password" value={password} onInput={setPassword} autoComplete="current-password" invalid={!!error} describedBy={error ? 'reveal-error' : undefined} />
          {error && (
            <p id="reveal-error" class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn" disabled={busy || !password} data-testid="reveal-phrase">
            {busy ? 'Checking…' : 'Show recovery phrase'}
          </button>
        </form>
      )}
    </section>
  );
}
