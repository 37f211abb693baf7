// Finishing payments after the worker was stopped at any instant.
//
//   awaiting-approval → stays for the popup (or fails unsigned once its window has closed)
//   approved (unsigned) → sign once, send
//   signed / sent       → send the SAME stored header once more; never sign again. EIP-3009 lets an
//                         authorization settle at most once on chain (random nonce, authorizationState),
//                         so a duplicate send cannot pay twice. If the site answers "nonce already used"
//                         to this resend, our earlier send was settled: the payment is marked 'settled'
//                         with a note (only our signature ever carried that nonce). Any other refusal
//                         marks it 'failed' with the site's words; it still counts against the budget
//                         until the window rolls past, because the site may hold the signature.
//   settled / failed / rejected → final. A settled payment without a transaction id is looked up on
//                         chain by its authorization (find-settlement.ts), now and on later starts.
import { getPayment, listPaymentsByStatus } from '../../store/payments';
import { findLostReceipt } from './find-settlement';
import { expireUndecided, resendSigned, signAndSend, withClaim, type PaymentDeps, type StepOutcome } from './steps';

export interface ResumeSummary {
  /** Payments taken further (signed and/or sent again). */
  continued: string[];
  /** Undecided payments whose window closed. */
  expired: string[];
  /** Still waiting for the human. */
  waiting: string[];
}

/** Call once per worker start, after the vault has restored its session. */
export async function resumePayments(deps: PaymentDeps): Promise<ResumeSummary> {
  const expired = await expireUndecided(deps);
  const continued: string[] = [];
  for (const r of await listPaymentsByStatus('approved', 'signed', 'sent')) {
    if (await continuePayment(r.id, deps)) continued.push(r.id);
  }
  const waiting = (await listPaymentsByStatus('awaiting-approval')).map((r) => r.id);
  return { continued, expired, waiting };
}

/**
 * Takes one payment as far as it can go from its stored state. Also what an approval in the popup
 * runs when no live paid fetch is waiting for it (the worker restarted in between).
 * Undefined when this worker is already working on it or there is nothing to do.
 */
export async function continuePayment(id: string, deps: PaymentDeps): Promise<StepOutcome | undefined> {
  return withClaim(deps, id, async () => {
    const r = await getPayment(id);
    if (!r) return undefined;
    if (r.status === 'approved') return signAndSend(r, deps, r.request);
    if (r.status === 'signed' || r.status === 'sent') return resendSigned(r, deps);
    return undefined;
  });
}

/** Lost receipts are looked for only while they are this recent (by the end of their window). */
const LOST_RECEIPT_HORIZON_MS = 7 * 24 * 3600_000;

/**
 * Settled payments without a transaction id (receipt lost or never sent): looks each up on chain and
 * records what it finds. A chain that does not answer is asked again on a later call. Never pays.
 */
export async function findLostReceipts(deps: PaymentDeps): Promise<string[]> {
  const since = deps.now() - LOST_RECEIPT_HORIZON_MS;
  const found: string[] = [];
  for (const r of await listPaymentsByStatus('settled')) {
    if (r.txHash || r.validBefore * 1000 < since) continue;
    if ((await findLostReceipt(r.id, deps)).txHash) found.push(r.id);
  }
  return found;
}
