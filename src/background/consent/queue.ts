// Decisions asked of the human that are not x402 payments: tool calls, signatures, data releases.
// Same rules as payments: the record is the truth (a decision survives a worker restart), a
// decision names the exact content it saw (hash), consent ends with a lock, and an expired
// request is never approved.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Result } from '../../shared/api';
import { addApproval, getApproval, listApprovalsByStatus, updateApprovalIf } from '../../store/approvals';
import type { ApprovalRecord, ConsentPayload } from '../../store/schema';

export type ConsentOutcome = 'approved' | 'rejected' | 'expired' | 'cancelled';

export interface ConsentRequest extends ConsentPayload {
  origin: string;
  kind: string;
  /** How long the request may wait for the human; default 10 minutes. */
  ttlMs?: number;
}

/** What the popup shows for one pending consent. */
export interface ConsentView {
  id: string;
  origin: string;
  kind: string;
  title: string;
  summary: string;
  details: { label: string; value: string }[];
  raw?: string;
  warnings: string[];
  createdAt: number;
  expiresAt: number;
  contentHash: string;
}

/** Runs when a consent is decided and no live caller waits for it (the worker restarted in between). */
export type OrphanHandler = (record: ApprovalRecord, outcome: ConsentOutcome) => void | Promise<void>;

const DEFAULT_TTL_MS = 10 * 60_000;
const HASH_RE = /^[0-9a-f]{64}$/;

export function consentContentHash(r: ApprovalRecord): string {
  const shown = ['emissary-consent-v1', r.id, r.origin, r.kind, r.payload.title, r.payload.summary, r.payload.details, r.payload.raw ?? null, r.payload.warnings ?? []];
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(shown))));
}

export function toConsentView(r: ApprovalRecord): ConsentView {
  const { title, summary, details, raw, warnings } = r.payload;
  return { id: r.id, origin: r.origin, kind: r.kind, title, summary, details, raw, warnings: warnings ?? [], createdAt: r.createdAt, expiresAt: r.expiresAt, contentHash: consentContentHash(r) };
}

export class ConsentQueue {
  readonly #waiters = new Map<string, ((o: ConsentOutcome) => void)[]>();
  readonly #orphanHandlers = new Map<string, OrphanHandler>();
  readonly #now: () => number;
  readonly #onChange: (id: string) => void;

  constructor(options: { now?: () => number; onChange?: (id: string) => void } = {}) {
    this.#now = options.now ?? (() => Date.now());
    this.#onChange = options.onChange ?? (() => undefined);
  }

  /** A feature registers how to finish its kind of request after a worker restart. */
  onOrphanDecision(kind: string, handler: OrphanHandler): void {
    this.#orphanHandlers.set(kind, handler);
  }

  /** Queues a request; `decision` settles when the human decides, it expires, or Emissary locks. */
  async ask(request: ConsentRequest): Promise<{ id: string; decision: Promise<ConsentOutcome> }> {
    const now = this.#now();
    const { origin, kind, ttlMs, ...payload } = request;
    const record: ApprovalRecord = { id: crypto.randomUUID(), origin, kind, status: 'pending', createdAt: now, expiresAt: now + (ttlMs ?? DEFAULT_TTL_MS), payload };
    const decision = this.#wait(record.id);
    await addApproval(record);
    this.#onChange(record.id);
    return { id: record.id, decision };
  }

  /** Convenience: ask and wait; true only for an approval. */
  async confirm(request: ConsentRequest): Promise<boolean> {
    return (await (await this.ask(request)).decision) === 'approved';
  }

  async listPending(): Promise<ConsentView[]> {
    await this.expireOld();
    return (await listApprovalsByStatus('pending')).sort((a, b) => a.createdAt - b.createdAt).map(toConsentView);
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    return getApproval(id);
  }

  /** The human's decision on exactly what they saw; anything else changes nothing. */
  async decide(id: string, decision: 'approve' | 'reject', expectedHash: string): Promise<Result<ConsentOutcome>> {
    if (typeof id !== 'string' || (decision !== 'approve' && decision !== 'reject') || typeof expectedHash !== 'string' || !HASH_RE.test(expectedHash)) {
      return { ok: false, error: 'That decision is malformed; nothing was decided.' };
    }
    const now = this.#now();
    let refusal = 'This request is no longer waiting for a decision.';
    const updated = await updateApprovalIf(
      id,
      (r) => {
        if (r.status !== 'pending') return false;
        if (consentContentHash(r) !== expectedHash) {
          refusal = 'What you saw is not what would be approved any more; nothing was decided. Look again.';
          return false;
        }
        if (r.expiresAt <= now) {
          refusal = 'This request expired before you decided; nothing was done.';
          return false;
        }
        return true;
      },
      (r) => {
        r.status = decision === 'approve' ? 'approved' : 'rejected';
        r.decidedAt = now;
      },
    );
    if (!updated) {
      await this.expireOld();
      return { ok: false, error: refusal };
    }
    this.#settle(updated, updated.status as ConsentOutcome);
    return { ok: true, value: updated.status as ConsentOutcome };
  }

  /**
   * The asker gave up (its call was cancelled or failed): ends one request as 'cancelled' if it
   * still waits. A request the human already decided stays as decided; true only when this ended it.
   */
  async cancel(id: string, reason: string): Promise<boolean> {
    const done = await updateApprovalIf(id, (x) => x.status === 'pending', (x) => Object.assign(x, { status: 'cancelled', reason, decidedAt: this.#now() }));
    if (done) this.#settle(done, 'cancelled');
    return done !== undefined;
  }

  /** Ends every pending request (lock, worker policy): consent does not survive a lock. */
  async cancelAllPending(reason: string): Promise<number> {
    let n = 0;
    for (const r of await listApprovalsByStatus('pending')) {
      const done = await updateApprovalIf(r.id, (x) => x.status === 'pending', (x) => Object.assign(x, { status: 'cancelled', reason, decidedAt: this.#now() }));
      if (done) {
        n++;
        this.#settle(done, 'cancelled');
      }
    }
    return n;
  }

  async rejectAllFrom(origin: string): Promise<number> {
    let n = 0;
    for (const r of await listApprovalsByStatus('pending')) {
      if (r.origin !== origin) continue;
      const done = await updateApprovalIf(r.id, (x) => x.status === 'pending', (x) => Object.assign(x, { status: 'rejected', reason: 'Rejected with everything else from this site.', decidedAt: this.#now() }));
      if (done) {
        n++;
        this.#settle(done, 'rejected');
      }
    }
    return n;
  }

  async expireOld(): Promise<void> {
    const now = this.#now();
    for (const r of await listApprovalsByStatus('pending')) {
      if (r.expiresAt > now) continue;
      const done = await updateApprovalIf(r.id, (x) => x.status === 'pending' && x.expiresAt <= now, (x) => Object.assign(x, { status: 'expired', reason: 'Nobody decided in time.', decidedAt: now }));
      if (done) this.#settle(done, 'expired');
    }
  }

  #wait(id: string): Promise<ConsentOutcome> {
    return new Promise((resolve) => {
      const list = this.#waiters.get(id) ?? [];
      list.push(resolve);
      this.#waiters.set(id, list);
    });
  }

  #settle(record: ApprovalRecord, outcome: ConsentOutcome): void {
    const waiters = this.#waiters.get(record.id);
    this.#waiters.delete(record.id);
    if (waiters?.length) for (const w of waiters) w(outcome);
    else void Promise.resolve(this.#orphanHandlers.get(record.kind)?.(record, outcome)).catch((err) => console.warn('Emissary: finishing a decided request failed', err));
    this.#onChange(record.id);
  }
}
