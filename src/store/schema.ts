import type { DBSchema } from 'idb';
import type { SiteDocument } from '../shared/api';

export interface SiteRecord {
  origin: string;
  firstSeen: number;
  lastSeen: number;
  visits: number;
  documents: SiteDocument[];
  /** When discovery may ask this origin again (cache lifetime of the last probe). */
  probeAfter: number;
  /** The site's agents.json with its resolved OpenAPI operations, as discovery found them, for running flows. */
  agentsJson?: { doc: import('../protocols/agents-json').AgentsJsonDoc; resolution: import('../protocols/agents-json').Resolution };
}

/**
 * A decision asked of the human that is not an x402 payment (those have their own store): a tool
 * call, a signature, a data release, an identity's first contact… See background/consent/.
 */
export interface ApprovalRecord {
  id: string;
  /** Who asks: from the browser, never from a message field. */
  origin: string;
  /** Which feature asks, e.g. 'mcp-tool-call', 'aitp-evm-sign'; routes the decision after a restart. */
  kind: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
  /** Why it ended without approval, when it did. */
  reason?: string;
  payload: ConsentPayload;
}

/** What the human is shown (all untrusted text is rendered as text) and what the feature needs to act. */
export interface ConsentPayload {
  /** "Call the tool delete_order" */
  title: string;
  /** One sentence: what happens if approved. */
  summary: string;
  /** Label/value rows: arguments, amounts, recipients, nonces… */
  details: { label: string; value: string }[];
  /** The exact bytes or JSON to be signed/sent, one click away. */
  raw?: string;
  /** Shown prominently: "This tool is marked destructive." */
  warnings?: string[];
  /** The feature's own data to carry the action out after a restart; never shown. JSON only. */
  data?: unknown;
}

export type StepState = 'waiting' | 'running' | 'done' | 'failed';

export interface FlowRunRecord {
  id: string;
  origin: string;
  flowId: string;
  flowTitle: string;
  status: 'running' | 'done' | 'failed';
  startedAt: number;
  finishedAt?: number;
  steps: { actionId: string; summary: string; state: StepState; status?: number; error?: string }[];
  /** The flow's output, as the site sent it (data, shown as text). */
  output?: unknown;
  error?: string;
}

export interface EmissaryDB extends DBSchema {
  runs: { key: string; value: FlowRunRecord; indexes: { byOrigin: string } };
  kv: { key: string; value: unknown };
  sites: { key: string; value: SiteRecord; indexes: { byLastSeen: number } };
  approvals: { key: string; value: ApprovalRecord; indexes: { byStatus: string; byOrigin: string } };
}

export const DB_NAME = 'emissary';

// ---- 4: x402 payments and spending policy (migration 4) ----

export type PaymentStatus = 'awaiting-approval' | 'approved' | 'rejected' | 'signed' | 'sent' | 'settled' | 'failed';

/** An ExactEvmRequirement as stored: the amount as a decimal string (idb and comlink stay bigint-free). */
export type StoredRequirement = Omit<import('../protocols/x402/types').ExactEvmRequirement, 'amount'> & { amount: string };

/** One x402 payment, from the 402 to its settlement. Written before every step that acts on it. */
export interface PaymentRecord {
  id: string;
  /** Who asked: the origin the browser reported for the requester, never a field a site sent. */
  origin: string;
  /** The URL fetched, and what is needed to send the paid retry again after a worker restart. */
  url: string;
  /** Credential-like headers are not stored; see background/payments/request.ts. */
  request: { method: string; headers: [string, string][]; body?: string };
  /** What the site says is being bought (untrusted text). */
  resourceUrl: string;
  description?: string;
  chainId: number;
  asset: string;
  /** symbol/decimals from Emissary's token list; name/version are the EIP-712 domain from `extra`. */
  token: { symbol: string; decimals: number; name: string; version: string };
  payTo: string;
  from: string;
  /** Atomic units, decimal string. */
  amount: string;
  /** Unix seconds, as in the authorization. */
  validAfter: number;
  validBefore: number;
  /** Unix seconds the validity window was computed from (validBefore = issuedAt + maxTimeoutSeconds). */
  issuedAt: number;
  /** 32 random bytes, 0x hex: one per payment, never reused. */
  nonce: string;
  /** The exact EIP-712 typed data that is (to be) signed: what "show raw" shows. */
  typedData: import('../protocols/x402/payment').AuthorizationTypedData;
  status: PaymentStatus;
  x402Version: 1 | 2;
  requirement: StoredRequirement;
  /** Set once signed; resent verbatim after a restart, never re-signed. */
  paymentHeader?: { name: string; value: string };
  /** How many times the paid request was (about to be) sent; counted before each send. */
  sendAttempts: number;
  /** HTTP status of the last paid attempt. */
  responseStatus?: number;
  txHash?: string;
  error?: string;
  /** Something worth knowing that is not a failure (e.g. settled without a receipt). */
  note?: string;
  /** Reasons this payment was never eligible for a budget (e.g. resource on another origin). */
  warnings: string[];
  /** The budget decision at reservation time. */
  spendCheck: { decision: 'auto' | 'ask'; reason: string; remainingAfter?: string };
  createdAt: number;
  updatedAt: number;
  decidedBy?: 'budget' | 'user';
  decidedAt?: number;
}

