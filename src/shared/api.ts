// The whole surface the popup and options pages may call in the background (over comlink).
// Only public data crosses it: addresses and DIDs, never key material.

import type { InboxApi } from './api-inbox';
import type { AitpApi } from './api-aitp';
import type { McpApi } from './api-mcp';
import type { AnpApi } from './api-anp';
import type { AgoraApi } from './api-agora';
import type { LmosApi } from './api-lmos';
import type { SecurityApi } from './api-security';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string; retryAfterMs?: number };

export type VaultState = 'uninitialized' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** When the vault locks itself if nothing happens before (epoch ms), while unlocked. */
  lockAt?: number;
  /** While wrong passwords are being throttled: when the next attempt is allowed (epoch ms). */
  retryAt?: number;
  /** When the running background (service worker / event page) started: shows restarts. */
  workerStartedAt: number;
}

export interface AccountsView {
  identity: { did: string; publicKeyHex: string; path: string };
  evm: { address: string; path: string };
  near: { accountId: string; publicKey: string; path: string };
}

export type Theme = 'system' | 'light' | 'dark';
export type DiscoveryMode = 'all' | 'allowed' | 'off';

export interface Settings {
  autoLockMinutes: number;
  theme: Theme;
  discovery: DiscoveryMode;
}

export interface SiteDocument {
  /** The document kind, e.g. 'wildcard-agents-json', 'a2a-agent-card', 'anp-agent-description', 'webmcp'. */
  kind: string;
  protocol: string;
  /** What to call it: "agents.json", "A2A agent card"… */
  label: string;
  url: string;
  fetchedAt: number;
  title?: string;
  description?: string;
  /** flows, actions, tools, skills, interfaces… */
  counts: Record<string, number>;
  /** Errors: what makes the document (partly) unusable, each a plain sentence. */
  problems: string[];
  /** Things that are off but do not stop Emissary from using it. */
  warnings: string[];
  signed?: boolean;
  verified?: boolean;
}

export interface SiteView {
  origin: string;
  /** Whether Emissary looks for agent interfaces here under the current Settings. */
  discovery: 'on' | 'not-allowed' | 'off';
  firstSeen: number;
  lastSeen: number;
  visits: number;
  documents: SiteDocument[];
}

export interface FlowInputView {
  key: string;
  name: string;
  in: 'parameters' | 'requestBody';
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  required: boolean;
  description?: string;
  enum?: unknown[];
  default?: unknown;
}

/** A credential a flow's source asks for, and where Emissary would send it. */
export interface FlowAuthNeed {
  sourceId: string;
  scheme: string;
  type: 'apiKey' | 'bearer' | 'basic' | 'unsupported';
  label: string;
  sendsTo: string;
  saved: boolean;
}

export interface FlowView {
  id: string;
  title: string;
  description: string;
  /** What each step does, e.g. "GET https://shop.example/api/products". */
  steps: string[];
  fields: FlowInputView[];
  auth: FlowAuthNeed[];
  problems: string[];
}

export type CredentialInput =
  | { type: 'apiKey'; scheme: string; value: string }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string };

export type FlowRunView = import('../store/schema').FlowRunRecord;

export type PaymentStatus = 'awaiting-approval' | 'approved' | 'rejected' | 'signed' | 'sent' | 'settled' | 'failed';

/** A payment as the human reads it: who, what for, how much, where, to whom, until when. */
export interface PaymentReceipt {
  id: string;
  origin: string;
  resource: string;
  description?: string;
  /** "0.01 USDC" */
  amount: string;
  chain: string;
  chainId: number;
  payTo: string;
  validUntil: number;
  createdAt: number;
  /** Which budget it counts against, in words. */
  budget: string;
  status: PaymentStatus;
  decidedBy?: 'budget' | 'user';
  txHash?: string;
  error?: string;
  /** How it settled when that is not the usual way, e.g. a transaction found on chain, not reported by the site. */
  note?: string;
  /** Hash of what is shown, sent back with the decision so nothing can change in between. */
  contentHash: string;
  /** The EIP-712 typed data that would be signed, as JSON. */
  typedData: string;
}

export interface BudgetView {
  origin: string;
  /** "2.00 USDC" per day */
  limit: string;
  spent: string;
  remaining: string;
  chain: string;
}

export interface BalanceView {
  chain: string;
  chainId: number;
  address: string;
  native: string;
  tokens: { symbol: string; amount: string; address: string }[];
  error?: string;
}

/** Everything the popup may call: the core below plus one interface per feature, each in its own file. */
export interface BackgroundApi extends CoreApi, SecurityApi, InboxApi, AitpApi, McpApi, AnpApi, AgoraApi, LmosApi {}

export interface CoreApi {
  status(): Promise<VaultStatus>;
  generateMnemonic(words: 12 | 24): Promise<string[]>;
  checkMnemonic(phrase: string): Promise<Result<true>>;
  createVault(phrase: string, password: string): Promise<Result<AccountsView>>;
  unlock(password: string): Promise<Result<AccountsView>>;
  lock(): Promise<void>;
  accounts(): Promise<Result<AccountsView>>;
  settings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Result<Settings>>;
  /** What Emissary knows about the site in the active tab of the focused window (or the given origin). */
  currentSite(origin?: string): Promise<SiteView | null>;
  pendingApprovalCount(): Promise<number>;
  /** "Only on sites I allow": allows this origin and looks at it now. */
  allowDiscovery(origin: string): Promise<Result<SiteView>>;
  /** Asks the site again now, ignoring the cache. */
  rediscover(origin: string): Promise<Result<SiteView>>;
  siteFlows(origin: string): Promise<Result<FlowView[]>>;
  saveSiteCredential(origin: string, sourceId: string, credential: CredentialInput): Promise<Result<true>>;
  forgetSiteCredentials(origin: string): Promise<Result<true>>;
  startFlow(origin: string, flowId: string, input: { parameters: Record<string, unknown>; requestBody?: Record<string, unknown> }): Promise<Result<string>>;
  flowRun(runId: string): Promise<FlowRunView | null>;
  pendingPayments(): Promise<PaymentReceipt[]>;
  decidePayment(id: string, decision: 'approve' | 'reject', contentHash: string): Promise<Result<PaymentReceipt>>;
  rejectAllFrom(origin: string): Promise<Result<number>>;
  blockSite(origin: string): Promise<Result<true>>;
  paymentHistory(): Promise<PaymentReceipt[]>;
  budgets(): Promise<BudgetView[]>;
  /** amount in the token's units, e.g. "2.00"; per rolling day. */
  setBudget(origin: string, amount: string): Promise<Result<BudgetView>>;
  deleteBudget(origin: string): Promise<Result<true>>;
  /** The cap across all sites per rolling day, e.g. "5.00" USDC; null when none. */
  dailyCap(): Promise<string | null>;
  setDailyCap(amount: string | null): Promise<Result<string | null>>;
  balances(): Promise<BalanceView[]>;
  /** Fetches a URL for the user, paying with x402 if the site asks (within budget or after approval). */
  openPaidResource(origin: string, url: string): Promise<Result<{ status: number; body: string; paymentId?: string }>>;
}

export const MIN_PASSWORD_LENGTH = 8;
export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, theme: 'system', discovery: 'all' };
