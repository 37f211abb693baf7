// One tool: its form, the call, progress, cancel, a server's question (elicitation), the result.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formDefaults } from '../../protocols/mcp/client';
import type { McpCallView, McpToolView } from '../../shared/api-mcp';
import { background } from '../../shared/rpc-client';
import { ErrorBanner } from '../components/ErrorBanner';
import { missingRequired, SchemaFormView, type Obj } from './SchemaFormView';
import { ToolResult } from './ResultView';

const POLL_MS = 250;

const STATE_TEXT: Record<McpCallView['state'], string> = {
  'waiting-for-approval': 'Waiting for your approval in the Approvals tab…',
  running: 'Running…',
  'waiting-for-you': 'The server asks you something',
  paying: 'Paying…',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface ToolTarget {
  origin: string;
  server: string;
  /** Calls a tool and returns the call id (remote server or WebMCP page). */
  call: (name: string, args: Obj) => Promise<{ ok: true; value: string } | { ok: false; error: string }>;
}

export function ToolRunner({ tool, target }: { tool: McpToolView; target: ToolTarget }) {
  const [args, setArgs] = useState<Obj>(() => formDefaults(tool.form.root) as Obj);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [call, setCall] = useState<McpCallView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const follow = (id: string) => {
    void background.mcpCall(id).then((view) => {
      setCall(view);
      if (view && !view.endedAt) timer.current = setTimeout(() => follow(id), POLL_MS);
    });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const gaps = missingRequired(tool.form.root, args);
    setMissing(gaps);
    if (gaps.size) return;
    setError(null);
    setCall(null);
    const started = await target.call(tool.name, args).catch((err: Error) => ({ ok: false as const, error: err.message }));
    if (!started.ok) return setError(started.error);
    follow(started.value);
  };

  const running = call !== null && !call.endedAt;
  const p = call?.progress;
  const id = `tool-${tool.name}`.replace(/[^\w-]/g, '_');
  return (
    <form class="stack tight mcp-runner" onSubmit={submit} aria-label={`Call ${tool.title ?? tool.name}`} data-testid="mcp-runner" noValidate>
      {tool.form.notes.length > 0 && <p class="muted small">{tool.form.notes.join(' ')}</p>}
      <SchemaFormView node={tool.form.root} idPrefix={id} value={args} onChange={setArgs} missing={missing} />
      <div class="row">
        <button type="submit" class="btn btn--primary btn--small" disabled={running}>Call {tool.title ?? tool.name}</button>
        {running && <button type="button" class="btn btn--small" data-testid="mcp-cancel" onClick={() => void background.mcpCancel(call.id)}>Cancel</button>}
      </div>
      {error && <ErrorBanner message={error} />}
      {call && (
        <div class="stack tight" aria-live="polite">
          <p class={`small mcp-state mcp-state--${call.state}`} data-testid="mcp-call-state" data-state={call.state}>{STATE_TEXT[call.state]}</p>
          {running && p && (
            <div class="stack tight">
              <progress data-testid="mcp-progress" max={p.total ?? undefined} value={p.total ? p.progress : undefined} aria-label="Progress">{p.progress}</progress>
              <p class="muted small">{p.message ?? (p.total ? `${p.progress} of ${p.total}` : `${p.progress}`)}</p>
            </div>
          )}
          {call.elicitation && <Elicitation call={call} />}
          {call.error && !call.result && <p class="error" role="alert" data-testid="mcp-call-error">{call.error}</p>}
          {call.result && <ToolResult result={call.result} />}
        </div>
      )}
    </form>
  );
}

function Elicitation({ call }: { call: McpCallView }) {
  const e = call.elicitation!;
  const [values, setValues] = useState<Obj>(() => (e.form ? (formDefaults(e.form.root) as Obj) : {}));
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const answer = (action: 'accept' | 'decline' | 'cancel') => {
    if (action === 'accept' && e.form) {
      const gaps = missingRequired(e.form.root, values);
      setMissing(gaps);
      if (gaps.size) return;
    }
    void background.mcpAnswerElicitation(call.id, action, action === 'accept' && e.form ? values : undefined);
  };
  return (
    <div class="card mcp-elicitation" role="group" aria-label="The server asks you" data-testid="mcp-elicitation">
      <p><strong>The server asks:</strong> {e.message}</p>
      {e.mode === 'form' && e.form && <SchemaFormView node={e.form.root} idPrefix={`elicit-${call.id}`} value={values} onChange={setValues} missing={missing} />}
      {e.mode === 'url' && <p class="small">It wants to open <span class="mono">{e.url}</span> in a new tab.</p>}
      <div class="row">
        <button type="button" class="btn btn--primary btn--small" onClick={() => answer('accept')}>{e.mode === 'url' ? 'Open the page' : 'Send'}</button>
        <button type="button" class="btn btn--small" onClick={() => answer('decline')}>Decline</button>
      </div>
    </div>
  );
}
