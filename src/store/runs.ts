import { db } from './db';
import type { FlowRunRecord } from './schema';

export async function putRun(run: FlowRunRecord): Promise<void> {
  await (await db()).put('runs', run);
}

export async function getRun(id: string): Promise<FlowRunRecord | undefined> {
  return (await db()).get('runs', id);
}

/** Applies a change to a stored run in one transaction, so progress events never overwrite each other. */
export async function updateRun(id: string, change: (run: FlowRunRecord) => void): Promise<void> {
  const tx = (await db()).transaction('runs', 'readwrite');
  const run = await tx.store.get(id);
  if (run) {
    change(run);
    await tx.store.put(run);
  }
  await tx.done;
}

/** Runs interrupted by a stopped worker are marked failed on the next start: nothing hangs forever. */
export async function failInterruptedRuns(now: number): Promise<void> {
  const tx = (await db()).transaction('runs', 'readwrite');
  for await (const cursor of tx.store) {
    if (cursor.value.status === 'running') {
      await cursor.update({ ...cursor.value, status: 'failed', finishedAt: now, error: 'Emissary’s background stopped during this run. Nothing was retried; run it again if needed.' });
    }
  }
  await tx.done;
}
