// One Thing Description in the Site view: who it is (title, LMOS agent/tool, vendor, version), its
// actions with forms, its properties (read, observe) and events (subscribe) — watched over one
// WebSocket while this view is open — and, for a conversational agent, a way into the Inbox.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LmosThingView, LmosWatchItem } from '../../shared/api-lmos';
import { background } from '../../shared/rpc-client';
import { useNavigate } from '../navigation';
import { ActionInvoker, transportsOf, TRANSPORT_LABEL } from './ActionInvoker';
import { ValueView } from './ValueView';

const WATCH_POLL_MS = 700;
const KIND_LABEL = { agent: 'LMOS agent', tool: 'LMOS tool' } as const;

function useWatch(origin: string, tdUrl: string, events: string[], properties: string[]) {
  const [items, setItems] = useState<LmosWatchItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const key = `${events.join(',')}|${properties.join(',')}`;
  const last = useRef(0);
  useEffect(() => {
    if (!events.length && !properties.length) {
      setLive(false);
      return;
    }
    let watchId: string | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    void background.lmosWatch(origin, tdUrl, events, properties).then((r) => {
      if (!r.ok) return setError(r.error);
      if (stopped) return void background.lmosUnwatch(r.value.watchId);
      watchId = r.value.watchId;
      setLive(true);
      setError(null);
      timer = setInterval(async () => {
        const p = await background.lmosWatchPoll(watchId!, last.current).catch(() => null);
        if (!p) return;
        if (!p.ok) {
          setLive(false);
          setError(p.error);
          clearInterval(timer);
          return;
        }
        if (p.value.items.length) {
          last.current = p.value.items[p.value.items.length - 1].seq;
          setItems((old) => [...p.value.items.slice().reverse(), ...old].slice(0, 50));
        }
        setLive(p.value.open);
        if (p.value.error) setError(p.value.error);
      }, WATCH_POLL_MS);
    });
    return () => {
      stopped = true;
      clearInterval(timer);
      last.current = 0;
      if (watchId) void background.lmosUnwatch(watchId);
    };
  }, [origin, tdUrl, key]);
  return { items, error, live };
}

function toggle(list: string[], name: string): string[] {
  return list.includes(name) ? list.filter((n) => n !== name) : [...list, name];
}

