// Agora on this site: endpoints its discovery documents declare (or that the user added by URL),
// each one click from a conversation in the Inbox, and the local library of protocol documents.
// With nothing declared it stays a one-line disclosure, so an endpoint can still be added by hand.
import { useEffect, useState } from 'preact/hooks';
import type { AgoraEndpointView } from '../../shared/api-agora';
import { background } from '../../shared/rpc-client';
import { AgoraLibrary } from '../agora/Library';
import { useNavigate } from '../navigation';
import type { SitePanelProps } from './panels';

export function AgoraPanel({ site }: SitePanelProps) {
  const [endpoints, setEndpoints] = useState<AgoraEndpointView[] | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    background.agoraEndpoints(site.origin).then((r) => (r.ok ? setEndpoints(r.value) : setError(r.error)), (e: Error) => setError(e.message));
  }, [site.origin]);

  const talk = async (endpoint: string) => {
    setBusy(endpoint);
    setError(null);
    const r = await background.agoraTalk(site.origin, endpoint).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(null);
    if (r.ok) navigate('inbox', { threadId: r.value.threadId });
    else setError(r.error);
  };
  const add = async (e: Event) => {
    e.preventDefault();
    setBusy('add');
    const r = await background.agoraAddEndpoint(site.origin, url).catch((err: Error) => ({ ok: false as const, error: err.message }));
    setBusy(null);
    if (r.ok) {
      setEndpoints(r.value);
      setUrl('');
      setError(null);
    } else setError(r.error);
  };

  const body = (
    <>
      {endpoints?.map((ep) => (
        <div class="stack tight" data-testid="agora-endpoint">
          <p class="small">
            <span class="mono origin">{ep.url}</span>
            <br />
            <span class="muted">{ep.from === 'added by you' ? 'Added by you' : `Declared in ${ep.from}`}</span>
            {ep.protocol && (
              <>
                {' '}
                · <span class="pill">{ep.protocol}</span>
              </>
            )}
          </p>
          <button type="button" class="btn btn--primary btn--small" disabled={busy !== null} onClick={() => void talk(ep.url)} data-testid="agora-talk">
            {busy === ep.url ? 'Opening…' : ep.threadId ? 'Open the conversation' : 'Talk to this agent'}
          </button>
        </div>
      ))}
      <form class="row" onSubmit={add}>
        <label class="visually-hidden" for="agora-url">
          Agora endpoint address
        </label>
        <input id="agora-url" type="url" placeholder="https://agent.example/agora" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        <button type="submit" class="btn btn--small" disabled={busy !== null || !url.trim()}>
          Add
        </button>
      </form>
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
      <details>
        <summary>Protocol library</summary>
        <AgoraLibrary />
      </details>
    </>
  );

  if (endpoints === null) return null;
  if (endpoints.length === 0) {
    return (
      <details class="card" data-testid="agora-panel">
        <summary>Agora: talk to an agent by its address</summary>
        <div class="stack tight">{body}</div>
      </details>
    );
  }
  return (
    <section class="card stack" aria-labelledby="agora-panel-h" data-testid="agora-panel">
      <h2 id="agora-panel-h">Agora agent</h2>
      <p class="muted small">Plain language first; when the agent offers a protocol document, you decide whether later messages follow it.</p>
      {body}
    </section>
  );
}
