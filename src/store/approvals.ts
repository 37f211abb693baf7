import { db } from './db';

export async function countPendingApprovals(): Promise<number> {
  return (await db()).countFromIndex('approvals', 'byStatus', 'pending');
}
