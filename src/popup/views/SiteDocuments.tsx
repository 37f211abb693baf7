import type { SiteDocument } from '../../shared/api';
import { timeAgo } from '../format';
import { SiteFlows } from '../flows/SiteFlows';

const PROTOCOL_NAMES: Record<string, string> = {
  'agents.json': 'agents.json',
  a2a: 'A2A',
  anp: 'ANP',
  mcp: 'MCP',
  lmos: 'LMOS',
  'llms.txt': 'llms.txt',
  openapi: 'OpenAPI',
  other: 'Other',
};

function countsLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${n === 1 ? what.replace(/s$/, '') : what}`)
    .join(' · ');
}

/** What a site offers, grouped by protocol; every text in it came from the site and is shown as text. */
export function SiteDocuments({ origin, documents }: { origin: string; documents: SiteDocument[] }) {
  const groups = new Map<string, SiteDocument[]>();
  for (const d of documents) groups.set(d.protocol, [...(groups.get(d.protocol) ?? []), d]);
  return (
    <div class="stack">
      {[...groups].map(([protocol, docs]) => (
        <section class="stack" aria-label={PROTOCOL_NAMES[protocol] ?? protocol} data-testid="protocol-group" data-protocol={protocol}>
          <h3>{PROTOCOL_NAMES[protocol] ?? protocol}</h3>
          <ul class="list">
            {docs.map((d) => (
              <li class="card" data-testid="site-document" data-kind={d.kind}>
                <div class="row">
                  <span class="pill">{d.label}</span>
                  {d.title && <strong>{d.title}</strong>}
                  {d.signed && <span class="pill">{d.verified ? 'signature verified' : 'signed, not verified'}</span>}
                </div>
                {d.description && <p class="small">{d.description}</p>}
                {countsLine(d.counts) && <p data-testid="document-counts">{countsLine(d.counts)}</p>}
                <p class="muted small">
                  <span class="mono">{d.url}</span> · fetched {timeAgo(d.fetchedAt)}
                </p>
                {d.problems.map((p) => (
                  <p class="error small" data-testid="document-problem">
                    {p}
                  </p>
                ))}
                {d.warnings.length > 0 && (
                  <details>
                    <summary>
                      {d.warnings.length} note{d.warnings.length === 1 ? '' : 's'} about this document
                    </summary>
                    {d.warnings.map((w) => (
                      <p class="muted small">{w}</p>
                    ))}
                  </details>
                )}
                {d.kind === 'wildcard-agents-json' && d.problems.length === 0 && <SiteFlows origin={origin} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
