// The Site view's MCP part: the site's MCP servers (from its server cards / AI catalog, or added
// in Settings) and its in-page WebMCP tools, each with tools, resources and prompts.
import { useEffect, useState } from 'preact/hooks';
import type { McpSiteView } from '../../shared/api-mcp';
import { background } from '../../shared/rpc-client';
import { ServerView } from '../mcp/ServerView';
import type { SitePanelProps } from './panels';
import '../mcp/mcp.css';

export function McpPanel({ site }: SitePanelProps) {
  const [view, setView] = useState<McpSiteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = site.origin;

  const load = async (refresh = false) => {
    setBusy(true);
    const r = await background.mcpSite(origin, refresh).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error);
  };
  useEffect(() => void load(), [origin, site.documents.length]);

  if (!view && !error) return busy ? <p class="muted small" role="status">Asking the site's MCP servers…</p> : null;
  if (view && view.servers.length === 0 && view.problems.length === 0) return null;

  const signIn = async (server: string) => {
    setBusy(true);
    const r = await background.mcpSignIn(origin, server);
    setBusy(false);
    if (!r.ok) setError(r.error);
    else await load(true);
  };
  const trust = async (trusted: boolean) => {
    const r = await background.mcpTrustSite(origin, trusted);
    if (r.ok) setView(view && { ...view, trusted });
  };

  return (
    <section class="stack" aria-labelledby="mcp-heading" data-testid="mcp-panel">
      <div class="row spread">
        <h2 id="mcp-heading">MCP tools</h2>
        <button type="button" class="btn btn--ghost btn--small" disabled={busy} onClick={() => void load(true)} aria-label="Ask the MCP servers again">
          {busy ? 'Asking…' : 'Refresh'}
        </button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {view && (
        <>
          <label class="check small">
            <input type="checkbox" checked={view.trusted} onChange={(e) => void trust((e.target as HTMLInputElement).checked)} data-testid="mcp-trust" data-trusted={String(view.trusted)} />
            Run read-only tools of this site without asking (tools that change things always ask)
          </label>
          {view.servers.map((s) => (
            <ServerView key={s.url} origin={origin} server={s} onSignIn={() => void signIn(s.url)}
              target={{ origin, server: s.url, call: (name, args) => (s.source === 'webmcp' ? background.mcpCallWebTool(origin, name, args) : background.mcpCallTool(origin, s.url, name, args)) }} />
          ))}
          {view.problems.length > 0 && <p class="muted small">Not usable: {view.problems.slice(0, 4).join('; ')}</p>}
        </>
      )}
    </section>
  );
}
