// A form generated from a tool's inputSchema (or an elicitation's requestedSchema), through the
// UI-neutral model of protocols/mcp/client/schema-form.ts. Values are kept as JSON; every label and
// description came from a server and is rendered as text.
import { useState } from 'preact/hooks';
import type { FormField, FormNode } from '../../protocols/mcp/client';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

interface NodeProps {
  node: FormNode;
  id: string;
  label: string;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  required?: boolean;
  describedBy?: string;
  invalid?: boolean;
}

const INPUT_TYPES: Record<string, string> = { email: 'email', uri: 'url', url: 'url', date: 'date', 'date-time': 'datetime-local', time: 'time' };

function optionIndex(options: { value: Json }[], value: Json | undefined): string {
  const i = options.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(value));
  return i === -1 ? '' : String(i);
}

function Control({ node, id, label, value, onChange, required, describedBy, invalid }: NodeProps) {
  const common = { id, 'aria-describedby': describedBy, 'aria-required': required || undefined, 'aria-invalid': invalid || undefined };
  switch (node.kind) {
    case 'boolean':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />;
    case 'string':
    case 'number':
    case 'integer': {
      if (node.enum?.length) {
        return (
          <select {...common} value={optionIndex(node.enum as { value: Json }[], value)} onChange={(e) => {
            const i = (e.target as HTMLSelectElement).value;
            onChange(i === '' ? undefined : (node.enum![Number(i)].value as Json));
          }}>
            <option value="">Choose…</option>
            {node.enum.map((o, i) => <option key={i} value={String(i)}>{o.label}</option>)}
          </select>
        );
      }
      if (node.kind === 'string') {
        const long = (node.maxLength ?? 0) > 200 || node.format === 'textarea';
        return long
          ? <textarea {...common} rows={3} value={typeof value === 'string' ? value : ''} onInput={(e) => onChange((e.target as HTMLTextAreaElement).value || undefined)} />
          : <input {...common} type={INPUT_TYPES[node.format ?? ''] ?? 'text'} value={typeof value === 'string' ? value : ''} maxLength={node.maxLength} onInput={(e) => onChange((e.target as HTMLInputElement).value || undefined)} />;
      }
      return (
        <input {...common} type="number" step={node.kind === 'integer' ? 1 : 'any'} min={node.minimum} max={node.maximum}
          value={typeof value === 'number' ? String(value) : ''}
          onInput={(e) => {
            const text = (e.target as HTMLInputElement).value;
            const n = node.kind === 'integer' ? parseInt(text, 10) : parseFloat(text);
            onChange(text === '' || Number.isNaN(n) ? undefined : n);
          }} />
      );
    }
    case 'object':
      return <ObjectFields fields={node.fields} freeform={node.freeform} idPrefix={id} value={isObj(value) ? value : {}} onChange={onChange} legend={label} />;
    case 'array': {
      const items = Array.isArray(value) ? value : [];
      return (
        <fieldset class="mcp-array" aria-describedby={describedBy}>
          <legend class="small">{label}</legend>
          {items.map((item, i) => (
            <div class="row mcp-array-item" key={i}>
              <div class="field grow">
                <Control node={node.items} id={`${id}-${i}`} label={`${label} ${i + 1}`} value={item} onChange={(v) => onChange(items.map((x, j) => (j === i ? (v ?? null) : x)))} />
              </div>
              <button type="button" class="btn btn--ghost btn--small" aria-label={`Remove ${label} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>Remove</button>
            </div>
          ))}
          <button type="button" class="btn btn--small" disabled={node.maxItems !== undefined && items.length >= node.maxItems}
            onClick={() => onChange([...items, node.items.kind === 'object' ? {} : node.items.kind === 'boolean' ? false : null])}>
            Add {label.toLowerCase()}
          </button>
        </fieldset>
      );
    }
    case 'choice':
      return <Choice node={node} id={id} label={label} value={value} onChange={onChange} />;
    case 'json':
      return <JsonText id={id} value={value} onChange={onChange} describedBy={describedBy} />;
  }
}

function Choice({ node, id, label, value, onChange }: NodeProps & { node: Extract<FormNode, { kind: 'choice' }> }) {
  const [picked, setPicked] = useState(0);
  const option = node.options[picked];
  return (
    <div class="stack tight">
      <select id={`${id}-kind`} aria-label={`${label}: which kind`} value={String(picked)} onChange={(e) => {
        setPicked(Number((e.target as HTMLSelectElement).value));
        onChange(undefined);
      }}>
        {node.options.map((o, i) => <option key={i} value={String(i)}>{o.label}</option>)}
      </select>
      {option && <Control node={option.node} id={id} label={label} value={value} onChange={onChange} />}
    </div>
  );
}

function JsonText({ id, value, onChange, describedBy }: { id: string; value: Json | undefined; onChange: (v: Json | undefined) => void; describedBy?: string }) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <textarea id={id} rows={3} class="mono" spellcheck={false} aria-describedby={describedBy} aria-invalid={bad || undefined} value={text} onInput={(e) => {
      const t = (e.target as HTMLTextAreaElement).value;
      setText(t);
      if (t.trim() === '') return (setBad(false), onChange(undefined));
      try {
        onChange(JSON.parse(t) as Json);
        setBad(false);
      } catch {
        setBad(true);
      }
    }} />
  );
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function Field({ field, idPrefix, value, onChange, invalid }: { field: FormField; idPrefix: string; value: Json | undefined; onChange: (v: Json | undefined) => void; invalid: boolean }) {
  const id = `${idPrefix}-${field.name}`.replace(/[^\w-]/g, '_');
  const hintId = field.description ? `${id}-hint` : undefined;
  const mark = field.required ? <span aria-hidden="true"> *</span> : <span class="muted small"> (optional)</span>;
  if (field.node.kind === 'boolean') {
    return (
      <div class="field">
        <label class="check">
          <Control node={field.node} id={id} label={field.label} value={value} onChange={onChange} describedBy={hintId} />
          {field.label}
        </label>
        {field.description && <p id={hintId} class="hint">{field.description}</p>}
      </div>
    );
  }
  if (field.node.kind === 'object' || field.node.kind === 'array') {
    return (
      <div class="field" data-field={field.name}>
        <Control node={field.node} id={id} label={field.label} value={value} onChange={onChange} describedBy={hintId} />
        {field.description && <p id={hintId} class="hint">{field.description}</p>}
      </div>
    );
  }
  return (
    <div class="field" data-field={field.name}>
      <label for={id}>{field.label}{mark}</label>
      <Control node={field.node} id={id} label={field.label} value={value} onChange={onChange} required={field.required} describedBy={hintId} invalid={invalid} />
      {field.description && <p id={hintId} class="hint">{field.description}</p>}
      {invalid && <p class="hint hint--warn" role="alert">{field.label} is required.</p>}
    </div>
  );
}

function ObjectFields({ fields, freeform, idPrefix, value, onChange, legend, missing }: {
  fields: FormField[]; freeform: boolean; idPrefix: string; value: Obj; onChange: (v: Obj) => void; legend?: string; missing?: Set<string>;
}) {
  const set = (name: string, v: Json | undefined) => {
    const next = { ...value };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  const body = (
    <>
      {fields.map((f) => <Field key={f.name} field={f} idPrefix={idPrefix} value={value[f.name]} onChange={(v) => set(f.name, v)} invalid={missing?.has(f.path.join('.')) ?? false} />)}
      {freeform && fields.length === 0 && (
        <div class="field">
          <label for={`${idPrefix}-json`}>Extra arguments as JSON <span class="muted small">(optional; the tool lists none)</span></label>
          <JsonText id={`${idPrefix}-json`} value={Object.keys(value).length ? value : undefined} onChange={(v) => onChange(isObj(v) ? v : {})} />
        </div>
      )}
    </>
  );
  return legend ? <fieldset class="mcp-object"><legend class="small">{legend}</legend>{body}</fieldset> : body;
}

/** Paths of required fields left empty (nested objects only when present or required). */
export function missingRequired(node: FormNode, value: Json | undefined, out = new Set<string>()): Set<string> {
  if (node.kind !== 'object' || !isObj(value)) return out;
  for (const f of node.fields) {
    const v = value[f.name];
    if (f.required && (v === undefined || v === '')) out.add(f.path.join('.'));
    else if (v !== undefined) missingRequired(f.node, v, out);
  }
  return out;
}

export function SchemaFormView({ node, idPrefix, value, onChange, missing }: { node: FormNode; idPrefix: string; value: Obj; onChange: (v: Obj) => void; missing?: Set<string> }) {
  if (node.kind === 'object') return <ObjectFields fields={node.fields} freeform={node.freeform} idPrefix={idPrefix} value={value} onChange={onChange} {...(missing ? { missing } : {})} />;
  return <p class="muted small">This tool takes arguments Emissary cannot show as a form.</p>;
}

export type { Json, Obj };
