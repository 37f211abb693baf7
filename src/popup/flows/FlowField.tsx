import type { FlowInputView } from '../../shared/api';

interface Props {
  field: FlowInputView;
  value: string | boolean | undefined;
  invalid: boolean;
  onChange: (value: string | boolean) => void;
}

/** One input generated from a flow parameter: its type decides the control. */
export function FlowField({ field, value, invalid, onChange }: Props) {
  const id = `field-${field.key}`;
  const described = field.description ? `${id}-desc` : undefined;
  const label = (
    <label for={id}>
      {field.name}
      {field.required ? <span aria-hidden="true"> *</span> : <span class="muted small"> (optional)</span>}
    </label>
  );
  const hint = field.description && (
    <p id={described} class="hint">
      {field.description}
    </p>
  );
  if (field.type === 'boolean') {
    return (
      <label class="check">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />
        {field.name}
        {hint}
      </label>
    );
  }
  const common = {
    id,
    'aria-describedby': described,
    'aria-invalid': invalid || undefined,
    'aria-required': field.required || undefined,
    'data-field': field.name,
  };
  let control;
  if (field.enum?.length) {
    control = (
      <select {...common} value={String(value ?? '')} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">Choose…</option>
        {field.enum.map((option) => (
          <option value={String(option)}>{String(option)}</option>
        ))}
      </select>
    );
  } else if (field.type === 'object') {
    control = <textarea {...common} rows={3} spellcheck={false} value={String(value ?? '')} onInput={(e) => onChange((e.target as HTMLTextAreaElement).value)} />;
  } else {
    const numeric = field.type === 'integer' || field.type === 'number';
    control = (
      <input
        {...common}
        type={numeric ? 'number' : 'text'}
        step={field.type === 'integer' ? 1 : 'any'}
        inputMode={numeric ? 'decimal' : undefined}
        placeholder={field.type === 'array' ? 'comma, separated, values' : undefined}
        value={String(value ?? '')}
        onInput={(e) => onChange((e.target as HTMLInputElement).value)}
      />
    );
  }
  return (
    <div class="field">
      {label}
      {control}
      {hint}
    </div>
  );
}
