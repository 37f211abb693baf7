import { useEffect, useState } from 'preact/hooks';
import type { SiteView as Site } from '../../shared/api';
import { background } from '../../shared/rpc-client';
import { timeAgo } from '../format';
import { ErrorBanner } from '../components/ErrorBanner';
import { SiteFlows } from '../flows/SiteFlows';

export function SiteView() {
  const [site, setSite] = useState<Site | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    background.currentSite().then(setSite, (e: Error) => setError(e.message));
  }, []);

  if (error) return <ErrorBanner message={error} />;
  if (site === undefined) return <p class="muted" role="status">Looking at this site…</p>;
  if (site === null) {
    return (
      <div class="empty">
        <h2>No site open</h2>
        <p>Open a website: Emissary shows here which agent interfaces it offers.</p>
      </div>
    );
  }
  return (
    <div class="stack" data-testid="site-view">
      <div class="card">
        <div class="row">
          <h2 class="origin" data-testid="site-origin">
            {site.origin}
          </h2>
        </div>
        <p class="muted">{site.visits ? `Visited ${site.visits} time${site.visits === 1 ? '' : 's'} · last ${timeAgo(site.lastSeen)}` : 'Not visited since Emissary was installed'}</p>
      </div>
      {site.documents.length === 0 ? (
        <div class="empty">
          <h2>No agent interfaces</h2>
          <p>This site declares none of the interfaces Emissary knows. Emissary will not ask it again for a while.</p>
        </div>
      ) : (
        <ul class="list" aria-label="Agent interfaces on this site">
          {site.documents.map((d) => (
            <li class="card" data-testid="site-document">
              <div class="row">
                <span class="pill">{d.kind}</span>
                <strong>{d.title ?? 'Untitled'}</strong>
              </div>
              {d.summary && <p>{d.summary}</p>}
              <p class="muted small">
                <span class="mono">{d.url}</span> · fetched {timeAgo(d.fetchedAt)}
              </p>
              {d.problems.map((p) => (
                <p class="error small">{p}</p>
              ))}
              {d.kind === 'agents.json' && d.problems.length === 0 && <SiteFlows origin={site.origin} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
