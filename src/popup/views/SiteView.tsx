import { useEffect, useState } from 'preact/hooks';
import type { Result, SiteView as Site } from '../../shared/api';
import { HostAccess } from './HostAccess';
import { background } from '../../shared/rpc-client';
import { timeAgo } from '../format';
import { ErrorBanner } from '../components/ErrorBanner';
import { SiteDocuments } from './SiteDocuments';
import { SITE_PANELS } from '../site/panels';

export function SiteView() {
  const [site, setSite] = useState<Site | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
  const act = async (call: Promise<Result<Site>>) => {
    setBusy(true);
    const result = await call.catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    if (result.ok) setSite(result.value);
    else setError(result.error);
  };

  return (
    <div class="stack" data-testid="site-view">
      <HostAccess />
      <div class="card">
        <div class="row spread">
          <h2 class="origin" data-testid="site-origin">
            {site.origin}
          </h2>
          {site.discovery === 'on' && (
            <button type="button" class="btn btn--ghost btn--small" disabled={busy} onClick={() => act(background.rediscover(site.origin))} aria-label="Look at this site again">
              {busy ? 'Looking…' : 'Refresh'}
            </button>
          )}
        </div>
        <p class="muted">{site.visits ? `Visited ${site.visits} time${site.visits === 1 ? '' : 's'} · last ${timeAgo(site.lastSeen)}` : 'Not visited since Emissary was installed'}</p>
      </div>
      {site.discovery === 'off' ? (
        <div class="empty">
          <h2>Discovery is off</h2>
          <p>Turn it on in Settings to see what sites offer to agents.</p>
        </div>
      ) : site.discovery === 'not-allowed' ? (
        <div class="empty">
          <h2>Not looked at</h2>
          <p>You asked Emissary to look only at sites you allow.</p>
          <button type="button" class="btn btn--primary" disabled={busy} onClick={() => act(background.allowDiscovery(site.origin))}>
            Look for agent interfaces here
          </button>
        </div>
      ) : site.documents.length === 0 ? (
        <div class="empty">
          <h2>No agent interfaces</h2>
          <p>This site declares none of the interfaces Emissary knows. Emissary will not ask it again for a while.</p>
        </div>
      ) : (
        <SiteDocuments origin={site.origin} documents={site.documents} />
      )}
      {site.discovery === 'on' && SITE_PANELS.map(({ id, Panel }) => <Panel key={id} site={site} />)}
    </div>
  );
}
