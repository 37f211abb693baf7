// The Site view's ANP part: which identity this site sees (per-site by default, or the shared one),
// with rotation, and the site's ANP agents with their interfaces. Nothing when the site has no ANP
// agent description.
import { useEffect, useState } from 'preact/hooks';
import type { AnpSiteView } from '../../shared/api-anp';
import { background } from '../../shared/rpc-client';
import { AgentCard } from '../anp/AgentCard';
import { IdentityBlock } from '../anp/IdentityBlock';
import type { SitePanelProps } from './panels';
import '../anp/anp.css';

export function AnpPanel({ site }: SitePanelProps) {
  const [view, setView] = useState<AnpSiteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hasAnp = site.documents.some((d) => d.kind === 'anp-agent-description');
  const origin = site.origin;

  const load = async () => {
    const r = await background.anpSite(origin).catch((e: Error) => ({ ok: false as const, error: e.message }));
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error);
  };
  useEffect(() => {
    if (hasAnp) void load();
  }, [origin, hasAnp, site.documents.length]);

  if (!hasAnp) return null;
  return (
    <section class="stack" aria-labelledby="anp-heading" data-testid="anp-panel">
      <h2 id="anp-heading">ANP agents</h2>
      {error && <p class="error" role="alert">{error}</p>}
      {!view && !error && <p class="muted small" role="status">Reading the site's agent descriptions…</p>}
      {view && (
        <>
          <IdentityBlock identity={view.identity} onChange={(identity) => setView({ ...view, identity })} />
          {view.agents.map((a) => <AgentCard key={a.url} origin={origin} agent={a} />)}
          {view.problems.length > 0 && <p class="muted small">Not usable: {view.problems.slice(0, 4).join('; ')}</p>}
        </>
      )}
    </section>
  );
}
