// The Inbox in the background: one list of threads for every protocol. A protocol registers a
// handler that knows how to send text, answer a structured request and poll its agent; the Inbox
// keeps the records, the unread counts and the notifications.
import type { Result } from '../../shared/api';
import type { MessageView, ThreadSummary } from '../../shared/api-inbox';
import type { MessageRecord, ThreadProtocol, ThreadRecord, ThreadState } from '../../store/schema';
import { appendMessages, createThread, getMessage, getThread, lastMessages, listThreads, markThreadRead, unreadTotal, updateThread, type NewMessage } from '../../store/threads';

export interface ThreadProtocolHandler {
  /** Sends the user's text; append what was sent and any reply through `inbox.append`. */
  send(thread: ThreadRecord, text: string): Promise<void>;
  /** Answers the structured request in `message` with what the popup collected. */
  answer(thread: ThreadRecord, message: MessageRecord, answer: unknown): Promise<void>;
  /** Fetches what is new from the agent. */
  refresh?(thread: ThreadRecord): Promise<void>;
}

/** Shows a system notification when the popup is closed (e.g. an agent asks for something). */
export type Notifier = (key: string, title: string, text: string) => Promise<void>;

const PREVIEW_CHARS = 120;
const THREAD_VIEW_MESSAGES = 200;

export function toSummary(t: ThreadRecord, last?: MessageRecord): ThreadSummary {
  const preview = last?.text ?? (last ? last.kind : undefined);
  return {
    id: t.id,
    origin: t.origin,
    protocol: t.protocol,
    agent: t.agent,
    title: t.title,
    state: t.state,
    unread: t.unread,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    preview: preview && preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS - 1)}…` : preview,
    error: t.error,
  };
}

export class Inbox {
  readonly #handlers = new Map<ThreadProtocol, ThreadProtocolHandler>();
  readonly #notify: Notifier;
  readonly #onChange: () => void;

  constructor(options: { notify?: Notifier; onChange?: () => void } = {}) {
    this.#notify = options.notify ?? (async () => undefined);
    this.#onChange = options.onChange ?? (() => undefined);
  }

  register(protocol: ThreadProtocol, handler: ThreadProtocolHandler): void {
    this.#handlers.set(protocol, handler);
  }

  async open(thread: Omit<ThreadRecord, 'nextSeq' | 'unread' | 'createdAt' | 'updatedAt'>, now = Date.now()): Promise<ThreadRecord> {
    const created = await createThread({ ...thread, createdAt: now, updatedAt: now });
    this.#onChange();
    return created;
  }

  /** Stores messages (deduplicated by remote id) and notifies about new incoming requests. */
  async append(threadId: string, messages: NewMessage[], state?: ThreadState): Promise<MessageRecord[]> {
    const added = await appendMessages(threadId, messages, { state });
    const asks = added.filter((m) => m.direction === 'in');
    if (asks.length && state === 'waiting-for-you') {
      const thread = await getThread(threadId);
      const last = asks[asks.length - 1];
      if (thread) await this.#notify(`thread-${threadId}-${last.seq}`, `${thread.agent.name} asks you something`, last.text ?? thread.title).catch(() => {});
    }
    if (added.length || state) this.#onChange();
    return added;
  }

  setState(threadId: string, state: ThreadState, error?: string): Promise<ThreadRecord | undefined> {
    return updateThread(threadId, (t) => {
      t.state = state;
      if (error !== undefined) t.error = error;
      else delete t.error;
    });
  }

  async list(options: { before?: number; origin?: string; limit?: number } = {}): Promise<ThreadSummary[]> {
    const threads = await listThreads({ before: options.before, origin: options.origin, limit: Math.min(options.limit ?? 50, 200) });
    return Promise.all(threads.map(async (t) => toSummary(t, (await lastMessages(t.id, 1))[0])));
  }

  async view(threadId: string): Promise<Result<{ thread: ThreadSummary; messages: MessageView[] }>> {
    const thread = await getThread(threadId);
    if (!thread) return { ok: false, error: 'That conversation no longer exists.' };
    await markThreadRead(threadId);
    const messages = await lastMessages(threadId, THREAD_VIEW_MESSAGES);
    return { ok: true, value: { thread: toSummary({ ...thread, unread: 0 }, messages[messages.length - 1]), messages } };
  }

  async send(threadId: string, text: string): Promise<Result<true>> {
    if (typeof text !== 'string' || !text.trim()) return { ok: false, error: 'Write something to send.' };
    if (text.length > 20_000) return { ok: false, error: 'That message is too long (20,000 characters at most).' };
    return this.#withHandler(threadId, (h, t) => h.send(t, text.trim()));
  }

  async answer(threadId: string, messageId: string, answer: unknown): Promise<Result<true>> {
    const message = await getMessage(messageId);
    if (!message || message.threadId !== threadId) return { ok: false, error: 'That request is not part of this conversation.' };
    if (message.answered) return { ok: false, error: 'You already answered this request.' };
    return this.#withHandler(threadId, (h, t) => h.answer(t, message, answer));
  }

  async refresh(threadId: string): Promise<Result<true>> {
    return this.#withHandler(threadId, async (h, t) => h.refresh?.(t));
  }

  unread(): Promise<number> {
    return unreadTotal();
  }

  async #withHandler(threadId: string, work: (h: ThreadProtocolHandler, t: ThreadRecord) => Promise<void>): Promise<Result<true>> {
    const thread = await getThread(threadId);
    if (!thread) return { ok: false, error: 'That conversation no longer exists.' };
    const handler = this.#handlers.get(thread.protocol);
    if (!handler) return { ok: false, error: `Emissary cannot talk ${thread.protocol.toUpperCase()} yet.` };
    try {
      await work(handler, thread);
      this.#onChange();
      return { ok: true, value: true };
    } catch (err) {
      return { ok: false, error: (err as Error).message || 'The agent could not be reached.' };
    }
  }
}