export function ThingView({ origin, thing }: { origin: string; thing: LmosThingView }) {
  const { td } = thing;
  const [events, setEvents] = useState<string[]>([]);
  const [observed, setObserved] = useState<string[]>([]);
  const [readings, setReadings] = useState<Record<string, { value: unknown; via: string } | { error: string }>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const watch = useWatch(origin, thing.url, events, observed);
  const navigate = useNavigate();

  const read = async (name: string) => {
    const a = td.properties.find((p) => p.name === name)!;
    const r = await background.lmosReadProperty(origin, thing.url, name, transportsOf(a, 'readproperty')[0]).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setReadings({ ...readings, [name]: r.ok ? { value: r.value.value, via: TRANSPORT_LABEL[r.value.transport] } : { error: r.error } });
  };
  const chat = async () => {
    setBusy(true);
    const r = await background.lmosChat(origin, thing.url).catch((e: Error) => ({ ok: false as const, error: e.message }));
    setBusy(false);
    if (r.ok) navigate('inbox', { threadId: r.value.threadId });
    else setError(r.error);
  };
  const latest = (name: string) => watch.items.find((i) => i.kind === 'property' && i.name === name);

  return (
    <div class="stack" data-testid="lmos-thing">
      <div class="row">
        <span class="pill">{td.lmosType ? KIND_LABEL[td.lmosType] : 'WoT Thing'}</span>
        <strong data-testid="lmos-title">{td.title}</strong>
        {td.version?.instance && <span class="muted small">v{td.version.instance}</span>}
      </div>
      {td.description && <p class="small">{td.description}</p>}
      {td.vendor?.name && (
        <p class="muted small" data-testid="lmos-vendor">
          By {td.vendor.name}
          {td.vendor.url && <span class="mono"> ({td.vendor.url})</span>}
        </p>
      )}
      {thing.problems.map((p) => (
        <p class="error small">{p}</p>
      ))}
      {thing.warnings.length > 0 && (
        <details>
          <summary>{thing.warnings.length} note{thing.warnings.length === 1 ? '' : 's'} on this description</summary>
          <ul class="small">
            {thing.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </details>
      )}
      {thing.conversational && (
        <button type="button" class="btn btn--primary" disabled={busy} onClick={() => void chat()} data-testid="lmos-chat">
          {busy ? 'Opening…' : thing.threadId ? `Open the chat with ${td.title}` : `Chat with ${td.title}`}
        </button>
      )}
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}

      {td.actions.filter((a) => a.name !== 'chat' || !thing.conversational).length > 0 && (
        <section class="stack tight" aria-label="Actions">
          <h3>Actions</h3>
          {td.actions
            .filter((a) => a.name !== 'chat' || !thing.conversational)
            .map((a) => (
              <ActionInvoker origin={origin} tdUrl={thing.url} action={a} />
            ))}
        </section>
      )}

      {td.properties.length > 0 && (
        <section class="stack tight" aria-label="Properties">
          <h3>Properties</h3>
          {td.properties.map((p) => {
            const r = readings[p.name];
            const live = latest(p.name);
            const canObserve = transportsOf(p, 'observeproperty').includes('ws');
            return (
              <div class="stack tight" data-testid="lmos-property" data-property={p.name}>
                <div class="row spread">
                  <span>
                    <strong>{p.title ?? p.name}</strong> {p.readOnly && <span class="muted small">read-only</span>}
                  </span>
                  <span class="row">
                    <button type="button" class="btn btn--small" onClick={() => void read(p.name)} data-testid="lmos-read">
                      Read
                    </button>
                    {canObserve && (
                      <button type="button" class="btn btn--small" aria-pressed={observed.includes(p.name)} onClick={() => setObserved(toggle(observed, p.name))} data-testid="lmos-observe">
                        {observed.includes(p.name) ? 'Stop observing' : 'Observe'}
                      </button>
                    )}
                  </span>
                </div>
                {live ? (
                  <p class="small" data-testid="lmos-property-value">
                    {JSON.stringify(live.data)} <span class="muted">· live, {new Date(live.at).toLocaleTimeString()}</span>
                  </p>
                ) : r && 'error' in r ? (
                  <p class="error small">{r.error}</p>
                ) : r ? (
                  <div class="small" data-testid="lmos-property-value">
                    <ValueView value={r.value} label={`${p.name} value`} /> <span class="muted">· read over {r.via}</span>
                  </div>
                ) : null}
              </div>
            );
          })}
        </section>
      )}

      {td.events.length > 0 && (
        <section class="stack tight" aria-label="Events">
          <h3>Events</h3>
          {td.events.map((e) => (
            <label class="check" data-testid="lmos-event-toggle" data-event={e.name}>
              <input type="checkbox" checked={events.includes(e.name)} disabled={!transportsOf(e, 'subscribeevent').includes('ws')} onChange={() => setEvents(toggle(events, e.name))} />
              {e.title ?? e.name}
              {e.description && <span class="muted small"> — {e.description}</span>}
            </label>
          ))}
          {(events.length > 0 || observed.length > 0) && (
            <p class="muted small" role="status">
              {watch.live ? 'Listening while this view is open.' : watch.error ? '' : 'Connecting…'}
            </p>
          )}
          {watch.error && <p class="error small">{watch.error}</p>}
          {watch.items.some((i) => i.kind === 'event') && (
            <ol class="list small" aria-live="polite" aria-label="Events received" data-testid="lmos-event-log">
              {watch.items
                .filter((i) => i.kind === 'event')
                .map((i) => (
                  <li data-testid="lmos-event-item" data-event={i.name}>
                    <span class="pill">{i.name}</span> <span class="mono">{JSON.stringify(i.data)}</span> <span class="muted">{new Date(i.at).toLocaleTimeString()}</span>
                  </li>
                ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
