// The approval queue, as the popup sees it: payments awaiting the human, each decided by id and
// only if it still is exactly what the popup showed (Rabby invariants 2 and 3, WYSIWYS).
// Records are the truth; the in-memory waiters only let a live paid fetch continue at once.
import type { Result } from '../../shared/api';
import { setOriginBlocked } from '../../store/budgets';
import { currentSpendCheck, getPayment, listPaymentsByStatus, listPaymentsFrom, listRecentPayments, transitionPayment, updatePaymentIf } from '../../store/payments';
import type { PaymentRecord, PaymentStatus } from '../../store/schema';
import { paymentContentHash, toReceipt, type PaymentReceiptView } from './receipt';
import { expireUndecided, iso, VALID_BEFORE_MARGIN_SECONDS } from './steps';

export type Decision = 'approved' | 'rejected';

export interface ApprovalsDeps {
  /** Epoch milliseconds. */
  now: () => number;
  /** Called after every persisted status change. */
  notify?: (paymentId: string) => void;
  /**
   * An approval for a payment no live paid fetch waits for (the worker restarted since it was
   * asked): finish it, e.g. `(id) => void continuePayment(id, paymentDeps)`.
   */
  onOrphanApproval?: (paymentId: string) => void;
}

const HASH_RE = /^[0-9a-f]{64}$/;

export class PaymentApprovals {
  readonly #waiters = new Map<string, ((d: Decision) => void)[]>();
  readonly #deps: ApprovalsDeps;

  constructor(deps: ApprovalsDeps) {
    this.#deps = deps;
  }

  /** For paidFetch: resolves when decide() (or a reject-all/block/cancel) settles this payment. */
  awaitDecision = (paymentId: string): Promise<Decision> =>
    new Promise<Decision>((resolve) => {
      const list = this.#waiters.get(paymentId) ?? [];
      list.push(resolve);
      this.#waiters.set(paymentId, list);
      // Decided before we started listening? The record says so.
      void getPayment(paymentId).then((r) => {
        if (r && r.status !== 'awaiting-approval') this.#wake(paymentId, r.status === 'rejected' || r.status === 'failed' ? 'rejected' : 'approved');
      });
    });

  /** Awaiting payments, oldest first, with the budget situation as of now. Expired ones are failed first. */
  async listPending(): Promise<PaymentReceiptView[]> {
    for (const id of await expireUndecided({ now: this.#deps.now, notify: (i) => this.#notify(i) })) this.#wake(id, 'rejected');
    const now = this.#deps.now();
    const pending = await listPaymentsByStatus('awaiting-approval');
    return Promise.all(pending.map(async (r) => toReceipt(r, await currentSpendCheck(r, now))));
  }

  async receipt(paymentId: string): Promise<PaymentReceiptView | null> {
    const r = await getPayment(paymentId);
    if (!r) return null;
    return r.status === 'awaiting-approval' ? toReceipt(r, await currentSpendCheck(r, this.#deps.now())) : toReceipt(r);
  }

  /** Every payment, newest first (the budget line is the one recorded when it was decided). */
  async history(limit = 100): Promise<PaymentReceiptView[]> {
    return (await listRecentPayments(limit)).map((r) => toReceipt(r));
  }

  /**
   * Applies the human's decision to exactly one payment. Fails closed: unknown id, not awaiting
   * approval any more, content different from what was shown (hash), or expired → nothing changes
   * (an expired one is marked failed, unsigned).
   */
  async decide(paymentId: string, decision: 'approve' | 'reject', expectedHash: string): Promise<Result<PaymentReceiptView>> {
    if (typeof paymentId !== 'string' || (decision !== 'approve' && decision !== 'reject') || typeof expectedHash !== 'string' || !HASH_RE.test(expectedHash)) {
      return { ok: false, error: 'That decision is malformed; nothing was decided.' };
    }
    const now = this.#deps.now();
    const status: PaymentStatus = decision === 'approve' ? 'approved' : 'rejected';
    let expired = false;
    const result = await updatePaymentIf(
      paymentId,
      (r) => {
        if (r.status !== 'awaiting-approval') return `This payment is already ${r.status}; nothing was decided.`;
        if (paymentContentHash(r) !== expectedHash) return 'This payment is not what was shown; nothing was decided. Open it again.';
        if (decision === 'approve' && Math.floor(now / 1000) >= r.validBefore - VALID_BEFORE_MARGIN_SECONDS) {
          expired = true;
          return `It expired at ${iso(r.validBefore)}; nothing was signed. Ask the site again.`;
        }
        return null;
      },
      { status, decidedBy: 'user', decidedAt: now },
      now,
    );
    if (!result.ok) {
      if (expired && (await transitionPayment(paymentId, ['awaiting-approval'], { status: 'failed', error: result.reason }, now))) {
        this.#notify(paymentId);
        this.#wake(paymentId, 'rejected');
      }
      return { ok: false, error: result.reason };
    }
    this.#notify(paymentId);
    const woke = this.#wake(paymentId, status as Decision);
    if (!woke && status === 'approved') this.#deps.onOrphanApproval?.(paymentId);
    return { ok: true, value: toReceipt(result.record) };
  }

  /** Rejects every payment this origin has waiting. Returns how many. */
  async rejectAllFrom(origin: string): Promise<number> {
    return this.#endWaiting(await listPaymentsFrom(origin), { status: 'rejected', decidedBy: 'user' });
  }

  /** Blocks the origin (future requests are refused without asking) and rejects what it has waiting. */
  async blockOrigin(origin: string): Promise<number> {
    await setOriginBlocked(origin, true, this.#deps.now());
    return this.rejectAllFrom(origin);
  }

  async unblockOrigin(origin: string): Promise<void> {
    await setOriginBlocked(origin, false, this.#deps.now());
  }

  /**
   * Consent does not survive a lock or an account switch (Rabby invariant 1): everything waiting
   * for the human, and everything approved but not yet signed, fails unsigned.
   */
  async cancelAllPending(reason: string): Promise<number> {
    return this.#endWaiting(await listPaymentsByStatus('awaiting-approval', 'approved'), { status: 'failed', error: reason });
  }

  async #endWaiting(records: PaymentRecord[], patch: { status: 'rejected' | 'failed'; decidedBy?: 'user'; error?: string }): Promise<number> {
    let n = 0;
    for (const r of records) {
      if (r.status !== 'awaiting-approval' && !(patch.status === 'failed' && r.status === 'approved')) continue;
      const now = this.#deps.now();
      const done = await transitionPayment(r.id, [r.status], { ...patch, ...(patch.decidedBy ? { decidedAt: now } : {}) }, now);
      if (!done) continue;
      n++;
      this.#notify(r.id);
      this.#wake(r.id, 'rejected');
    }
    return n;
  }

  #notify(id: string): void {
    this.#deps.notify?.(id);
  }

  /** Resolves the live waiters of a payment; false when there were none. */
  #wake(id: string, decision: Decision): boolean {
    const list = this.#waiters.get(id);
    this.#waiters.delete(id);
    for (const resolve of list ?? []) resolve(decision);
    return (list?.length ?? 0) > 0;
  }
}
