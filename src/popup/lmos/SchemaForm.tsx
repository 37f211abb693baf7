// A form generated from a JSON Schema (an LMOS action's `input`, an Agora document's request
// format), built from the same field controls as the flows' forms.
import { useState } from 'preact/hooks';
import { inputFromValues, schemaForm } from '../../protocols/lmos/schema-fields';
import { FlowField } from '../flows/FlowField';
import { collectInputs, type FieldValues } from '../flows/field-values';

interface Props {
  schema: unknown;
  /** Prefix for field ids, so two forms on one page do not share them. */
  idPrefix: string;
  submitLabel: string;
  busyLabel: string;
  /** Sends the input; resolves to an error sentence or null. */
  onSubmit: (input: unknown) => Promise<string | null>;
  testId?: string;
}

export function SchemaForm({ schema, idPrefix, submitLabel, busyLabel, onSubmit, testId }: Props) {
  const form = schemaForm(schema);
  const fields = form.fields.map((f) => ({ ...f, key: `${idPrefix}-${f.key}` }));
  const [values, setValues] = useState<FieldValues>(() => Object.fromEntries(fields.filter((f) => f.default !== undefined && typeof f.default !== 'object').map((f) => [f.key, f.type === 'boolean' ? f.default === true : String(f.default)])));
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const collected = collectInputs(fields, values);
    if (!collected.ok) {
      setError({ field: collected.field, message: collected.error });
      return;
    }
    // collectInputs keys the body by field name; the prefix only keeps element ids apart.
    const body = collected.input.requestBody;
    setBusy(true);
    setError(null);
    const problem = await onSubmit(inputFromValues(form, body));
    setBusy(false);
    if (problem) setError({ message: problem });
  };

  return (
    <form class="stack tight" onSubmit={submit} data-testid={testId}>
      {fields.map((f) => (
        <FlowField field={{ ...f, name: f.name }} value={values[f.key]} invalid={error?.field === f.key} onChange={(v) => setValues({ ...values, [f.key]: v })} />
      ))}
      {error && (
        <p class="error small" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" class="btn btn--primary btn--small" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
