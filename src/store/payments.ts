// x402 payment records and the atomic budget reservation.
//
// Every change to a payment is a compare-and-set inside one idb readwrite transaction: the record
// is re-read, checked, and written before anything acts on it. IndexedDB runs readwrite
// transactions whose scopes overlap one after another, so two reservations can never both read
// "0.90 of 1.00 spent" and both approve 0.10: the second one sees the first one's record.
import type { IDBPTransaction } from 'idb';
import { db } from './db';
import { saving } from './storage-errors';
import { GLOBAL_CAPS_KEY, isSitePolicy } from './budgets';
import type { EmissaryDB, GlobalCapsRecord, PaymentRecord, PaymentStatus } from './schema';
import { checkSpend, siteName, spendWindowStart, type SpendCheck } from '../wallet/budget';

/** What the x402 client knows before the reservation decides the rest. */
export type PaymentIntent = Omit<
  PaymentRecord,
  'status' | 'createdAt' | 'updatedAt' | 'decidedBy' | 'decidedAt' | 'spendCheck' | 'sendAttempts' | 'paymentHeader' | 'responseStatus' | 'txHash' | 'error' | 'note'
>;

export type Reservation = { ok: true; record: PaymentRecord; check: SpendCheck } | { ok: false; reason: string };

/**
 * Whether a payment uses up budget. Rejected ones never do. A failed one does when its signature
 * left the wallet: the site may still settle that authorization until it expires, so freeing the
 * budget would let a site that "fails" every payment collect more than the budget allows.
 * Pending ones (awaiting approval) count too, so the answer to "what is left" never overstates.
 */
export function countsAgainstBudget(r: PaymentRecord): boolean {
  if (r.status === 'rejected') return false;
  if (r.status === 'failed') return r.paymentHeader !== undefined;
  return true;
}

type PolicyTx = IDBPTransaction<EmissaryDB, ('payments' | 'budgets')[], 'readonly' | 'readwrite'>;
type SpendSubject = Pick<PaymentRecord, 'origin' | 'chainId' | 'asset' | 'amount' | 'token'> & { id?: string };

const sameToken = (a: { chainId: number; asset: string }, b: { chainId: number; asset: string }) =>
  a.chainId === b.chainId && a.asset.toLowerCase() === b.asset.toLowerCase();

/** What counts in the rolling window for one token: by `origin`, and by all origins together. */
async function sumsInTx(tx: PolicyTx, p: Pick<SpendSubject, 'origin' | 'chainId' | 'asset' | 'id'>, now: number): Promise<{ site: bigint; global: bigint }> {
  const recent = await tx.objectStore('payments').index('byCreatedAt').getAll(IDBKeyRange.lowerBound(spendWindowStart(now), true));
  let site = 0n;
  let global = 0n;
  for (const r of recent) {
    if (r.id === p.id || !countsAgainstBudget(r) || !sameToken(r, p)) continue;
    global += BigInt(r.amount);
    if (r.origin === p.origin) site += BigInt(r.amount);
  }
  return { site, global };
}

async function checkInTx(tx: PolicyTx, p: SpendSubject, now: number): Promise<{ check: SpendCheck; blocked: boolean }> {
  const budgets = tx.objectStore('budgets');
  const policy = await budgets.get(p.origin);
  const caps = (await budgets.get(GLOBAL_CAPS_KEY)) as GlobalCapsRecord | undefined;
  const { site, global } = await sumsInTx(tx, p, now);
  const same = (a: { chainId: number; asset: string }) => sameToken(a, p);
  const check = checkSpend({
    origin: p.origin,
    token: { chainId: p.chainId, asset: p.asset, symbol: p.token.symbol, decimals: p.token.decimals },
    amount: BigInt(p.amount),
    budget: isSitePolicy(policy) ? policy.budget : undefined,
    globalCap: caps?.kind === 'global' ? caps.caps.find(same) : undefined,
    spentInWindow: site,
    globalSpentInWindow: global,
  });
  return { check, blocked: isSitePolicy(policy) && policy.blockedAt !== undefined };
}

/**
 * Decides and records a payment in ONE transaction over payments + budgets: sums what this origin
 * (and every origin, for the global cap) has spent or has pending in the rolling window, checks the
 * budget, and writes the record as 'approved' (decidedBy 'budget') or 'awaiting-approval'.
 * `forceAsk` makes it ask whatever the budget says (the reason is kept in `warnings`).
 */
export async function reservePayment(intent: PaymentIntent, now: number, forceAsk?: string): Promise<Reservation> {
  return saving(() => reserveInTx(intent, now, forceAsk));
}

