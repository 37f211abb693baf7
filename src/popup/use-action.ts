import { useState } from 'preact/hooks';
import type { Result } from '../shared/api';

/**
 * The one way a popup form calls the background: `busy` while it runs, the background's message
 * (or a dropped connection's) as `error`, and the value handed to `onOk` when it worked.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T>(call: () => Promise<Result<T>>, onOk: (value: T) => void, onFail?: (result: Extract<Result<T>, { ok: false }>) => void): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (result.ok) onOk(result.value);
      else {
        setError(result.error);
        onFail?.(result);
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
