// One ANP agent in the Site view: who runs it, whether its DID verified, what it offers, and its
// interfaces — call a structured method, write to its natural-language interface, negotiate.
import { useState } from 'preact/hooks';
import type { AnpAgentView, AnpInterfaceView } from '../../shared/api-anp';
import { background } from '../../shared/rpc-client';
import { useNavigate } from '../navigation';
import { MethodForm } from './MethodForm';

const KIND_LABEL = { 'natural-language': 'Natural language', structured: 'Structured', 'meta-protocol': 'Meta-protocol negotiation' } as const;

function StructuredInterface({ origin, agent, iface }: { origin: string; agent: AnpAgentView; iface: AnpInterfaceView }) {
  const [method, setMethod] = useState(iface.methods[0]?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [out, setOut] = useState<{ ok: boolean; text: string } | null>(null);
  const m = iface.methods.find((x) => x.name === method);
  const selectId = `anp-${iface.index}-method`;
  const call = async (values: Record<string, string>) => {
    setBusy(true);
    setOut(iface.humanAuthorization ? { ok: true, text: 'Waiting for your approval in the Approvals tab…' } : null);
    const r = await background.anpCall(origin, agent.url, iface.index, method, values).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    setOut(r.ok ? { ok: true, text: r.value.result } : { ok: false, text: r.error });
  };
  if (iface.methods.length === 0) return <p class="muted small">No methods.</p>;
  return (
    <div class="stack">
      <div class="field">
        <label for={selectId}>Method</label>
        <select id={selectId} value={method} onChange={(e) => { setMethod((e.target as HTMLSelectElement).value); setOut(null); }} data-testid="anp-method">
          {iface.methods.map((x) => <option key={x.name} value={x.name}>{x.name}{x.summary ? ` — ${x.summary}` : ''}</option>)}
        </select>
      </div>
      {m && <MethodForm key={m.name} method={m} idPrefix={`anp-${iface.index}`} busy={busy} submitLabel={iface.humanAuthorization ? `Ask to ${m.name}` : `Call ${m.name}`} onSubmit={(v) => void call(v)} />}
      {out && (out.ok ? <pre class="anp-result" data-testid="anp-result" aria-live="polite">{out.text}</pre> : <p class="error" role="alert" data-testid="anp-error">{out.text}</p>)}
    </div>
  );
}

function Conversation({ origin, agent }: { origin: string; agent: AnpAgentView }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const id = `anp-ask-${agent.url}`;
  const send = async () => {
    setBusy(true);
    const r = await background.anpAsk(origin, agent.url, text).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setText('');
    navigate('inbox', { threadId: r.value.threadId });
  };
  return (
    <form class="stack" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <label for={id} class="small">Message to {agent.name}</label>
      <textarea id={id} rows={2} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} data-testid="anp-ask-text" />
      <button type="submit" class="btn btn--small" disabled={busy || !text.trim()} data-testid="anp-ask">{busy ? 'Sending…' : 'Send and open the thread'}</button>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

function Negotiation({ origin, agent }: { origin: string; agent: AnpAgentView }) {
  const [intent, setIntent] = useState('search');
  const [busy, setBusy] = useState(false);
  const [out, setOut] = useState<{ ok: boolean; text: string; threadId?: string } | null>(null);
  const navigate = useNavigate();
  const id = `anp-intent-${agent.url}`;
  const run = async () => {
    setBusy(true);
    const r = await background.anpNegotiate(origin, agent.url, intent).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    setOut(r.ok ? { ok: true, text: `Agreed: ${r.value.protocol}${r.value.validUntil ? `, valid until ${new Date(r.value.validUntil).toLocaleTimeString()}` : ''}`, threadId: r.value.threadId } : { ok: false, text: r.error });
  };
  return (
    <div class="stack">
      <div class="row">
        <label for={id} class="small">I want to</label>
        <select id={id} value={intent} onChange={(e) => setIntent((e.target as HTMLSelectElement).value)} data-testid="anp-intent">
          <option value="search">search</option><option value="book">book</option><option value="conversation">just talk</option>
        </select>
        <button type="button" class="btn btn--small" disabled={busy} onClick={() => void run()} data-testid="anp-negotiate">{busy ? 'Negotiating…' : 'Negotiate'}</button>
      </div>
      {out && (out.ok ? (
        <p class="small" data-testid="anp-negotiated" aria-live="polite">{out.text}{' '}
          <button type="button" class="btn btn--ghost btn--small" onClick={() => navigate('inbox', { threadId: out.threadId })}>See the negotiation</button>
        </p>
      ) : <p class="error" role="alert">{out.text}</p>)}
    </div>
  );
}

export function AgentCard({ origin, agent }: { origin: string; agent: AnpAgentView }) {
  const navigate = useNavigate();
  return (
    <article class="card stack" data-testid="anp-agent" aria-label={`ANP agent ${agent.name}`}>
      <div class="row spread">
        <h3>{agent.name}</h3>
        {agent.threadId && <button type="button" class="btn btn--ghost btn--small" onClick={() => navigate('inbox', { threadId: agent.threadId })}>Thread</button>}
      </div>
      {agent.owner && <p class="muted small">by {agent.owner}{agent.shape === 'json-ld' ? ' · older JSON-LD description' : ''}</p>}
      {agent.description && <p class="small">{agent.description}</p>}
      <p class="small" data-testid="anp-agent-did">
        {agent.did ? (
          <>
            <span class={`pill ${agent.didCheck === 'verified' ? 'pill--settled' : 'pill--failed'}`}>{agent.didCheck === 'verified' ? 'DID verified' : 'DID not verified'}</span>{' '}
            <code class="mono anp-wrap">{agent.did}</code>
            {agent.didProblem && <span class="error"> {agent.didProblem}</span>}
          </>
        ) : <span class="muted">No DID given.</span>}
      </p>
      {agent.informations.length > 0 && (
        <ul class="small anp-list" aria-label="Information the agent offers">
          {agent.informations.map((i, n) => <li key={n}>{i.type ? `${i.type}: ` : ''}{i.description ?? i.url}</li>)}
        </ul>
      )}
      {agent.interfaces.map((iface) => (
        <section key={iface.index} class="anp-interface stack" data-testid="anp-interface" data-kind={iface.kind} aria-label={`${KIND_LABEL[iface.kind]} interface`}>
          <div class="row">
            <strong class="small">{KIND_LABEL[iface.kind]}</strong>
            <span class="muted small">{iface.protocol ?? ''}</span>
            {iface.humanAuthorization && <span class="pill" data-testid="anp-human-auth">needs your authorization</span>}
          </div>
          {iface.description && <p class="muted small">{iface.description}</p>}
          {iface.problem ? <p class="muted small">{iface.problem}</p>
            : iface.kind === 'structured' ? <StructuredInterface origin={origin} agent={agent} iface={iface} />
            : iface.kind === 'natural-language' ? <Conversation origin={origin} agent={agent} />
            : <Negotiation origin={origin} agent={agent} />}
        </section>
      ))}
    </article>
  );
}
