// AITP-03 data requests: a form with per-field profile autofill, and what was sent (redacted).
import { useEffect, useState } from 'preact/hooks';
import { requestDataForm, suggestFromProfile, type DataField, type FormFieldView, type MessageOf, type Profile } from '../../../protocols/aitp';
import { background } from '../../../shared/rpc-client';
import type { MessageWidgetProps } from '../renderers';
import { Answered, ErrorLine, bodyOf, useSubmit } from './common';

function FieldInput({ field, id, value, onInput }: { field: FormFieldView; id: string; value: string; onInput: (v: string) => void }) {
  const common = { id, name: field.name, required: field.required, value, autocomplete: 'off', onInput: (e: Event) => onInput((e.target as HTMLInputElement).value) };
  if (field.input === 'textarea') return <textarea {...common} />;
  if (field.input === 'select' && field.options) {
    return (
      <select {...common} onChange={(e) => onInput((e.target as HTMLSelectElement).value)}>
        <option value="">Choose…</option>
        {field.options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    );
  }
  const type = field.sensitive ? 'password' : field.input === 'email' ? 'email' : field.input === 'tel' ? 'tel' : field.input === 'number' ? 'text' : 'text';
  return <input {...common} type={type} inputMode={field.input === 'number' ? 'decimal' : undefined} list={field.input === 'combobox' && field.options ? `${id}-list` : undefined} />;
}

export function DataWidget(props: MessageWidgetProps) {
  const msg = bodyOf(props)?.message as MessageOf<'data.request_data'> | undefined;
  const [remote, setRemote] = useState<DataField[] | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [profile, setProfile] = useState<Profile>({});
  const [use, setUse] = useState<Record<string, boolean>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(props.answer);
  useEffect(() => {
    background.aitpProfile().then((r) => r.ok && setProfile(r.value), () => undefined);
  }, []);
  if (!msg) return <span>{props.message.text}</span>;
  const form = requestDataForm(msg, { agentOrigin: new URL(props.thread.agent.url).origin, remoteFields: remote });
  if (props.message.answered) {
    return (
      <div class="stack">
        <strong>{form.title ?? form.description}</strong>
        <Answered summary={props.message.answered.summary} />
      </div>
    );
  }
  const fetchForm = async (allowOther: boolean) => {
    const r = await background.aitpRemoteForm(props.thread.id, props.message.id, allowOther);
    if (r.ok) setRemote(r.value);
    else setLoadError(r.error);
  };
  const suggestions = suggestFromProfile(form, profile);
  const fillable = form.fields.filter((f) => suggestions[f.name] !== undefined);
  const fill = () => {
    const next = { ...values };
    for (const f of fillable) if (use[f.name] !== false) next[f.name] = suggestions[f.name];
    setValues(next);
  };
  const source = form.source;
  const prefix = `aitp-f-${props.message.id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const withDefaults = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const f of form.fields) out[f.name] = values[f.name] ?? f.defaultValue ?? '';
    return out;
  };
  return (
    <form class="stack aitp-card" data-testid="aitp-form" onSubmit={(e) => { e.preventDefault(); void submit({ values: withDefaults(), ...(remote ? { remoteFields: remote } : {}) }); }}>
      <strong>{form.title ?? 'The agent asks for information'}</strong>
      <p>{form.description}</p>
      {source.kind === 'remote' && !remote && (
        <div class="stack">
          <p class="muted">The form is at <span class="origin">{source.url}</span>{source.sameOrigin ? ' (the agent\'s own site)' : ' — another site than the agent\'s'}.</p>
          <button type="button" class="btn" onClick={() => void fetchForm(!source.sameOrigin)} data-testid="aitp-fetch-form">
            {source.sameOrigin ? 'Load the form' : 'Allow fetching the form from that site'}
          </button>
          <ErrorLine error={loadError} />
        </div>
      )}
      {fillable.length > 0 && (
        <fieldset class="stack aitp-profile" data-testid="aitp-profile">
          <legend>From your profile (nothing is sent before you press {form.submitLabel})</legend>
          {fillable.map((f) => (
            <label class="row">
              <input type="checkbox" checked={use[f.name] !== false} onChange={(e) => setUse({ ...use, [f.name]: (e.target as HTMLInputElement).checked })} data-testid="aitp-use-profile" data-field={f.name} />
              <span>{f.label}: <span class="muted">{suggestions[f.name]}</span></span>
            </label>
          ))}
          <button type="button" class="btn btn--small" onClick={fill} data-testid="aitp-fill-profile">
            Fill the ticked fields
          </button>
        </fieldset>
      )}
      {form.fields.map((f) => (
        <div class="field">
          <label for={`${prefix}-${f.name}`}>
            {f.label}
            {f.required ? <span aria-hidden="true"> *</span> : <span class="muted"> (optional)</span>}
          </label>
          {f.description && <span class="muted">{f.description}</span>}
          <FieldInput field={f} id={`${prefix}-${f.name}`} value={values[f.name] ?? f.defaultValue ?? ''} onInput={(v) => setValues({ ...values, [f.name]: v })} />
          {f.input === 'combobox' && f.options && (
            <datalist id={`${prefix}-${f.name}-list`}>
              {f.options.map((o) => (
                <option value={o.value}>{o.label}</option>
              ))}
            </datalist>
          )}
          {f.sensitive && <span class="muted">Shown as •••• in this conversation after sending.</span>}
        </div>
      ))}
      <ErrorLine error={error} />
      <button type="submit" class="btn btn--primary" disabled={busy || form.fields.length === 0} data-testid="aitp-form-send">
        {busy ? 'Sending…' : form.submitLabel}
      </button>
    </form>
  );
}

export function SentDataWidget(props: MessageWidgetProps) {
  const body = props.message.body as { redacted?: boolean; fields?: string[] } | undefined;
  return (
    <div class="stack" data-testid="aitp-data-sent">
      <strong>You sent</strong>
      <ul class="aitp-facts">{(body?.fields ?? (props.message.text ?? '').split('\n')).map((f) => <li>{f}</li>)}</ul>
    </div>
  );
}
