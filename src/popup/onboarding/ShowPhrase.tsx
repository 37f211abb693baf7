import { useEffect, useState } from 'preact/hooks';
import { background } from '../../shared/rpc-client';
import { StepHeader } from './Onboarding';
import { ErrorBanner } from '../components/ErrorBanner';

export function ShowPhrase({ onBack, onNext }: { onBack: () => void; onNext: (words: string[]) => void }) {
  const [length, setLength] = useState<12 | 24>(12);
  const [words, setWords] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setWords(null);
    setSaved(false);
    background.generateMnemonic(length).then(setWords, (e: Error) => setError(e.message));
  }, [length]);

  return (
    <main class="onboarding">
      <StepHeader title="Your recovery phrase" step={1} of={3} onBack={onBack} />
      <p>
        These words are the only way to restore your wallet and identity. Write them down in order and keep them offline.
        Anyone with them controls your wallet.
      </p>
      <div class="segmented" role="radiogroup" aria-label="Phrase length">
        {([12, 24] as const).map((n) => (
          <button type="button" role="radio" aria-checked={length === n} class={length === n ? 'on' : ''} onClick={() => setLength(n)}>
            {n} words
          </button>
        ))}
      </div>
      {error && <ErrorBanner message={error} />}
      <ol class="phrase" data-testid="phrase" aria-label="Recovery phrase">
        {(words ?? Array.from({ length }, () => '')).map((w, i) => (
          <li key={i}>
            <span class="n">{i + 1}</span>
            <span class="w" data-testid="phrase-word">
              {w || '…'}
            </span>
          </li>
        ))}
      </ol>
      <label class="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved((e.target as HTMLInputElement).checked)} />
        I have written these {length} words down, in order.
      </label>
      <button type="button" class="btn btn--primary" disabled={!words || !saved} onClick={() => words && onNext(words)}>
        Continue
      </button>
    </main>
  );
}
