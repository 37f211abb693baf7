import { useState } from 'preact/hooks';
import { background } from '../../shared/rpc-client';
import { MIN_PASSWORD_LENGTH } from '../../shared/api';
import { PasswordInput } from '../components/PasswordInput';
import { StepHeader } from './Onboarding';
import { useAction } from '../use-action';

export function ChoosePassword({ phrase, onBack, onDone }: { phrase: string; onBack: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useAction();
  const tooShort = password.length < MIN_PASSWORD_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== password;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (tooShort || password !== repeat) {
      setError(tooShort ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : 'The two passwords differ.');
      return;
    }
    await run(() => background.createVault(phrase, password), onDone);
  };

  return (
    <main class="onboarding">
      <StepHeader title="Choose a password" step={3} of={3} onBack={onBack} />
      <p>It unlocks Emissary on this device. It cannot recover your wallet — only the phrase can.</p>
      <form class="stack" onSubmit={submit} noValidate>
        <PasswordInput id="new-password" label="Password" value={password} onInput={setPassword} autoFocus autoComplete="new-password" describedBy="pw-hint" />
        <p id="pw-hint" class={`hint ${password && tooShort ? 'hint--warn' : ''}`}>
          At least {MIN_PASSWORD_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.
        </p>
        <PasswordInput id="repeat-password" label="Repeat password" value={repeat} onInput={setRepeat} autoComplete="new-password" invalid={mismatch} />
        {(error || mismatch) && (
          <p class="error" role="alert">
            {error ?? 'The two passwords differ.'}
          </p>
        )}
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? 'Encrypting your wallet…' : 'Create wallet'}
        </button>
        {busy && (
          <p class="hint" role="status">
            Deriving a key from your password (600,000 rounds of PBKDF2). This takes a moment.
          </p>
        )}
      </form>
    </main>
  );
}
