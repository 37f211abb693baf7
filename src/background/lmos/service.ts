// LMOS in the background: the site's Thing Descriptions, action invocations over HTTP forms or the
// lmosprotocol WebSocket (with their status), property reads, and watches (events and observed
// properties) that live while the popup keeps asking for them.
import { build, parseThingDescription, pickForm, type Incoming, type TdAffordance, type ThingDescription, type Transport } from '../../protocols/lmos';
import { checkFetchUrl } from '../../protocols/discovery/policy';
import { getSite } from '../../store/sites';
import type { fetchText } from '../net';
import { LmosSocket } from './socket';

const HTTP_TIMEOUT_MS = 30_000;
const RESPONSE_MAX_CHARS = 1_000_000;
const THING_CACHE_MS = 60_000;
const WATCH_IDLE_MS = 20_000;
const WATCH_MAX_ITEMS = 200;
const INVOCATIONS_KEPT = 50;

export interface LoadedThing {
  url: string;
  td: ThingDescription;
  problems: string[];
  warnings: string[];
}

export interface Invocation {
  id: string;
  action: string;
  transport: Transport;
  status: 'pending' | 'completed' | 'failed';
  output?: unknown;
  error?: string;
  history: { at: number; status: string }[];
  /** Settles when the invocation has its final status (not sent to the popup). */
  done?: Promise<void>;
}

export interface WatchItem {
  seq: number;
  at: number;
  kind: 'event' | 'property';
  name: string;
  data: unknown;
}

interface Watch {
  socket: LmosSocket;
  items: WatchItem[];
  seq: number;
  lastPoll: number;
  error?: string;
}

const newId = () => crypto.randomUUID();

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length > RESPONSE_MAX_CHARS) throw new Error('The agent answered with more than 1 MB.');
  if (!text.trim()) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function problemText(value: unknown, status: number): string {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const parts = [v.title, v.detail, v.error, v.message].filter((x): x is string => typeof x === 'string');
    if (parts.length) return `HTTP ${status}: ${parts.join(': ').slice(0, 300)}`;
  }
  return typeof value === 'string' && value ? `HTTP ${status}: ${value.slice(0, 300)}` : `HTTP ${status}`;
}

