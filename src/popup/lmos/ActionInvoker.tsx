// One LMOS action: its form (from the `input` schema), the transport to use when the Thing offers
// both, and the invocation's status as it moves (pending → completed / failed) with its output.
import { useEffect, useState } from 'preact/hooks';
import type { TdAffordance } from '../../protocols/lmos';
import type { LmosInvocationView } from '../../shared/api-lmos';
import { background } from '../../shared/rpc-client';
import { SchemaForm } from './SchemaForm';
import { ValueView } from './ValueView';

const POLL_MS = 500;

export function transportsOf(a: TdAffordance, op: string): ('http' | 'ws')[] {
  const out = new Set<'http' | 'ws'>();
  for (const f of a.forms) {
    if (!f.op.includes(op)) continue;
    if (/^wss?:/.test(f.href) && (!f.subprotocol || f.subprotocol === 'lmosprotocol')) out.add('ws');
    if (/^https?:/.test(f.href) && !f.subprotocol) out.add('http');
  }
  return [...out];
}

export const TRANSPORT_LABEL = { http: 'HTTP', ws: 'WebSocket' } as const;

export function ActionInvoker({ origin, tdUrl, action }: { origin: string; tdUrl: string; action: TdAffordance }) {
  const transports = transportsOf(action, 'invokeaction');
  const [transport, setTransport] = useState<'http' | 'ws'>(transports[0] ?? 'http');
  const [inv, setInv] = useState<LmosInvocationView | null>(null);

  useEffect(() => {
    if (!inv || inv.status !== 'pending') return;
    const timer = setInterval(async () => {
      const r = await background.lmosInvocation(inv.id).catch(() => null);
      if (r?.ok) setInv(r.value);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [inv?.id, inv?.status]);

  const id = `lmos-${action.name}`;
  return (
    <div class="stack tight" data-testid="lmos-action" data-action={action.name}>
      <div class="row">
        <strong>{action.title ?? action.name}</strong>
        {action.safe && <span class="pill">safe</span>}
        {action.idempotent && <span class="pill">idempotent</span>}
      </div>
      {action.description && <p class="small">{action.description}</p>}
      {transports.length > 1 && (
        <div class="row" role="radiogroup" aria-label={`How to send ${action.name}`}>
          {transports.map((t) => (
            <label class="check small">
              <input type="radio" name={`${id}-transport`} checked={transport === t} onChange={() => setTransport(t)} data-testid={`lmos-transport-${t}`} />
              {TRANSPORT_LABEL[t]}
            </label>
          ))}
        </div>
      )}
      {transports.length === 0 ? (
        <p class="muted small">No form Emissary can use (HTTP or the lmosprotocol WebSocket).</p>
      ) : (
        <SchemaForm
          schema={action.input}
          idPrefix={id}
          submitLabel={`Invoke ${action.title ?? action.name}`}
          busyLabel="Starting…"
          testId="lmos-action-form"
          onSubmit={async (input) => {
            const r = await background.lmosInvoke(origin, tdUrl, action.name, input, transport).catch((e: Error) => ({ ok: false as const, error: e.message }));
            if (!r.ok) return r.error;
            setInv(r.value);
            return null;
          }}
        />
      )}
      {inv && (
        <div class="stack tight" role="status" aria-live="polite" data-testid="lmos-invocation" data-status={inv.status}>
          <p class="small">
            <span class={`pill ${inv.status === 'failed' ? 'pill--failed' : inv.status === 'completed' ? 'pill--settled' : ''}`}>{inv.status}</span> over {TRANSPORT_LABEL[inv.transport]} ·{' '}
            <span class="muted">{inv.history.map((h) => h.status).join(' → ')}</span>
          </p>
          {inv.error && <p class="error small">{inv.error}</p>}
          {inv.status === 'completed' && inv.output !== undefined && inv.output !== null && <ValueView value={inv.output} label={`${action.name} output`} />}
        </div>
      )}
    </div>
  );
}
