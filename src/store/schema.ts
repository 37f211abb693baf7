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

export interface ApprovalRecord {
  id: string;
  origin: string;
  kind: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';
  createdAt: number;
  expiresAt: number;
  payload: unknown;
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
