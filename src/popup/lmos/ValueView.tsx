// A JSON value from an agent, shown as text: objects as a table of their members, the rest as
// formatted JSON. Nothing from the agent is ever interpreted as markup.
export function ValueView({ value, label }: { value: unknown; label: string }) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).slice(0, 40);
    return (
      <dl class="facts" aria-label={label} data-testid="value-table">
        {entries.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd class={v !== null && typeof v === 'object' ? 'mono small' : undefined}>{v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
          </>
        ))}
      </dl>
    );
  }
  return (
    <pre class="output mono small" aria-label={label}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}
