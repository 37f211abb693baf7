import { db } from './db';
import type { ApprovalRecord } from './schema';

export async function countPendingApprovals(): Promise<number> {
  return (await db()).countFromIndex('approvals', 'byStatus', 'pending');
}

export async function addApproval(record: ApprovalRecord): Promise<void> {
  await (await db()).add('approvals', record);
}

export async function getApproval(id: string): Promise<ApprovalRecord | undefined> {
  return (await db()).get('approvals', id);
}

export async function listApprovalsByStatus(status: ApprovalRecord['status']): Promise<ApprovalRecord[]> {
  return (await db()).getAllFromIndex('approvals', 'byStatus', status);
}

/**
 * Changes one approval only if `allowed` says its current state permits it — in one transaction,
 * so two decisions racing for the same approval cannot both win.
 */
export async function updateApprovalIf(id: string, allowed: (r: ApprovalRecord) => boolean, change: (r: ApprovalRecord) => void): Promise<ApprovalRecord | undefined> {
  const tx = (await db()).transaction('approvals', 'readwrite');
  const record = await tx.store.get(id);
  if (!record || !allowed(record)) {
    await tx.done;
    return undefined;
  }
  change(record);
  await tx.store.put(record);
  await tx.done;
  return record;
}
