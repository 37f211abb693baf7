// The local library of Agora protocol documents: what each is, where it comes from, and with which
// agents the user accepted it and how often it was used.
import { useEffect, useState } from 'preact/hooks';
import type { AgoraProtocolView } from '../../shared/api-agora';
import { background } from '../../shared/rpc-client';
import { timeAgo } from '../format';

export function AgoraLibrary() {
  const [docs, setDocs] = useState<AgoraProtocolView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => background.agoraLibrary().then(setDocs, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  const forget = async (hash: string) => {
    const r = await background.agoraForget(hash).catch((e: Error) => ({ ok: false as const, error: e.message }));
    if (!r.ok) setError(r.error);
    await load();
  };
  if (error) return <p class="error small" role="alert">{error}</p>;
  if (!docs) return <p class="muted small" role="status">Reading the library…</p>;
  if (!docs.length) return <p class="muted small">No protocol documents yet. Agents offer them in conversation; accepted ones are kept here.</p>;
  return (
    <ul class="list" aria-label="Protocol documents" data-testid="agora-library">
      {docs.map((d) => (
        <li class="card stack tight" data-testid="agora-library-doc" data-hash={d.hash}>
          <div class="row">
            <strong>{d.name}</strong>
            <span class="pill mono" title={d.hash}>
              {d.hash.slice(0, 8)}…
            </span>
            {d.structured && <span class="pill">form</span>}
          </div>
          <p class="small">{d.description}</p>
          <p class="muted small" data-testid="agora-library-use">
            {d.usedWith.length
              ? d.usedWith.map((u) => `Accepted with ${new URL(u.agent).host} · used ${u.uses} time${u.uses === 1 ? '' : 's'}${u.lastUsedAt ? `, last ${timeAgo(u.lastUsedAt)}` : ''}`).join(' · ')
              : `Offered ${timeAgo(d.firstSeen)}, not accepted`}
          </p>
          <details>
            <summary>Text and sources</summary>
            <pre class="output">{d.text}</pre>
            <ul class="small">
              {d.sources.map((s) => (
                <li class="mono origin">{s.startsWith('data:') ? `${s.slice(0, 48)}… (inline)` : s}</li>
              ))}
            </ul>
          </details>
          <button type="button" class="btn btn--ghost btn--small" onClick={() => void forget(d.hash)} aria-label={`Forget ${d.name}`}>
            Forget
          </button>
        </li>
      ))}
    </ul>
  );
}
