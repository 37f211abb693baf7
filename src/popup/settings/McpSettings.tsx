// Settings → MCP servers: servers added by URL (they then show in the Site view of their origin),
// and the servers Emissary is signed in to, each with sign-out.
import { useEffect, useState } from 'preact/hooks';
import type { McpAddedServer } from '../../shared/api-mcp';
import { background } from '../../shared/rpc-client';
import { timeAgo } from '../format';

export function McpSettings() {
  const [added, setAdded] = useState<McpAddedServer[]>([]);
  const [signedIn, setSignedIn] = useState<{ server: string; issuer: string; signedInAt: number }[]>([]);
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = async () => {
    setAdded(await background.mcpAddedServers());
    setSignedIn(await background.mcpSignedIn());
  };
  useEffect(() => void load().catch(() => undefined), []);
  const act = async (p: Promise<{ ok: true } | { ok: false; error: string }>, done: string) => {
    const r = await p;
    setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.error });
    await load();
  };
  return (
    <section class="card stack" aria-labelledby="mcp-settings-h" data-testid="mcp-settings">
      <h2 id="mcp-settings-h">MCP servers</h2>
      <form class="field" onSubmit={(e) => {
        e.preventDefault();
        void act(background.mcpAddServer(url), 'Server added: it shows in the Site view of its site.').then(() => setUrl(''));
      }}>
        <label for="mcp-add-url">Add a server by URL</label>
        <div class="row">
          <input id="mcp-add-url" type="url" required placeholder="https://example.com/mcp" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
          <button type="submit" class="btn btn--small">Add</button>
        </div>
      </form>
      {added.length > 0 && (
        <ul class="list" aria-label="Servers you added">
          {added.map((s) => (
            <li class="row spread" key={s.url} data-added-server={s.url}>
              <span class="mono">{s.url}</span>
              <button type="button" class="btn btn--ghost btn--small" aria-label={`Remove ${s.url}`} onClick={() => void act(background.mcpRemoveServer(s.url), 'Server removed.')}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <h3>Signed in</h3>
      {signedIn.length === 0 ? <p class="muted small">No MCP server sign-ins (they are kept encrypted in the vault).</p> : (
        <ul class="list" aria-label="Servers you are signed in to">
          {signedIn.map((s) => (
            <li class="row spread" key={s.server} data-signed-in={s.server}>
              <span><span class="mono">{s.server}</span><br /><span class="muted small">with {s.issuer} · {timeAgo(s.signedInAt)}</span></span>
              <button type="button" class="btn btn--small" aria-label={`Sign out of ${s.server}`} onClick={() => void act(background.mcpSignOut(s.server), 'Signed out.')}>Sign out</button>
            </li>
          ))}
        </ul>
      )}
      {message && <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
