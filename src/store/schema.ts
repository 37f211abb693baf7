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
