import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MessageView, ThreadSummary } from '../../shared/api-inbox';
import { background } from '../../shared/rpc-client';
import { ErrorBanner } from '../components/ErrorBanner';
import { NegotiationView } from './NegotiationView';
import { widgetFor } from './renderers';
import { STATE_LABEL } from './ThreadList';
import './widgets';

const POLL_MS = 1500;
const REFRESH_MS = 4000;

function Message({ thread, message, answer }: { thread: ThreadSummary; message: MessageView; answer: (a: unknown) => Promise<string | null> }) {
  const Widget = message.problems?.length ? undefined : widgetFor(message.kind);
  return (
    <li class={`message message--${message.direction}`} data-testid="message" data-kind={message.kind}>
      {Widget ? <Widget thread={thread} message={message} answer={answer} /> : message.text !== undefined ? message.text : <span class="muted">({message.kind})</span>}
      {message.problems?.length ? (
        <ul class="problems" aria-label="Problems with this message">
          {message.problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function ThreadView({ threadId, onBack }: { threadId: string; onBack: () => void }) {
  const [data, setData] = useState<{ thread: ThreadSummary; messages: MessageView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'messages' | 'negotiation'>('messages');
  const end = useRef<HTMLLIElement>(null);

  const load = useCallback(async () => {
    const result = await background.inboxThread(threadId).catch((e: Error) => ({ ok: false as const, error: e.message }));
    if (result.ok) setData(result.value);
    else setError(result.error);
  }, [threadId]);

  // The background stores what agents send; the open thread reads it again every moment.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  // Protocols that poll their agent (AITP's T01) are asked for news while the thread is open.
  useEffect(() => {
    const ask = () => void background.inboxRefresh(threadId).then(load, () => undefined);
    ask();
    const timer = setInterval(ask, REFRESH_MS);
    return () => clearInterval(timer);
  }, [threadId, load]);
  const count = data?.messages.length ?? 0;
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [count]);

  const answerFor = (messageId: string) => async (answer: unknown) => {
    const result = await background.inboxAnswer(threadId, messageId, answer).catch((e: Error) => ({ ok: false as const, error: e.message }));
    await load();
    return result.ok ? null : result.error;
  };

  const send = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const result = await background.inboxSend(threadId, text).catch((err: Error) => ({ ok: false as const, error: err.message }));
    setBusy(false);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error);
    await load();
  };

  if (!data) return error ? <ErrorBanner message={error} /> : <p class="muted" role="status">Opening the conversation…</p>;
  const { thread, messages } = data;
  return (
    <div class="stack" data-testid="thread-view" data-thread-state={thread.state}>
      <div class="row spread">
        <button type="button" class="btn btn--ghost btn--small" onClick={onBack} aria-label="Back to all conversations">
          ← Inbox
        </button>
        <span class={`state state--${thread.state}`} data-testid="thread-state">
          {STATE_LABEL[thread.state]}
        </span>
      </div>
      <div>
        <h2>{thread.agent.name}</h2>
        <p class="muted">
          <span class="origin">{thread.origin}</span> · {thread.protocol.toUpperCase()}
        </p>
      </div>
      {thread.error && <ErrorBanner message={thread.error} />}
      <div class="row" role="tablist" aria-label="Conversation views">
        <button type="button" role="tab" aria-selected={tab === 'messages'} class="btn btn--small" data-testid="messages-tab" onClick={() => setTab('messages')}>
          Messages
        </button>
        <button type="button" role="tab" aria-selected={tab === 'negotiation'} class="btn btn--small" data-testid="negotiation-tab" onClick={() => setTab('negotiation')}>
          Negotiation
        </button>
      </div>
      {tab === 'negotiation' ? (
        <NegotiationView messages={messages} />
      ) : (
        <>
          <ol class="messages" aria-live="polite" aria-label="Messages">
            {messages.map((m) => (
              <Message thread={thread} message={m} answer={answerFor(m.id)} />
            ))}
            <li ref={end} aria-hidden="true" />
          </ol>
          {error && <ErrorBanner message={error} />}
          <form class="composer" onSubmit={send}>
            <label class="visually-hidden" for="composer-text">
              Message to {thread.agent.name}
            </label>
            <textarea
              id="composer-text"
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) void send(e);
              }}
              placeholder="Write to the agent…"
              disabled={busy}
            />
            <button type="submit" class="btn btn--primary" disabled={busy || !text.trim()} data-testid="send">
              {busy ? 'Sending…' : 'Send'}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
