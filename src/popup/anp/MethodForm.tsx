// A form generated from an OpenRPC method's params (protocols/anp/openrpc-form.ts): one labelled input
// per field, a select for enums, a yes/no select for booleans, a text area for JSON.
import { useState } from 'preact/hooks';
import type { AnpMethodView } from '../../shared/api-anp';

export function MethodForm({ method, idPrefix, busy, submitLabel, onSubmit }: { method: AnpMethodView; idPrefix: string; busy: boolean; submitLabel: string; onSubmit: (values: Record<string, string>) => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const set = (k: string, v: string) => setValues((cur) => ({ ...cur, [k]: v }));
  return (
    <form class="stack" data-testid="anp-method-form" data-method={method.name} onSubmit={(e) => { e.preventDefault(); onSubmit(values); }}>
      {method.fields.length === 0 && <p class="muted small">This method takes no parameters.</p>}
      {method.fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const hint = [f.description, f.format, f.minimum !== undefined || f.maximum !== undefined ? `${f.minimum ?? '…'}–${f.maximum ?? '…'}` : ''].filter(Boolean).join(' · ');
        return (
          <div class="field" key={f.key}>
            <label for={id}>{f.label}{f.required ? ' (required)' : ''}</label>
            {f.enum ? (
              <select id={id} name={f.key} value={values[f.key] ?? ''} onChange={(e) => set(f.key, (e.target as HTMLSelectElement).value)}>
                <option value="">{f.required ? 'Choose…' : '—'}</option>
                {f.enum.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : f.type === 'boolean' ? (
              <select id={id} name={f.key} value={values[f.key] ?? ''} onChange={(e) => set(f.key, (e.target as HTMLSelectElement).value)}>
                <option value="">—</option><option value="true">yes</option><option value="false">no</option>
              </select>
            ) : f.type === 'json' ? (
              <textarea id={id} name={f.key} rows={3} value={values[f.key] ?? ''} onInput={(e) => set(f.key, (e.target as HTMLTextAreaElement).value)} placeholder="JSON" />
            ) : (
              <input id={id} name={f.key} type={f.type === 'string' ? (f.format === 'date' ? 'date' : 'text') : 'number'} value={values[f.key] ?? ''}
                step={f.type === 'integer' ? 1 : 'any'} min={f.minimum} max={f.maximum} onInput={(e) => set(f.key, (e.target as HTMLInputElement).value)} aria-describedby={hint ? `${id}-hint` : undefined} />
            )}
            {hint && <span id={`${id}-hint`} class="muted small">{hint}</span>}
          </div>
        );
      })}
      <button type="submit" class="btn btn--primary btn--small" disabled={busy} data-testid="anp-call">{busy ? 'Working…' : submitLabel}</button>
    </form>
  );
}