async function reserveInTx(intent: PaymentIntent, now: number, forceAsk?: string): Promise<Reservation> {
  const tx = (await db()).transaction(['payments', 'budgets'], 'readwrite');
  void tx.done.catch(() => undefined); // a refused write rejects its put; the abort must not go unhandled too
  const payments = tx.objectStore('payments');
  const { check: budgetCheck, blocked } = await checkInTx(tx, intent, now);
  let result: Reservation;
  if (blocked) {
    result = { ok: false, reason: `You blocked payments from ${siteName(intent.origin)}.` };
  } else if (await payments.get(intent.id)) {
    result = { ok: false, reason: 'a payment with this id already exists' };
  } else {
    const check: SpendCheck = forceAsk ? { ...budgetCheck, decision: 'ask', reason: `${forceAsk}; ${budgetCheck.reason}` } : budgetCheck;
    const auto = check.decision === 'auto';
    const record: PaymentRecord = {
      ...intent,
      status: auto ? 'approved' : 'awaiting-approval',
      sendAttempts: 0,
      spendCheck: { decision: check.decision, reason: check.reason, ...(check.remainingAfter !== undefined ? { remainingAfter: check.remainingAfter.toString() } : {}) },
      createdAt: now,
      updatedAt: now,
      ...(auto ? { decidedBy: 'budget' as const, decidedAt: now } : {}),
    };
    await payments.put(record);
    result = { ok: true, record, check };
  }
  await tx.done;
  return result;
}

/** The budget situation of a stored payment now, not counting the payment itself. */
export async function currentSpendCheck(record: PaymentRecord, now: number): Promise<SpendCheck> {
  const tx = (await db()).transaction(['payments', 'budgets'], 'readonly');
  const { check } = await checkInTx(tx, record, now);
  await tx.done;
  return check;
}

/** What an origin (and everyone) spent or has pending in one token over the rolling 24 hours. */
export async function spentInWindow(origin: string, chainId: number, asset: string, now: number): Promise<{ site: bigint; global: bigint }> {
  const tx = (await db()).transaction(['payments', 'budgets'], 'readonly');
  const sums = await sumsInTx(tx, { origin, chainId, asset }, now);
  await tx.done;
  return sums;
}

export async function getPayment(id: string): Promise<PaymentRecord | undefined> {
  return (await db()).get('payments', id);
}

export async function listPaymentsByStatus(...statuses: PaymentStatus[]): Promise<PaymentRecord[]> {
  const d = await db();
  const lists = await Promise.all(statuses.map((s) => d.getAllFromIndex('payments', 'byStatus', s)));
  return lists.flat().sort((a, b) => a.createdAt - b.createdAt);
}

/** Newest first. */
export async function listRecentPayments(limit = 100): Promise<PaymentRecord[]> {
  const out: PaymentRecord[] = [];
  let cursor = await (await db()).transaction('payments').store.index('byCreatedAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function listPaymentsFrom(origin: string): Promise<PaymentRecord[]> {
  return (await db()).getAllFromIndex('payments', 'byOrigin', origin);
}

export type PaymentUpdate = Partial<Omit<PaymentRecord, 'id' | 'createdAt' | 'updatedAt'>>;

/**
 * Compare-and-set: re-reads the record in a readwrite transaction; when `guard` returns null the
 * patch is written, otherwise nothing is and the guard's reason is returned. The guard runs inside
 * the transaction, so it must be synchronous.
 */
export async function updatePaymentIf(
  id: string,
  guard: (r: PaymentRecord) => string | null,
  patch: PaymentUpdate | ((r: PaymentRecord) => PaymentUpdate),
  now: number,
): Promise<{ ok: true; record: PaymentRecord } | { ok: false; reason: string; record?: PaymentRecord }> {
  return saving(async () => {
  const tx = (await db()).transaction('payments', 'readwrite');
  void tx.done.catch(() => undefined); // a refused write rejects its put; the abort must not go unhandled too
  const current = await tx.store.get(id);
  let result: { ok: true; record: PaymentRecord } | { ok: false; reason: string; record?: PaymentRecord };
  if (!current) result = { ok: false, reason: 'there is no such payment' };
  else {
    const reason = guard(current);
    if (reason !== null) result = { ok: false, reason, record: current };
    else {
      const record: PaymentRecord = { ...current, ...(typeof patch === 'function' ? patch(current) : patch), updatedAt: now };
      await tx.store.put(record);
      result = { ok: true, record };
    }
  }
  await tx.done;
  return result;
  });
}

/** Moves a payment on only if it is still in one of `from`; undefined when it was not. */
export async function transitionPayment(id: string, from: readonly PaymentStatus[], patch: PaymentUpdate, now: number): Promise<PaymentRecord | undefined> {
  const r = await updatePaymentIf(id, (p) => (from.includes(p.status) ? null : `the payment is ${p.status}`), patch, now);
  return r.ok ? r.record : undefined;
}
