import { useState } from 'preact/hooks';

/** A long identifier shown in full (wrapping), with a copy button that says when it worked. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div class="copy-field">
      <code class="mono" data-testid={testId}>
        {value}
      </code>
      <button type="button" class="btn btn--ghost btn--small" onClick={copy} aria-label={`Copy ${label}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
