// One resource template: its uriTemplate, a field per {name} variable, the URI those values build
// (percent-encoded, shown before it is read) and what the server returns for it. Templates that use
// RFC 6570 operators are shown with the reason Emissary cannot fill them.
import { useState } from 'preact/hooks';
import { expandUriTemplate, type DisplayItem, type McpResourceTemplate } from '../../protocols/mcp/client';
import { background } from '../../shared/rpc-client';
import { useAction } from '../use-action';
import { Item } from './ResultView';

export function TemplateEntry({ origin, server, template }: { origin: string; server: string; template: McpResourceTemplate }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [items, setItems] = useState<DisplayItem[] | null>(null);
  const { busy, error, setError, run } = useAction();
  const label = template.title ?? template.name;
  const built = expandUriTemplate(template.uriTemplate, values);
  const idOf = (v: string) => `template-${template.name}-${v}`.replace(/[^\w-]/g, '_');

  const read = (e: Event) => {
    e.preventDefault();
    if (!built.ok) {
      setMissing(built.missing ?? []);
      setError(built.reason);
      return;
    }
    setMissing([]);
    setItems(null);
    void run(() => background.mcpReadResource(origin, server, built.uri), setItems);
  };

  return (
    <li class="stack tight" data-template={template.uriTemplate}>
      <span>{label} <span class="pill">template</span></span>
      <p class="mono muted mcp-uri">{template.uriTemplate}</p>
      {template.description && <p class="muted small">{template.description}</p>}
      {template.unsupported || !template.variables ? (
        <p class="muted small" data-testid="mcp-template-unsupported">{template.unsupported ?? 'Emissary cannot fill this template.'}</p>
      ) : (
        <form class="stack tight" onSubmit={read} aria-label={`Read ${label}`} noValidate>
          {template.variables.map((v) => (
            <div class="field" key={v}>
              <label for={idOf(v)}>{v}<span aria-hidden="true"> *</span></label>
              <input id={idOf(v)} value={values[v] ?? ''} aria-required="true" aria-invalid={missing.includes(v) || undefined}
                onInput={(e) => {
                  setValues({ ...values, [v]: (e.target as HTMLInputElement).value });
                  if (missing.includes(v)) {
                    setMissing(missing.filter((m) => m !== v));
                    setError(null);
                  }
                }} />
            </div>
          ))}
          <p class="small">
            URI: <output class="mono mcp-uri" data-testid="mcp-template-uri" for={template.variables.map(idOf).join(' ')}>{built.ok ? built.uri : template.uriTemplate}</output>
          </p>
          <div class="row">
            <button type="submit" class="btn btn--small" disabled={busy}>{busy ? 'Reading…' : 'Read'}</button>
          </div>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {items?.map((item, i) => <Item key={i} item={item} />)}
    </li>
  );
}