async function http(url: string, init: RequestInit): Promise<unknown> {
  const check = checkFetchUrl(url, true);
  if (!check.ok) throw new Error(`${url.slice(0, 200)} ${check.reason}.`);
  let response: Response;
  try {
    response = await fetch(check.url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'error', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  } catch (err) {
    throw new Error((err as Error).name === 'TimeoutError' ? 'The agent did not answer in 30 seconds.' : 'The agent could not be reached.');
  }
  const value = await readJson(response);
  if (!response.ok) throw new Error(problemText(value, response.status));
  return value;
}

export class LmosService {
  readonly #things = new Map<string, { at: number; thing: LoadedThing }>();
  readonly #invocations = new Map<string, Invocation>();
  readonly #watches = new Map<string, Watch>();
  #sweeper?: ReturnType<typeof setInterval>;

  constructor(private readonly fetchDoc: typeof fetchText, private readonly now: () => number = Date.now) {}

  /** The Thing Descriptions discovery found on this site, read fresh (briefly cached). */
  async things(origin: string): Promise<LoadedThing[]> {
    const site = await getSite(origin);
    const urls = (site?.documents ?? []).filter((d) => d.kind === 'lmos-thing-description').map((d) => d.url).slice(0, 4);
    return Promise.all(urls.map((url) => this.thing(origin, url)));
  }

  async thing(origin: string, url: string): Promise<LoadedThing> {
    const site = await getSite(origin);
    if (!site?.documents.some((d) => d.url === url && d.kind === 'lmos-thing-description')) throw new Error('This site does not declare that Thing Description.');
    const cached = this.#things.get(url);
    if (cached && this.now() - cached.at < THING_CACHE_MS) return cached.thing;
    const parsed = parseThingDescription(await this.fetchDoc(url, 'agentsJson'), url);
    if (!parsed.detail) throw new Error(parsed.problems.map((p) => p.message).join(' ') || 'The Thing Description could not be read.');
    const thing = { url, td: parsed.detail, problems: parsed.problems.filter((p) => p.severity === 'error').map((p) => p.message), warnings: parsed.problems.filter((p) => p.severity !== 'error').map((p) => p.message) };
    this.#things.set(url, { at: this.now(), thing });
    return thing;
  }

  thingIdOf(thing: LoadedThing): string {
    return thing.td.id ?? thing.url;
  }

  #affordance(thing: LoadedThing, group: 'actions' | 'properties' | 'events', name: string): TdAffordance {
    const a = thing.td[group].find((x) => x.name === name);
    if (!a) throw new Error(`${thing.td.title} has no ${group.slice(0, -1)} named ${name}.`);
    return a;
  }

  /** Starts an action; its status is read with `invocation(id)`. `onEvent` gets events of the same socket. */
  async invoke(thing: LoadedThing, action: string, input: unknown, prefer: Transport = 'http'): Promise<Invocation> {
    const affordance = this.#affordance(thing, 'actions', action);
    const picked = pickForm(affordance, 'invokeaction', prefer);
    if (!picked) throw new Error(`${action} has no form Emissary can use (HTTP or the lmosprotocol WebSocket).`);
    const inv: Invocation = { id: newId(), action, transport: picked.transport, status: 'pending', history: [{ at: this.now(), status: 'pending' }] };
    this.#invocations.set(inv.id, inv);
    if (this.#invocations.size > INVOCATIONS_KEPT) this.#invocations.delete(this.#invocations.keys().next().value!);
    const settle = (status: Invocation['status'], patch: Partial<Invocation>) => {
      Object.assign(inv, { status, ...patch });
      inv.history.push({ at: this.now(), status });
    };
    if (picked.transport === 'http') {
      const method = picked.form.method ?? 'POST';
      inv.done = http(picked.form.href, { method, headers: { 'content-type': picked.form.contentType ?? 'application/json', accept: 'application/json' }, ...(input === undefined ? {} : { body: JSON.stringify(input) }) })
        .then((output) => settle('completed', { output }), (err: Error) => settle('failed', { error: err.message }));
    } else {
      const socket = new LmosSocket(picked.form.href, this.thingIdOf(thing));
      inv.done = new Promise<void>((resolve) => {
        const finish = (status: 'completed' | 'failed', patch: Partial<Invocation>) => {
          settle(status, patch);
          socket.close();
          resolve();
        };
        socket.onClose = (reason) => inv.status === 'pending' && finish('failed', { error: `The WebSocket ${reason} before the action finished.` });
        socket.send(build.invokeAction(socket.thingId, newId(), action, input), (m: Incoming) => {
          if (m.type === 'error') finish('failed', { error: `${m.title}${m.detail ? `: ${m.detail}` : ''}` });
          else if (m.type === 'actionStatus' && m.status === 'pending') inv.history.push({ at: this.now(), status: 'pending (agent)' });
          else if (m.type === 'actionStatus') finish(m.status === 'failed' ? 'failed' : 'completed', m.status === 'failed' ? { error: typeof m.output === 'string' ? m.output : JSON.stringify(m.output ?? 'failed').slice(0, 300), output: m.output } : { output: m.output });
        }).catch((err: Error) => finish('failed', { error: err.message }));
      });
    }
    return inv;
  }

  invocation(id: string): Invocation | undefined {
    return this.#invocations.get(id);
  }

  async readProperty(thing: LoadedThing, name: string, prefer: Transport = 'http'): Promise<{ value: unknown; transport: Transport }> {
    const picked = pickForm(this.#affordance(thing, 'properties', name), 'readproperty', prefer);
    if (!picked) throw new Error(`${name} cannot be read.`);
    if (picked.transport === 'http') return { value: await http(picked.form.href, { method: picked.form.method ?? 'GET', headers: { accept: 'application/json' } }), transport: 'http' };
    const socket = new LmosSocket(picked.form.href, this.thingIdOf(thing));
    try {
      const m = await socket.request(build.readProperty(socket.thingId, newId(), name), (x) => x.type === 'propertyReading');
      if (m.type === 'error') throw new Error(`${m.title}${m.detail ? `: ${m.detail}` : ''}`);
      return { value: m.type === 'propertyReading' ? m.value : null, transport: 'ws' };
    } finally {
      socket.close();
    }
  }

  /** Opens one WebSocket that subscribes to `events` and observes `properties`; read with `poll`. */
  async watch(thing: LoadedThing, events: string[], properties: string[]): Promise<string> {
    const forms = [
      ...events.map((e) => pickForm(this.#affordance(thing, 'events', e), 'subscribeevent', 'ws')),
      ...properties.map((p) => pickForm(this.#affordance(thing, 'properties', p), 'observeproperty', 'ws')),
    ];
    const href = forms.find((f) => f?.transport === 'ws')?.form.href;
    if (!href || forms.some((f) => f?.transport !== 'ws')) throw new Error('Emissary watches events and properties over the lmosprotocol WebSocket, and the Thing offers none for these.');
    const socket = new LmosSocket(href, this.thingIdOf(thing));
    const id = newId();
    const watch: Watch = { socket, items: [], seq: 0, lastPoll: this.now() };
    const push = (kind: WatchItem['kind'], name: string, data: unknown) => {
      watch.items.push({ seq: ++watch.seq, at: this.now(), kind, name, data });
      if (watch.items.length > WATCH_MAX_ITEMS) watch.items.shift();
    };
    socket.onClose = (reason) => void (watch.error ??= `The WebSocket ${reason}.`);
    try {
      await socket.opened();
      for (const e of events) await socket.subscribe(e, (m) => m.type === 'event' && push('event', m.event || e, m.data), newId);
      for (const p of properties) {
        await socket.send(build.observeProperty(socket.thingId, newId(), p, new Date()), (m) => {
          if (m.type === 'propertyReading') push('property', m.name || p, m.value);
          else if (m.type === 'error') watch.error = `${m.title}${m.detail ? `: ${m.detail}` : ''}`;
        });
      }
    } catch (err) {
      socket.close();
      throw err;
    }
    this.#watches.set(id, watch);
    this.#sweep();
    return id;
  }

  poll(id: string, after: number): { items: WatchItem[]; open: boolean; error?: string } | undefined {
    const watch = this.#watches.get(id);
    if (!watch) return undefined;
    watch.lastPoll = this.now();
    return { items: watch.items.filter((i) => i.seq > after), open: !watch.socket.closed, ...(watch.error ? { error: watch.error } : {}) };
  }

  unwatch(id: string): void {
    this.#watches.get(id)?.socket.close();
    this.#watches.delete(id);
  }

  /** Watches nobody has polled for a while belong to a closed popup: close them. */
  #sweep(): void {
    if (this.#sweeper) return;
    this.#sweeper = setInterval(() => {
      for (const [id, w] of this.#watches) if (this.now() - w.lastPoll > WATCH_IDLE_MS) this.unwatch(id);
      if (!this.#watches.size) {
        clearInterval(this.#sweeper);
        this.#sweeper = undefined;
      }
    }, 5_000);
  }
}
