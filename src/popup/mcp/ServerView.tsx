// One MCP server (or a page's WebMCP tools): its tools with annotation badges and forms, its
// resources to read, its prompts to get. Names and descriptions came from the server: text only.
import { useState } from 'preact/hooks';
import type { DisplayItem, McpPrompt, McpResource, PromptView } from '../../protocols/mcp/client';
import type { McpServerView, McpToolView } from '../../shared/api-mcp';
import { background } from '../../shared/rpc-client';
import { Item } from './ResultView';
import { TemplateEntry } from './TemplateEntry';
import { ToolRunner, type ToolTarget } from './ToolRunner';

export function Badges({ tool }: { tool: McpToolView }) {
  const a = tool.annotations;
  return (
    <span class="mcp-badges">
      {a.readOnly ? <span class="pill">read-only</span> : <span class="pill pill--warn">changes things</span>}
      {a.destructive && !a.readOnly && <span class="pill pill--failed">destructive</span>}
      {a.idempotent && <span class="pill">idempotent</span>}
      {a.openWorld && <span class="pill">open world</span>}
    </span>
  );
}

function ToolEntry({ tool, target }: { tool: McpToolView; target: ToolTarget }) {
  return (
    <li>
      <details class="mcp-tool" data-tool={tool.name}>
        <summary>
          <span class="mcp-tool-name">{tool.title ?? tool.name}</span> <Badges tool={tool} />
        </summary>
        <div class="stack tight mcp-tool-body">
          {tool.title && <p class="mono muted">{tool.name}</p>}
          {tool.description && <p class="small mcp-description">{tool.description}</p>}
          <ToolRunner tool={tool} target={target} />
        </div>
      </details>
    </li>
  );
}

function ResourceEntry({ origin, server, resource }: { origin: string; server: string; resource: McpResource }) {
  const [items, setItems] = useState<DisplayItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = async () => {
    const r = await background.mcpReadResource(origin, server, resource.uri);
    if (r.ok) setItems(r.value);
    else setError(r.error);
  };
  return (
    <li class="stack tight" data-resource={resource.uri}>
      <div class="row spread">
        <span>{resource.title ?? resource.name} <span class="mono muted">{resource.uri}</span></span>
        <button type="button" class="btn btn--small" onClick={read} aria-label={`Read ${resource.title ?? resource.name}`}>Read</button>
      </div>
      {resource.description && <p class="muted small">{resource.description}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {items?.map((item, i) => <Item key={i} item={item} />)}
    </li>
  );
}

function PromptEntry({ origin, server, prompt }: { origin: string; server: string; prompt: McpPrompt }) {
  const [args, setArgs] = useState<Record<string, string>>({});
  const [view, setView] = useState<PromptView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (e: Event) => {
    e.preventDefault();
    const missing = prompt.arguments.filter((a) => a.required && !args[a.name]);
    if (missing.length) return setError(`Fill in ${missing.map((a) => a.name).join(', ')}.`);
    setError(null);
    const r = await background.mcpGetPrompt(origin, server, prompt.name, args);
    if (r.ok) setView(r.value);
    else setError(r.error);
  };
  return (
    <li>
      <form class="stack tight" onSubmit={get} data-prompt={prompt.name} aria-label={`Prompt ${prompt.title ?? prompt.name}`}>
        <strong>{prompt.title ?? prompt.name}</strong>
        {prompt.description && <p class="muted small">{prompt.description}</p>}
        {prompt.arguments.map((a) => {
          const id = `prompt-${prompt.name}-${a.name}`.replace(/[^\w-]/g, '_');
          return (
            <div class="field" key={a.name}>
              <label for={id}>{a.name}{a.required ? <span aria-hidden="true"> *</span> : <span class="muted small"> (optional)</span>}</label>
              <input id={id} value={args[a.name] ?? ''} aria-required={a.required || undefined} onInput={(e) => setArgs({ ...args, [a.name]: (e.target as HTMLInputElement).value })} />
              {a.description && <p class="hint">{a.description}</p>}
            </div>
          );
        })}
        <button type="submit" class="btn btn--small">Get prompt</button>
        {error && <p class="error" role="alert">{error}</p>}
        {view && (
          <ol class="list mcp-prompt">
            {view.messages.map((m, i) => <li key={i}><span class="pill">{m.role}</span> <Item item={m.item} /></li>)}
          </ol>
        )}
      </form>
    </li>
  );
}

export function ServerView({ origin, server, target, live, onSignIn }: { origin: string; server: McpServerView; target: ToolTarget; live?: boolean; onSignIn?: () => void }) {
  const era = server.era === 'modern' ? 'MCP 2026-07-28' : server.era === 'legacy' ? `MCP ${server.protocolVersion ?? '2025'}` : server.source === 'webmcp' ? 'WebMCP' : undefined;
  return (
    <section class="card mcp-server" aria-label={`MCP server ${server.name}`} data-server={server.url} data-era={server.era ?? server.source} data-live={String(!!live)}>
      <div class="row spread">
        <h3 class="mcp-server-name">{server.name}</h3>
        <span class="mcp-badges">
          {live && <span class="pill pill--live" data-testid="mcp-live" title="Emissary hears this server's list changes while this view is open">live</span>}
          {era && <span class="pill" data-testid="mcp-era">{era}</span>}
        </span>
      </div>
      {server.source !== 'webmcp' && <p class="mono muted">{server.url}</p>}
      {server.signedIn && <p class="small ok">Signed in with {server.signedIn.issuer}</p>}
      {server.state === 'needs-sign-in' && (
        <div class="banner banner--info" role="status">
          <span>This server needs you to sign in.</span>
          {onSignIn && <button type="button" class="btn btn--primary btn--small" onClick={onSignIn}>Sign in</button>}
        </div>
      )}
      {server.state === 'error' && server.error && <p class="error" role="alert">{server.error}</p>}
      {server.tools.length > 0 && (
        <>
          <h4 class="mcp-h">Tools ({server.tools.length})</h4>
          <ul class="list mcp-tools">{server.tools.map((t) => <ToolEntry key={t.name} tool={t} target={target} />)}</ul>
        </>
      )}
      {server.resources.length + server.resourceTemplates.length > 0 && (
        <>
          <h4 class="mcp-h">Resources ({server.resources.length + server.resourceTemplates.length})</h4>
          <ul class="list">
            {server.resources.map((r) => <ResourceEntry key={r.uri} origin={origin} server={server.url} resource={r} />)}
            {server.resourceTemplates.map((t) => <TemplateEntry key={t.uriTemplate} origin={origin} server={server.url} template={t} />)}
          </ul>
        </>
      )}
      {server.prompts.length > 0 && (
        <>
          <h4 class="mcp-h">Prompts ({server.prompts.length})</h4>
          <ul class="list">{server.prompts.map((p) => <PromptEntry key={p.name} origin={origin} server={server.url} prompt={p} />)}</ul>
        </>
      )}
      {server.skipped.length > 0 && <p class="muted small">Not shown: {server.skipped.slice(0, 3).join('; ')}</p>}
    </section>
  );
}
