// "Talk to this site's agent": shown when the site advertises an AITP agent (page link, agents.json, A2A card,
// ANP description). Opens a thread (Emissary declares its capabilities) and moves to it in the Inbox.
import { useEffect, useState } from 'preact/hooks';
import type { AitpAgentRef } from '../../shared/api-aitp';
import { background } from '../../shared/rpc-client';
import { useNavigate } from '../navigation';
import type { SitePanelProps } from './panels';

export function AitpPanel({ site }: SitePanelProps) {
  const [agents, setAgents] = useState<AitpAgentRef[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    background.aitpAgents(site.origin).then((r) => r.ok && setAgents(r.value), () => undefined);
  }, [site.origin]);
  if (agents.length === 0) return null;
  const start = async (url: string) => {
    setBusy(url);
    setError(null);
    const r = await background.aitpStart(site.origin, url).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(null);
    if (r.ok) navigate('inbox', { threadId: r.value });
    else setError(r.error);
  };
  return (
    <section class="card stack" aria-labelledby="aitp-panel-h" data-testid="aitp-panel">
      <h2 id="aitp-panel-h">Site agent (AITP)</h2>
      {agents.map((a) => (
        <div class="stack">
          <p>
            {a.name ?? 'This site has an agent'} <span class="muted origin">{a.url}</span>
          </p>
          <button type="button" class="btn btn--primary" disabled={busy !== null} onClick={() => void start(a.url)} data-testid="aitp-talk">
            {busy === a.url ? 'Opening the conversation…' : "Talk to this site's agent"}
          </button>
        </div>
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
