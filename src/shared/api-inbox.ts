// The Inbox (threads with site agents, every protocol) and the consent queue (decisions that are
// not x402 payments), as the popup sees them.
import type { MessageRecord, ThreadRecord } from '../store/schema';
import type { Result } from './api';
import type { ConsentOutcome, ConsentView } from '../background/consent/queue';

export type { ConsentOutcome, ConsentView };
export type MessageView = MessageRecord;

/** A thread as the Inbox lists it: the record without its protocol state, plus a preview. */
export type ThreadSummary = Pick<ThreadRecord, 'id' | 'origin' | 'protocol' | 'agent' | 'title' | 'state' | 'unread' | 'createdAt' | 'updatedAt' | 'error'> & {
  /** The last message's text, shortened, for the list. */
  preview?: string;
};

export interface InboxApi {
  /** Most recently active first; `before` (an updatedAt) pages back; `origin` filters. */
  inboxThreads(options?: { before?: number; origin?: string; limit?: number }): Promise<ThreadSummary[]>;
  /** A thread with its newest messages (oldest first); opening it marks it read. */
  inboxThread(threadId: string): Promise<Result<{ thread: ThreadSummary; messages: MessageView[] }>>;
  /** Sends a text message to the agent (in the thread's protocol). */
  inboxSend(threadId: string, text: string): Promise<Result<true>>;
  /** Answers a structured request (decision, data, signature…) carried by one message. */
  inboxAnswer(threadId: string, messageId: string, answer: unknown): Promise<Result<true>>;
  /** Asks the agent for anything new (protocols that poll). */
  inboxRefresh(threadId: string): Promise<Result<true>>;
  unreadCount(): Promise<number>;
  pendingConsents(): Promise<ConsentView[]>;
  decideConsent(id: string, decision: 'approve' | 'reject', contentHash: string): Promise<Result<ConsentOutcome>>;
}
