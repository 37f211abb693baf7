// What the popup may call in the background for ANP. Only public data crosses it: DIDs, public DID
// documents, descriptions and results; keys and access tokens stay in the background.
import type { Result } from './api';
import type { FormField } from '../protocols/anp/openrpc-form';

export type AnpIdentityMode = 'site' | 'shared';

export interface AnpIdentityView {
  /** The site (origin) this identity is used with; null for the shared one. */
  origin: string | null;
  mode: AnpIdentityMode;
  /** The shared identity's name (mode 'shared'). */
  name?: string;
  /** What the user named the shared identity (offered as the alternative). */
  sharedName: string;
  rotation: number;
  did: string | null;
  /** SLIP-0010 path of the signing key. */
  path: string;
  documentUrl: string | null;
  published: boolean;
  /** Why there is no DID yet (no DID host chosen) or why publishing failed. */
  problem?: string;
}

export interface AnpMethodView {
  name: string;
  summary?: string;
  fields: FormField[];
}

export interface AnpInterfaceView {
  index: number;
  id?: string;
  kind: 'natural-language' | 'structured' | 'meta-protocol';
  type: string;
  protocol: string | null;
  description?: string;
  humanAuthorization: boolean;
  /** Structured OpenRPC interfaces: the methods with their forms. */
  methods: AnpMethodView[];
  /** Why this interface cannot be used from Emissary. */
  problem?: string;
}

export interface AnpAgentView {
  url: string;
  name: string;
  description?: string;
  owner?: string;
  shape: 'anp-1.x' | 'json-ld';
  did: string | null;
  /** The agent's own DID: resolved, id, e1 fingerprint and proof checked. */
  didCheck: 'verified' | 'failed' | 'none';
  didProblem?: string;
  informations: Array<{ type?: string; description?: string; url?: string }>;
  interfaces: AnpInterfaceView[];
  threadId?: string;
}

export interface AnpSiteView {
  origin: string;
  identity: AnpIdentityView;
  agents: AnpAgentView[];
  problems: string[];
}

export interface AnpCallResult {
  threadId: string;
  result: string;
  /** HTTP requests this call made (challenge retries included). */
  requests: number;
  auth: 'token' | 'signature' | 'legacy';
}

export interface AnpSettingsView {
  /** Folder URL under which Emissary's DID documents live, e.g. https://did.example/users. */
  didHost: string;
  /** Emissary uploads documents there itself (PUT); otherwise the user uploads the files shown. */
  upload: 'put' | 'manual';
  sharedName: string;
  identities: Array<AnpIdentityView & { document: string | null; uploadPath: string | null }>;
}

export interface AnpApi {
  anpSite(origin: string): Promise<Result<AnpSiteView>>;
  anpSetIdentityMode(origin: string, mode: AnpIdentityMode): Promise<Result<AnpIdentityView>>;
  anpRotateIdentity(origin: string): Promise<Result<AnpIdentityView>>;
  anpCall(origin: string, agentUrl: string, interfaceIndex: number, method: string, values: Record<string, string>): Promise<Result<AnpCallResult>>;
  anpAsk(origin: string, agentUrl: string, text: string): Promise<Result<{ threadId: string }>>;
  anpNegotiate(origin: string, agentUrl: string, intent: string): Promise<Result<{ threadId: string; protocol: string; digest: string; validUntil: string | null }>>;
  anpSettings(): Promise<Result<AnpSettingsView>>;
  anpUpdateSettings(patch: { didHost?: string; upload?: 'put' | 'manual'; sharedName?: string }): Promise<Result<AnpSettingsView>>;
}
