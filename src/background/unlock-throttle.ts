// Each wrong password doubles the wait before the next attempt (1 s, 2 s, 4 s … capped at 5 min).
// The count is persisted, so stopping the worker or restarting the browser does not reset it.
export interface ThrottleState {
  failures: number;
  retryAt: number;
}

export const MAX_DELAY_MS = 5 * 60_000;

export function delayAfter(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1000 * 2 ** (failures - 1), MAX_DELAY_MS);
}

export function recordFailure(state: ThrottleState, now: number): ThrottleState {
  const failures = state.failures + 1;
  return { failures, retryAt: now + delayAfter(failures) };
}

export function waitLeft(state: ThrottleState, now: number): number {
  return Math.max(0, state.retryAt - now);
}

export const NO_FAILURES: ThrottleState = { failures: 0, retryAt: 0 };
