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

export interface EmissaryDB extends DBSchema {
  kv: { key: string; value: unknown };
  sites: { key: string; value: SiteRecord; indexes: { byLastSeen: number } };
  approvals: { key: string; value: ApprovalRecord; indexes: { byStatus: string; byOrigin: string } };
}

export const DB_NAME = 'emissary';
