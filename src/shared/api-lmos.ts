// What the popup may call in the background for LMOS. Only public data crosses it.
import type { ThingDescription } from '../protocols/lmos';
import type { Result } from './api';

export interface LmosThingView {
  url: string;
  td: ThingDescription;
  /** Errors and warnings of the description, as sentences. */
  problems: string[];
  warnings: string[];
  /** A conversational agent: a `chat` action (and usually `agentEvent`). */
  conversational: boolean;
  /** The Inbox thread with it, when the user started one. */
  threadId?: string;
}

export interface LmosInvocationView {
  id: string;
  action: string;
  transport: 'http' | 'ws';
  status: 'pending' | 'completed' | 'failed';
  output?: unknown;
  error?: string;
  history: { at: number; status: string }[];
}

export interface LmosWatchItem {
  seq: number;
  at: number;
  kind: 'event' | 'property';
  name: string;
  data: unknown;
}

export interface LmosApi {
  /** The Thing Descriptions (LMOS agents and tools, or plain WoT Things) this site serves or links. */
  lmosThings(origin: string): Promise<Result<LmosThingView[]>>;
  /** Starts an action with the input collected from its form; `transport` is a preference. */
  lmosInvoke(origin: string, tdUrl: string, action: string, input: unknown, transport?: 'http' | 'ws'): Promise<Result<LmosInvocationView>>;
  lmosInvocation(id: string): Promise<Result<LmosInvocationView>>;
  lmosReadProperty(origin: string, tdUrl: string, name: string, transport?: 'http' | 'ws'): Promise<Result<{ value: unknown; transport: 'http' | 'ws' }>>;
  /** Subscribes to events and observes properties over one WebSocket, while the popup polls it. */
  lmosWatch(origin: string, tdUrl: string, events: string[], properties: string[]): Promise<Result<{ watchId: string }>>;
  lmosWatchPoll(watchId: string, after: number): Promise<Result<{ items: LmosWatchItem[]; open: boolean; error?: string }>>;
  lmosUnwatch(watchId: string): Promise<void>;
  /** Opens (or reopens) the Inbox thread with a conversational agent; `text` is sent first. */
  lmosChat(origin: string, tdUrl: string, text?: string): Promise<Result<{ threadId: string }>>;
}
