import type { ThreadSummary } from '../../shared/api-inbox';
import { timeAgo } from '../format';

export const STATE_LABEL: Record<ThreadSummary['state'], string> = {
  'waiting-for-you': 'Waiting for you',
  'waiting-for-agent': 'Waiting for the agent',
  done: 'Done',
  failed: 'Failed',
};

export function ThreadList({ threads, onOpen }: { threads: ThreadSummary[]; onOpen: (id: string) => void }) {
  return (
    <ul class="thread-list" aria-label="Conversations">
      {threads.map((t) => (
        <li>
          <button type="button" class="card thread-item" data-testid="thread-item" data-protocol={t.protocol} onClick={() => onOpen(t.id)}>
            <span class="row spread">
              <strong>{t.agent.name}</strong>
              <span class={`state state--${t.state}`}>{STATE_LABEL[t.state]}</span>
            </span>
            <span class="row spread muted">
              <span class="origin">{t.origin}</span>
              <span>
                {t.protocol.toUpperCase()} · {timeAgo(t.updatedAt)}
              </span>
            </span>
            {t.preview && <span class="preview">{t.preview}</span>}
            {t.unread > 0 && (
              <span class="count" aria-label={`${t.unread} unread`} data-testid="thread-unread">
                {t.unread}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
