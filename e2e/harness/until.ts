const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks `fn` again until it returns something truthy (errors count as "not yet": the worker may be
 * stopping or starting), then returns it; fails with `what` and the last error after the timeout.
 */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(options.intervalMs ?? 100);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
