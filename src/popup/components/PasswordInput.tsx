import { useState } from 'preact/hooks';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  autoFocus?: boolean;
  autoComplete: 'new-password' | 'current-password';
  invalid?: boolean;
  describedBy?: string;
}

export function PasswordInput({ id, label, value, onInput, autoFocus, autoComplete, invalid, describedBy }: Props) {
  const [shown, setShown] = useState(false);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="password">
        <input
          id={id}
          type={(shown ? 'text' : 'password') as 'password'}
          value={value}
          autoFocus={autoFocus}
          autoComplete={autoComplete}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        />
        <button type="button" class="btn btn--ghost btn--small" onClick={() => setShown(!shown)} aria-pressed={shown}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  );
}
