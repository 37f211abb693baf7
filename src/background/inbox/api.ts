import type { InboxApi } from '../../shared/api-inbox';
import { updateApprovalBadge } from '../badge';
import type { BackgroundContext } from '../context';

export function createInboxApi({ inbox, consent }: BackgroundContext): InboxApi {
  return {
    inboxThreads: (options) => inbox.list(options ?? {}),
    inboxThread: (id) => inbox.view(id),
    inboxSend: (id, text) => inbox.send(id, text),
    inboxAnswer: (id, messageId, answer) => inbox.answer(id, messageId, answer),
    inboxRefresh: (id) => inbox.refresh(id),
    unreadCount: () => inbox.unread(),
    pendingConsents: () => consent.listPending(),
    decideConsent: async (id, decision, hash) => {
      const result = await consent.decide(id, decision, hash);
      await updateApprovalBadge();
      return result;
    },
  };
}
