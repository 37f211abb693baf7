// Agora messages in a thread: an offered protocol document (verified: name, description, multi-round,
// the text one click away, Accept / Decline), the request form of an accepted document, and requests
// and results shown as tables instead of raw JSON. Everything from the agent is rendered as text.
import { useState } from 'preact/hooks';
import type { FormBody, OfferBody, RequestBody, ResultBody } from '../../../background/agora/messages';
import { SchemaForm } from '../../lmos/SchemaForm';
import { ValueView } from '../../lmos/ValueView';
import { registerMessageWidget, type MessageWidgetProps } from '../renderers';

const short = (hash: string) => `${hash.slice(0, 8)}…`;

function OfferWidget({ message, answer }: MessageWidgetProps) {
  const offer = message.body as OfferBody;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (accept: boolean) => {
    setBusy(true);
    setError(await answer({ accept }));
    setBusy(false);
  };
  return (
    <div class="stack tight" data-testid="agora-offer">
      <div class="row">
        <span class="pill">Agora protocol</span>
        <strong data-testid="agora-offer-name">{offer.name}</strong>
      </div>
      <p class="small">{offer.description}</p>
      <dl class="facts">
        <dt>Hash</dt>
        <dd class="mono" title={offer.hash}>
          {offer.hash}
        </dd>
        <dt>Rounds</dt>
        <dd>{offer.multiround ? 'Multi-round conversation' : 'One request, one response'}</dd>
        <dt>Verified</dt>
        <dd data-testid="agora-verified">Text matches the hash ({offer.verifiedFrom})</dd>
        <dt>Messages</dt>
        <dd>{offer.hasForm ? 'JSON; Emissary will show a form' : 'Free text'}</dd>
      </dl>
      {offer.noFrontMatter && <p class="hint hint--warn">This document has no name block; Agora's reference receiver refuses such documents.</p>}
      <details>
        <summary>Read the document</summary>
        <pre class="output" data-testid="agora-offer-text">{offer.text}</pre>
      </details>
      {message.answered ? (
        <p class="muted small" data-testid="agora-offer-answered">
          {message.answered.summary}
        </p>
      ) : (
        <div class="row">
          <button type="button" class="btn btn--primary btn--small" disabled={busy} onClick={() => decide(true)} data-testid="agora-accept">
            Accept for this agent
          </button>
          <button type="button" class="btn btn--small" disabled={busy} onClick={() => decide(false)}>
            Decline
          </button>
        </div>
      )}
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FormWidget({ message, answer }: MessageWidgetProps) {
  const form = message.body as FormBody;
  return (
    <div class="stack tight" data-testid="agora-form">
      <p class="small">
        <strong>{form.name}</strong> <span class="muted">· Agora protocol {short(form.hash)}</span>
      </p>
      <SchemaForm schema={form.request.schema} idPrefix={`agora-${message.seq}`} submitLabel="Send request" busyLabel="Sending…" onSubmit={(values) => answer({ values })} />
    </div>
  );
}

function RequestWidget({ message }: MessageWidgetProps) {
  const body = message.body as RequestBody;
  return (
    <div class="stack tight" data-testid="agora-request">
      <span class="muted small">{body.name} request</span>
      {body.json ? <ValueView value={body.json} label={`${body.name} request`} /> : message.text}
    </div>
  );
}

function ResultWidget({ message }: MessageWidgetProps) {
  const body = message.body as ResultBody;
  const error = body.json && typeof body.json.error === 'string' ? body.json.error : null;
  return (
    <div class="stack tight" data-testid="agora-result">
      <span class="muted small">
        {body.name} {error ? 'error' : 'result'} · Agora protocol {short(body.hash)}
      </span>
      {error ? (
        <p class="error small">{error}</p>
      ) : body.json ? (
        <ValueView value={body.json} label={`${body.name} result`} />
      ) : (
        <pre class="output">{message.text}</pre>
      )}
    </div>
  );
}

registerMessageWidget('agora:offer', OfferWidget);
registerMessageWidget('agora:form', FormWidget);
registerMessageWidget('agora:request', RequestWidget);
registerMessageWidget('agora:result', ResultWidget);
