import { useEffect, useState } from 'preact/hooks';
import type { FlowView } from '../../shared/api';
import { background } from '../../shared/rpc-client';
import { FlowRunner } from './FlowRunner';

/** The agents.json flows a site offers; choosing one opens its runner. */
export function SiteFlows({ origin }: { origin: string }) {
  const [flows, setFlows] = useState<FlowView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<FlowView | null>(null);
  // Reloaded after each run: credentials saved during a run change what the next one asks for.
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    background.siteFlows(origin).then(
      (r) => (r.ok ? setFlows(r.value) : setError(r.error)),
      (e: Error) => setError(e.message),
    );
  }, [origin, loads]);

  const back = () => {
    setChosen(null);
    setLoads(loads + 1);
  };
  if (chosen) return <FlowRunner origin={origin} flow={chosen} onBack={back} />;
  if (error) return <p class="error small">Flows could not be loaded: {error}</p>;
  if (!flows) return <p class="muted small" role="status">Loading flows…</p>;
  return (
    <section class="stack" aria-labelledby="flows-h">
      <h3 id="flows-h">Flows</h3>
      <ul class="list">
        {flows.map((f) => (
          <li class="flow" data-testid="flow" data-flow={f.id}>
            <div>
              <strong>{f.title}</strong>
              <p class="muted small">{f.description}</p>
              <p class="muted small">
                {f.steps.length} step{f.steps.length === 1 ? '' : 's'}
                {f.auth.length > 0 && ` · needs ${f.auth.map((a) => a.label).join(', ')}`}
              </p>
              {f.problems.map((p) => (
                <p class="error small">{p}</p>
              ))}
            </div>
            <button type="button" class="btn btn--small" onClick={() => setChosen(f)} disabled={f.problems.length > 0} aria-label={`Run ${f.title}`}>
              Run
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
