import { useState } from 'preact/hooks';
import { background } from '../../shared/rpc-client';
import { StepHeader } from './Onboarding';
import { useAction } from '../use-action';

export function ImportPhrase({ onBack, onNext }: { onBack: () => void; onNext: (phrase: string) => void }) {
  const [phrase, setPhrase] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = (e: Event) => {
    e.preventDefault();
    void run(() => background.checkMnemonic(phrase), () => onNext(phrase.trim().toLowerCase().split(/\s+/).join(' ')));
  };

  return (
    <main class="onboarding">
      <StepHeader title="Import a recovery phrase" step={1} of={2} onBack={onBack} />
      <form class="stack" onSubmit={submit} noValidate>
        <div class="field">
          <label for="import-phrase">Your 12 or 24 words, separated by spaces</label>
          <textarea
            id="import-phrase"
            rows={4}
            autoFocus
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            value={phrase}
            aria-invalid={!!error || undefined}
            aria-describedby={error ? 'import-error' : undefined}
            onInput={(e) => {
              setPhrase((e.target as HTMLTextAreaElement).value);
              setError(null);
            }}
          />
        </div>
        {error && (
          <p id="import-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn btn--primary" disabled={busy || !phrase.trim()}>
          Continue
        </button>
      </form>
    </main>
  );
}
