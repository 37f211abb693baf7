// LMOS on this site: the Thing Descriptions it serves at /.well-known/wot or links from its pages
// (LMOS agents and tools, or plain WoT Things), each with its actions, properties and events.
import { useEffect, useState } from 'preact/hooks';
import type { LmosThingView } from '../../shared/api-lmos';
import { background } from '../../shared/rpc-client';
import { ThingView } from '../lmos/ThingView';
import type { SitePanelProps } from './panels';

export function LmosPanel({ site }: SitePanelProps) {
  const [things, setThings] = useState<LmosThingView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const declares = site.documents.some((d) => d.kind === 'lmos-thing-description');
  useEffect(() => {
    if (!declares) return;
    background.lmosThings(site.origin).then((r) => (r.ok ? setThings(r.value) : setError(r.error)), (e: Error) => setError(e.message));
  }, [site.origin, declares]);
  if (!declares) return null;
  return (
    <section class="card stack" aria-labelledby="lmos-panel-h" data-testid="lmos-panel">
      <h2 id="lmos-panel-h">Things (LMOS / WoT)</h2>
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
      {!error && things.length === 0 && (
        <p class="muted small" role="status">
          Reading the Thing Description…
        </p>
      )}
      {things.map((t) => (
        <ThingView origin={site.origin} thing={t} />
      ))}
    </section>
  );
}
