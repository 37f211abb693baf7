// What the popup may call in the background for AGORA. Only public data crosses it.
import type { Result } from './api';

export interface AgoraEndpointView {
  url: string;
  /** Where Emissary learned of it: a discovery document's URL, or 'added by you'. */
  from: string;
  /** The thread with this agent, when there is one. */
  threadId?: string;
  /** The accepted protocol document's name, when there is one. */
  protocol?: string;
}

export interface AgoraProtocolView {
  hash: string;
  name: string;
  description: string;
  multiround: boolean;
  sources: string[];
  text: string;
  /** The document shows a JSON request format (messages get a form). */
  structured: boolean;
  firstSeen: number;
  usedWith: { agent: string; origin: string; acceptedAt: number; uses: number; lastUsedAt?: number }[];
}

export interface AgoraApi {
  /** Agora endpoints this site declares in its discovery documents, plus the ones the user added here. */
  agoraEndpoints(origin: string): Promise<Result<AgoraEndpointView[]>>;
  /** Remembers an endpoint for this site (the user typed its URL). */
  agoraAddEndpoint(origin: string, url: string): Promise<Result<AgoraEndpointView[]>>;
  /** Opens (or reopens) the Inbox thread with an endpoint; `text` is sent as the first message. */
  agoraTalk(origin: string, url: string, text?: string): Promise<Result<{ threadId: string }>>;
  /** The local library of protocol documents, newest first. */
  agoraLibrary(): Promise<AgoraProtocolView[]>;
  /** Forgets a document (and that any agent accepted it). */
  agoraForget(hash: string): Promise<Result<true>>;
}
