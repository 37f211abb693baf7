import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ConsentView } from '../../shared/api-inbox';

/** A request that is not a payment (tool call, signature, data release), read before deciding. */
export function ConsentCard({ consent: c, children, autoFocus }: { consent: ConsentView; children?: ComponentChildren; autoFocus?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!autoFocus || !ref.current) return;
    ref.current.scrollIntoView({ block: 'nearest' });
    ref.current.focus({ preventScroll: true });
  }, [autoFocus, c.id]);
  return (
    <article ref={ref} class="card receipt" data-testid="consent" data-kind={c.kind} aria-label={`${c.origin}: ${c.title}`} tabIndex={autoFocus ? -1 : undefined}>
      <header class="row spread">
        <strong class="origin">{c.origin}</strong>
        <span class="pill">Waiting for you</span>
      </header>
      <h3 class="consent-title" data-testid="consent-title">
        {c.title}
      </h3>
      <p>{c.summary}</p>
      {c.warnings.map((w) => (
        <p class="error" role="note">
          {w}
        </p>
      ))}
      {c.details.length > 0 && (
        <dl class="facts">
          {c.details.map((d) => (
            <>
              <dt>{d.label}</dt>
              <dd class="pre">{d.value}</dd>
            </>
          ))}
        </dl>
      )}
      <p class="muted">Expires {new Date(c.expiresAt).toLocaleTimeString()}</p>
      {c.raw && (
        <details>
          <summary>Show exactly what would be sent or signed</summary>
          <pre class="output">{c.raw}</pre>
        </details>
      )}
      {children}
    </article>
  );
}
