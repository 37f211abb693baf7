// One lmosprotocol WebSocket to a Thing: requests are matched to replies by correlation id, events
// and property readings go to the listeners registered for the subscribing message's id.
import { build, isUnsupportedType, readIncoming, type Incoming, type Outgoing } from '../../protocols/lmos';
import { LMOS_SUBPROTOCOL } from '../../protocols/lmos';
import { checkFetchUrl } from '../../protocols/discovery/policy';

const OPEN_TIMEOUT_MS = 8_000;
const FRAME_MAX_CHARS = 1_000_000;

export function checkSocketUrl(url: string): string {
  const asHttp = url.replace(/^ws(s?):/i, 'http$1:');
  if (!/^wss?:/i.test(url)) throw new Error(`${url.slice(0, 200)} is not a WebSocket address.`);
  const check = checkFetchUrl(asHttp, true);
  if (!check.ok) throw new Error(`${url.slice(0, 200)} ${check.reason}.`);
  return url;
}

export class LmosSocket {
  readonly #ws: WebSocket;
  readonly #listeners = new Map<string, (m: Incoming) => void>();
  readonly #opened: Promise<void>;
  closed = false;
  error?: string;
  onClose?: (reason: string) => void;

  constructor(url: string, readonly thingId: string) {
    this.#ws = new WebSocket(checkSocketUrl(url), LMOS_SUBPROTOCOL);
    this.#opened = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The agent did not open the WebSocket in 8 seconds.')), OPEN_TIMEOUT_MS);
      this.#ws.addEventListener('open', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#ws.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error('The WebSocket could not be opened.'));
      });
    });
    this.#opened.catch(() => {});
    this.#ws.addEventListener('message', (e) => {
      if (typeof e.data !== 'string' || e.data.length > FRAME_MAX_CHARS) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(e.data);
      } catch {
        return;
      }
      const m = readIncoming(parsed);
      if (m?.correlationId) this.#listeners.get(m.correlationId)?.(m);
    });
    this.#ws.addEventListener('close', (e) => {
      this.closed = true;
      const reason = e.reason ? `closed: ${e.reason.slice(0, 120)}` : `closed (${e.code})`;
      this.error ??= e.code === 1000 ? undefined : reason;
      this.onClose?.(reason);
    });
  }

  opened(): Promise<void> {
    return this.#opened;
  }

  /** Sends a message; `listener` gets every reply that names its id (status updates, events, readings). */
  async send(message: Outgoing, listener: (m: Incoming) => void): Promise<void> {
    await this.#opened;
    if (this.closed) throw new Error(this.error ?? 'The WebSocket is closed.');
    this.#listeners.set(message.messageId, listener);
    this.#ws.send(JSON.stringify(message));
  }

  /** Waits for the first reply to `message` that `done` accepts. */
  request(message: Outgoing, done: (m: Incoming) => boolean, timeoutMs = 30_000): Promise<Incoming> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The agent did not answer in time.')), timeoutMs);
      this.send(message, (m) => {
        if (m.type === 'error' || done(m)) {
          clearTimeout(timer);
          this.#listeners.delete(message.messageId);
          resolve(m);
        }
      }).catch((err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Subscribes to an event in kotlin-wot's spelling, then the spec's if the agent did not know it. */
  async subscribe(event: string, onEvent: (m: Incoming) => void, newId: () => string): Promise<string> {
    for (const make of [(id: string) => build.subscribeEvent(this.thingId, id, event, new Date()), (id: string) => build.subscribeEventSpec(this.thingId, id, event)]) {
      const id = newId();
      let first = true;
      const reply = await new Promise<Incoming | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 5_000);
        this.send(make(id), (m) => {
          if (first) {
            first = false;
            clearTimeout(timer);
            resolve(m);
            if (m.type !== 'event') return;
          }
          if (m.type === 'event') onEvent(m);
        }).catch(() => resolve(null));
      });
      // kotlin-wot sends no acknowledgement for subscriptions; silence means subscribed.
      if (reply === null || reply.type === 'acknowledgement' || reply.type === 'event') return id;
      if (!isUnsupportedType(reply)) throw new Error(reply.type === 'error' ? `${reply.title}${reply.detail ? `: ${reply.detail}` : ''}` : 'Unexpected reply to the subscription.');
    }
    throw new Error('The agent does not accept event subscriptions.');
  }

  close(): void {
    this.closed = true;
    this.#listeners.clear();
    try {
      this.#ws.close(1000);
    } catch {
      /* already closed */
    }
  }
}
