// What every AITP widget shares: the message's body, safe links, the answered line, submitting an answer.
import { useState } from 'preact/hooks';
import type { AitpBody } from '../../../background/aitp/convert';
import type { MessageWidgetProps } from '../renderers';

export const bodyOf = (p: MessageWidgetProps) => p.message.body as AitpBody | undefined;
export const safeUrl = (u?: string) => (u && /^https?:\/\//i.test(u) ? u : undefined);

export function Answered({ summary }: { summary: string }) {
  return (
    <p class="aitp-answered" data-testid="aitp-answered">
      ✓ {summary}
    </p>
  );
}

export function useSubmit(answer: MessageWidgetProps['answer']) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (value: unknown) => {
    setBusy(true);
    setError(null);
    const e = await answer(value);
    setBusy(false);
    if (e) setError(e);
  };
  return { busy, error, submit };
}

export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert" data-testid="aitp-error">
      {error}
    </p>
  ) : null;
}
