// What the popup may call in the background for AITP. Only public data crosses it.
import type { AitpAgentRef, DataField, Profile } from '../protocols/aitp';
import type { Result } from './api';

export type { AitpAgentRef, Profile };

export interface AitpApi {
  /** The AITP agents the site advertises (page link, agents.json, A2A card, ANP description). */
  aitpAgents(origin: string): Promise<Result<AitpAgentRef[]>>;
  /** Opens a thread with the agent (declaring Emissary's capabilities); returns the Inbox thread id. */
  aitpStart(origin: string, agentUrl: string): Promise<Result<string>>;
  /**
   * The fields of a request_data form that lives at json_url, fetched without credentials. Only from the
   * agent's own origin unless `allowOtherOrigin` (the human agreed in the form).
   */
  aitpRemoteForm(threadId: string, messageId: string, allowOtherOrigin: boolean): Promise<Result<DataField[]>>;
  /** The autofill profile (kept encrypted in the vault); empty while nothing is saved. */
  aitpProfile(): Promise<Result<Profile>>;
  aitpSaveProfile(profile: Profile): Promise<Result<Profile>>;
}
