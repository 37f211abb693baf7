// What the human reads when the browser's database refuses a write: a full disk (quota) or another
// IndexedDB failure. A refused write leaves the stored data as it was (each write is one transaction
// that aborts whole), and the message says so instead of passing on "QuotaExceededError".

export class StorageError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'StorageError';
  }
}

/** DOMException names IndexedDB uses for a write that did not happen. */
const IDB_FAILURES = new Set(['UnknownError', 'AbortError', 'InvalidStateError', 'TransactionInactiveError', 'NotReadableError', 'DataCloneError', 'VersionError']);

export function storageError(err: unknown): unknown {
  if (err instanceof StorageError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError("Emissary's storage is full, so this change was not saved; what was stored before is unchanged. Free some disk space, then try again.", name);
  }
  if (typeof name === 'string' && IDB_FAILURES.has(name)) {
    return new StorageError(`The browser's database did not save this change (${name}); what was stored before is unchanged. Try again.`, name);
  }
  return err;
}

/** Runs a write, turning a database failure into a StorageError with a message for the human. */
export async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw storageError(err);
  }
}
