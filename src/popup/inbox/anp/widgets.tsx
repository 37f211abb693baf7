// ANP messages in the Inbox: a structured call and its result, and the outcome of an ANP-06
// negotiation (selected protocol and interface, digest and whether Emissary could reproduce it,
// validity). Everything the agent wrote is shown as text.
import type { NegotiationOutcome } from '../../../protocols/anp/meta-negotiation';
import { registerMessageWidget, type MessageWidgetProps } from '../renderers';
import '../../anp/anp.css';

function Result({ message }: MessageWidgetProps) {
  const body = message.body as { method?: string } | undefined;
  return (
    <div class="stack" style="gap:4px" data-testid="anp-result-message">
      <span class="small muted">Result of {body?.method ?? 'the call'}</span>
      <pre class="anp-result">{message.text ?? ''}</pre>
    </div>
  );
}

function Call({ message }: MessageWidgetProps) {
  const body = message.body as { method?: string } | undefined;
  return <p class="small">Called <code class="mono">{body?.method ?? '?'}</code> <span class="muted">{message.text ?? ''}</span></p>;
}

function Negotiation({ message }: MessageWidgetProps) {
  const o = message.body as NegotiationOutcome | undefined;
  if (!o || typeof o !== 'object') return <p class="small">{message.text ?? ''}</p>;
  const rows: [string, string][] = [
    ['Status', o.status],
    ['Protocol', [o.selected?.protocol, o.selected?.profile].filter(Boolean).join(' / ') || '—'],
    ['Interface', o.selected?.interface ?? '—'],
    ['Execution', `${o.executionMode ?? '—'}${o.requiresHumanAuthorization ? ', needs your authorization' : ''}`],
    ['Digest', o.digest ? `${o.digest} (${o.digestCheck === 'checked' ? 'checked by Emissary' : 'as the agent states it'})` : 'none'],
    ['Valid until', o.validUntil ? `${new Date(o.validUntil).toLocaleString()}${o.expired ? ' (expired)' : ''}` : 'not given'],
  ];
  return (
    <div class="stack" style="gap:4px" data-testid="anp-negotiation">
      <strong class="small">Negotiated (ANP-06, draft)</strong>
      <dl class="small" style="display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0">
        {rows.map(([k, v]) => [<dt key={`${k}-t`} class="muted">{k}</dt>, <dd key={`${k}-d`} style="margin:0;word-break:break-all" data-field={k}>{v}</dd>])}
      </dl>
      {o.reason && <p class="small muted">{o.reason}</p>}
    </div>
  );
}

registerMessageWidget('anp:result', Result);
registerMessageWidget('anp:call', Call);
registerMessageWidget('anp:negotiation', Negotiation);
