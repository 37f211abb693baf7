import { useMemo, useState } from 'preact/hooks';
import { StepHeader } from './Onboarding';

/** Asks for three words at random positions, to be sure the phrase was really written down. */
export function ConfirmPhrase({ words, onBack, onNext }: { words: string[]; onBack: () => void; onNext: () => void }) {
  const positions = useMemo(() => pickPositions(words.length, 3), [words]);
  const [answers, setAnswers] = useState<string[]>(positions.map(() => ''));
  const [tried, setTried] = useState(false);
  const wrong = positions.map((p, i) => answers[i].trim().toLowerCase() !== words[p]);

  const submit = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (!wrong.some(Boolean)) onNext();
  };

  return (
    <main class="onboarding">
      <StepHeader title="Confirm your phrase" step={2} of={3} onBack={onBack} />
      <p>Type the words at these positions.</p>
      <form onSubmit={submit} class="stack" noValidate>
        {positions.map((p, i) => (
          <div class="field" key={p}>
            <label for={`confirm-${p}`}>Word #{p + 1}</label>
            <input
              id={`confirm-${p}`}
              data-testid="confirm-word"
              data-index={p}
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              autoFocus={i === 0}
              value={answers[i]}
              aria-invalid={(tried && wrong[i]) || undefined}
              onInput={(e) => setAnswers(answers.map((a, j) => (j === i ? (e.target as HTMLInputElement).value : a)))}
            />
          </div>
        ))}
        {tried && wrong.some(Boolean) && (
          <p class="error" role="alert">
            {wrong.filter(Boolean).length === 1 ? 'One word does not match' : 'Some words do not match'} your phrase. Check the
            numbers and try again.
          </p>
        )}
        <button type="submit" class="btn btn--primary">
          Continue
        </button>
      </form>
    </main>
  );
}

function pickPositions(length: number, count: number): number[] {
  const picked = new Set<number>();
  const random = new Uint32Array(1);
  while (picked.size < count) {
    crypto.getRandomValues(random);
    picked.add(random[0] % length);
  }
  return [...picked].sort((a, b) => a - b);
}
