// The Site view's MCP part: the site's MCP servers (from its server cards / AI catalog, or added
// in Settings) and its in-page WebMCP tools, each with tools, resources and prompts.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { McpSiteView } from '../../shared/api-mcp';
import { background } from '../../shared/rpc-client';
import { ServerView } from '../mcp/ServerView';
import type { SitePanelProps } from './panels';
import '../mcp/mcp.css';

/** How often the open view renews its listening lease (the background's lease is 10 s). */
const WATCH_MS = 2000;

export function McpPanel({ site }: SitePanelProps) {
  const [view, setView] = useState<McpSiteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = site.origin;

  const [notice, setNotice] = useState<string | null>(null);
  const shown = useRef<McpSiteView | null>(null);
  const load = async (refresh = false): Promise<McpSiteView | null> => {
    setBusy(true);
    const r = await background.mcpSite(origin, refresh).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    shown.current = r.value;
    setView(r.value);
    setError(null);
    return r.value;
  };
  /** After a live update: say which tools came or went, so a screen reader hears it too. */
  const announce = (before: McpSiteView | null, after: McpSiteView | null) => {
    if (!before || !after) return;
    const names = (v: McpSiteView) => new Map(v.servers.flatMap((s) => s.tools.map((t) => [`${s.url} ${t.name}`, t.title ?? t.name] as const)));
    const [was, now] = [names(before), names(after)];
    const added = [...now].filter(([k]) => !was.has(k)).map(([, n]) => n);
    const removed = [...was].filter(([k]) => !now.has(k)).map(([, n]) => n);
    const parts = [...(added.length ? [`New: ${added.slice(0, 5).join(', ')}`] : []), ...(removed.length ? [`Gone: ${removed.slice(0, 5).join(', ')}`] : [])];
    setNotice(parts.length ? `${parts.join('. ')}.` : 'The servers updated their lists.');
  };
  useEffect(() => void load(), [origin, site.documents.length]);

  // While this view is open, Emissary listens for the servers' list changes (a lease renewed here);
  // a new version means a server's lists were read again, so the view shows them without a refresh.
  const [live, setLive] = useState<string[]>([]);
  const seen = useRef<number | null>(null);
  const hasServers = (view?.servers.length ?? 0) > 0;
  useEffect(() => {
    if (!hasServers) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const renew = async () => {
      const r = await background.mcpWatch(origin).catch(() => null);
      if (stopped) return;
      if (r?.ok) {
        setLive(r.value.live);
        if (seen.current !== null && seen.current !== r.value.version) {
          const before = shown.current;
          const after = await load();
          if (stopped) return;
          announce(before, after);
        }
        seen.current = r.value.version;
      }
      timer = setTimeout(() => void renew(), WATCH_MS);
    };
    void renew();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [origin, hasServers]);

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
      <p class="muted small" role="status" data-testid="mcp-live-notice">{notice ?? ''}</p>
      {view && (
        <>
          <label class="check small">
            <input type="checkbox" checked={view.trusted} onChange={(e) => void trust((e.target as HTMLInputElement).checked)} data-testid="mcp-trust" data-trusted={String(view.trusted)} />
            Run read-only tools of this site without asking (tools that change things always ask)
          </label>
          {view.servers.map((s) => (
            <ServerView key={s.url} origin={origin} server={s} live={live.includes(s.url)} onSignIn={() => void signIn(s.url)}
              target={{ origin, server: s.url, call: (name, args) => (s.source === 'webmcp' ? background.mcpCallWebTool(origin, name, args) : background.mcpCallTool(origin, s.url, name, args)) }} />
          ))}
          {view.problems.length > 0 && <p class="muted small">Not usable: {view.problems.slice(0, 4).join('; ')}</p>}
        </>
      )}
    </section>
  );
}