/** A site's payment policy: its budget and whether it is blocked. Key: the origin. */
export interface SitePolicyRecord {
  kind: 'site';
  origin: string;
  budget?: import('../wallet/budget').SiteBudget;
  /** When payments from this origin were blocked (epoch ms); absent when not blocked. */
  blockedAt?: number;
  updatedAt: number;
}

/** The global daily caps, one per token, stored under GLOBAL_CAPS_KEY (never a real origin). */
export interface GlobalCapsRecord {
  kind: 'global';
  origin: '*';
  caps: import('../wallet/budget').GlobalCap[];
  updatedAt: number;
}

export type BudgetRecord = SitePolicyRecord | GlobalCapsRecord;

// Declaration merging: the stores added by migration 4.
export interface EmissaryDB {
  payments: { key: string; value: PaymentRecord; indexes: { byOrigin: string; byStatus: string; byCreatedAt: number } };
  budgets: { key: string; value: BudgetRecord };
}

// ---- 5: threads with site agents, their messages, and per-feature records (migration 5) ----

export type ThreadProtocol = 'aitp' | 'anp' | 'agora' | 'lmos';

/** Whose turn it is, as the Inbox shows it. */
export type ThreadState = 'waiting-for-you' | 'waiting-for-agent' | 'done' | 'failed';

/** One conversation with one site agent. `origin` is the site the user started it from (from the browser). */
export interface ThreadRecord {
  id: string;
  origin: string;
  protocol: ThreadProtocol;
  /** The agent's endpoint and its name as the agent states it (untrusted text). */
  agent: { url: string; name: string };
  title: string;
  state: ThreadState;
  /** Incoming messages the user has not seen in the thread view. */
  unread: number;
  createdAt: number;
  updatedAt: number;
  /** Next message sequence number (messages are ordered by seq within a thread). */
  nextSeq: number;
  /** Protocol-specific state (remote thread id, cursors, accepted protocol document…). JSON only. */
  remote: Record<string, unknown>;
  error?: string;
}

/** A step of a negotiation, for the negotiation view (any protocol). Untrusted text is shown as text. */
export interface NegotiationMark {
  stage: 'proposed' | 'countered' | 'accepted' | 'rejected' | 'paid' | 'confirmed' | 'failed';
  /** What, in words: "Quote: Espresso beans ×2 for 12.00 USDC". */
  what: string;
  /** Under which document or schema: "AITP-01 quote", "Agora protocol 3f2a…", "ANP meta-protocol". */
  under?: string;
  /** What it cost or would cost, formatted: "12.00 USDC". */
  cost?: string;
}

export interface MessageRecord {
  /** `${threadId}:${remoteId or local id}`: writing the same remote message twice keeps one copy. */
  id: string;
  threadId: string;
  seq: number;
  direction: 'in' | 'out' | 'note';
  createdAt: number;
  /** What the popup renders it with: 'text', or '<protocol>:<type>' e.g. 'aitp:request_decision'. */
  kind: string;
  /** Plain text (rendered as text), when the message has any. */
  text?: string;
  /** The protocol message as validated (JSON only), for widgets. */
  body?: unknown;
  /** Why Emissary did not act on it (shown instead of a widget). */
  problems?: string[];
  /** For requests: whether and how the user answered (set once). */
  answered?: { at: number; summary: string };
  negotiation?: NegotiationMark;
}

/** Small records of one feature, keyed `${kind}:${key}` (e.g. 'mcp-server:https://…'). JSON only. */
export interface FeatureRecord {
  id: string;
  kind: string;
  key: string;
  updatedAt: number;
  value: unknown;
}

export interface EmissaryDB {
  threads: { key: string; value: ThreadRecord; indexes: { byUpdatedAt: number; byOrigin: string } };
  messages: { key: string; value: MessageRecord; indexes: { byThread: [string, number] } };
  records: { key: string; value: FeatureRecord; indexes: { byKind: string } };
}
