import { useEffect, useState } from 'preact/hooks';
import type { ThreadSummary } from '../../shared/api-inbox';
import { background } from '../../shared/rpc-client';
import { ErrorBanner } from '../components/ErrorBanner';
import { ThreadList } from '../inbox/ThreadList';
import { ThreadView } from '../inbox/ThreadView';

const PAGE = 30;

/** Every conversation with site agents, across sites and protocols; one opens as a thread. */
export function InboxView({ openThreadId }: { openThreadId?: string }) {
  const [open, setOpen] = useState<string | null>(openThreadId ?? null);
  const [threads, setThreads] = useState<ThreadSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    background.inboxThreads({ limit: PAGE }).then((t) => {
      setThreads(t);
      setMore(t.length === PAGE);
    }, (e: Error) => setError(e.message));
  useEffect(() => {
    if (!open) void load();
  }, [open]);

  const loadMore = async () => {
    const last = threads?.[threads.length - 1];
    if (!last) return;
    const next = await background.inboxThreads({ before: last.updatedAt, limit: PAGE });
    setThreads([...(threads ?? []), ...next]);
    setMore(next.length === PAGE);
  };

  if (open) return <ThreadView threadId={open} onBack={() => setOpen(null)} />;
  if (error) return <ErrorBanner message={error} />;
  if (!threads) return <p class="muted" role="status">Loading conversations…</p>;
  if (threads.length === 0) {
    return (
      <div class="empty" data-testid="inbox-view">
        <h2>No conversations yet</h2>
        <p>When you talk to a site’s agent, or it starts a negotiation with you, the thread appears here.</p>
      </div>
    );
  }
  return (
    <div class="stack" data-testid="inbox-view">
      <ThreadList threads={threads} onOpen={setOpen} />
      {more && (
        <button type="button" class="btn btn--ghost" onClick={loadMore}>
          Show older conversations
        </button>
      )}
    </div>
  );
}
