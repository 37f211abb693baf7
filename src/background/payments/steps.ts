// The steps after a payment is approved, shared by the live paid fetch and the restart path:
// sign → persist 'signed' with the header → send → persist 'sent' → read the receipt → 'settled' or
// 'failed'. Each step re-reads and compare-and-sets the record first, so a step that lost a race
// (or a record someone else finished) does nothing.
import {
  buildExactEvmPayment,
  findSettlementHeader,
  parsePaymentRequired,
  parseSettlementResponse,
  type ExactEvmRequirement,
  type SignTypedDataFn,
} from '../../protocols/x402';
import { formatTokenAmount } from '../../protocols/evm/units';
import { getPayment, listPaymentsByStatus, transitionPayment, updatePaymentIf, type PaymentUpdate } from '../../store/payments';
import type { PaymentRecord, PaymentStatus, StoredRequirement } from '../../store/schema';
import { siteName } from '../../wallet/budget';
import { DEFAULT_NETWORKS } from '../../wallet/networks';
import { findLostReceipt, findSettlementOnChain, type LostReceiptDeps } from './find-settlement';
import { originOf, peekBody, toFetchInit, type FetchLike, type NormalizedRequest } from './request';

export interface PaymentDeps {
  fetch: FetchLike;
  /** Epoch milliseconds. */
  now: () => number;
  /** The vault's signer: the private key never leaves it. */
  signTypedData: SignTypedDataFn;
  /** The wallet's EVM address (the payer). */
  evmAddress: string;
  /** Called after every persisted status change (the record is already in idb). */
  notify: (paymentId: string) => void;
  /** Payment ids this worker is working on. One Set per worker life; defaults to a module-wide one. */
  inflight?: Set<string>;
  /** Chains whose RPC finds a settled payment's lost transaction; default Emissary's configured ones. */
  networks?: LostReceiptDeps['networks'];
  lookups?: LostReceiptDeps['lookups'];
}

export interface StepOutcome {
  record?: PaymentRecord;
  /** The answer to the paid request, when one was sent. */
  response?: Response;
  /** Why the payment did not complete, for the human. */
  refusal?: string;
}

/** The paid request is sent at most this many times: once, and once more after a restart. */
export const MAX_SEND_ATTEMPTS = 2;
/** A facilitator wants validBefore at least this far ahead (x402 reference: 6 s). */
export const VALID_BEFORE_MARGIN_SECONDS = 6;

const WORKER_INFLIGHT = new Set<string>();

/** Runs `fn` unless this worker is already working on the payment. */
export async function withClaim<T>(deps: PaymentDeps, id: string, fn: () => Promise<T>): Promise<T | undefined> {
  const inflight = deps.inflight ?? WORKER_INFLIGHT;
  if (inflight.has(id)) return undefined;
  inflight.add(id);
  try {
    return await fn();
  } finally {
    inflight.delete(id);
  }
}

export const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
/** An error message without its final full stop, to go inside a sentence. */
const clause = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '');
const host = (r: PaymentRecord) => siteName(originOf(r.url) ?? r.origin);
const amountText = (r: PaymentRecord) => formatTokenAmount(BigInt(r.amount), r.token.decimals, r.token.symbol);

export const toStoredRequirement = (q: ExactEvmRequirement): StoredRequirement => ({ ...q, amount: q.amount.toString() });
const fromStored = (q: StoredRequirement): ExactEvmRequirement => ({ ...q, amount: BigInt(q.amount) });

async function move(deps: PaymentDeps, id: string, from: readonly PaymentStatus[], patch: PaymentUpdate): Promise<PaymentRecord | undefined> {
  const record = await transitionPayment(id, from, patch, deps.now());
  if (record) deps.notify(id);
  return record;
}

async function fail(deps: PaymentDeps, r: PaymentRecord, from: readonly PaymentStatus[], error: string): Promise<StepOutcome> {
  const record = await move(deps, r.id, from, { status: 'failed', error });
  return { record: record ?? (await getPayment(r.id)), refusal: error };
}

/** Before giving up a payment that was sent: when the chain shows its authorization executed, it settled. */
async function failUnlessOnChain(deps: PaymentDeps, r: PaymentRecord, from: readonly PaymentStatus[], error: string): Promise<StepOutcome> {
  const found = await findSettlementOnChain(r, deps.networks ?? DEFAULT_NETWORKS);
  if (!found.found) return fail(deps, r, from, error);
  const note = `No answer from ${host(r)} was recorded, but this payment's transaction was found on chain by its authorization (nonce ${r.nonce}, block ${found.blockNumber}); ${host(r)} did not report it.`;
  const record = await move(deps, r.id, from, { status: 'settled', txHash: found.txHash, note });
  return { record: record ?? (await getPayment(r.id)) };
}

/** Awaiting payments whose window closed before anyone decided become 'failed' (nothing was signed). */
export async function expireUndecided(deps: Pick<PaymentDeps, 'now' | 'notify'>): Promise<string[]> {
  const nowS = Math.floor(deps.now() / 1000);
  const expired: string[] = [];
  for (const r of await listPaymentsByStatus('awaiting-approval')) {
    if (nowS < r.validBefore - VALID_BEFORE_MARGIN_SECONDS) continue;
    const error = `No decision before it expired at ${iso(r.validBefore)}; nothing was signed.`;
    if (await transitionPayment(r.id, ['awaiting-approval'], { status: 'failed', error }, deps.now())) {
      deps.notify(r.id);
      expired.push(r.id);
    }
  }
  return expired;
}

/**
 * Signs an approved payment and sends it. Refuses (and records why) when the account changed, the
 * window is closed or not open yet, or the typed data would differ from what was approved.
 */
export async function signAndSend(r: PaymentRecord, deps: PaymentDeps, request: NormalizedRequest): Promise<StepOutcome> {
  if (r.status !== 'approved' || r.paymentHeader) return { record: r, refusal: `the payment is ${r.status}` };
  const nowS = Math.floor(deps.now() / 1000);
  if (!deps.evmAddress) {
    return fail(deps, r, ['approved'], 'Emissary was locked before this payment was signed, and consent does not outlive a lock; nothing was signed.');
  }
  if (deps.evmAddress.toLowerCase() !== r.from.toLowerCase()) {
    return fail(deps, r, ['approved'], 'The wallet account changed after this payment was approved; nothing was signed.');
  }
  if (nowS < r.validAfter) {
    return fail(deps, r, ['approved'], `The authorization is not valid before ${iso(r.validAfter)} and this computer's clock is earlier; nothing was signed.`);
  }
  if (nowS >= r.validBefore - VALID_BEFORE_MARGIN_SECONDS) {
    return fail(deps, r, ['approved'], `It expired at ${iso(r.validBefore)} before it could be signed; nothing was signed. Ask the site again.`);
  }
  let built;
  try {
    built = await buildExactEvmPayment(fromStored(r.requirement), r.from, deps.signTypedData, r.issuedAt, r.nonce);
  } catch (e) {
    return fail(deps, r, ['approved'], `Could not sign: ${clause(e)}. Nothing was sent.`);
  }
  // WYSIWYS: byte for byte the typed data that was approved (and shown under "show raw").
  if (JSON.stringify(built.typedData) !== JSON.stringify(r.typedData)) {
    return fail(deps, r, ['approved'], 'What would be signed differs from what was approved; nothing was sent.');
  }
  const signed = await move(deps, r.id, ['approved'], {
    status: 'signed',
    paymentHeader: { name: built.headerName, value: built.headerValue },
    sendAttempts: 1,
  });
  if (!signed) return { record: await getPayment(r.id), refusal: 'The payment changed while it was being signed; nothing was sent.' };
  return send(signed, deps, request, false);
}

/**
 * After a restart: sends the stored header of a 'signed' or 'sent' payment once more (the same
 * signature — EIP-3009's nonce lets it settle at most once on chain), never re-signing.
 */
export async function resendSigned(r: PaymentRecord, deps: PaymentDeps): Promise<StepOutcome> {
  const from: PaymentStatus[] = ['signed', 'sent'];
  if (!r.paymentHeader) return fail(deps, r, from, 'The signed payment was not stored; nothing more can be done.');
  if (Math.floor(deps.now() / 1000) >= r.validBefore) {
    return failUnlessOnChain(
      deps, r, from,
      `Emissary's background stopped before ${host(r)}'s answer was recorded, and the authorization expired at ${iso(r.validBefore)}. ` +
        `It may have been settled before then (nonce ${r.nonce}); it counts against the budget either way.`,
    );
  }
  const claimed = await updatePaymentIf(
    r.id,
    (p) => (!from.includes(p.status) ? `the payment is ${p.status}` : p.sendAttempts >= MAX_SEND_ATTEMPTS ? 'tried' : null),
    (p) => ({ sendAttempts: p.sendAttempts + 1 }),
    deps.now(),
  );
  if (!claimed.ok) {
    if (claimed.reason !== 'tried') return { record: claimed.record, refusal: claimed.reason };
    return failUnlessOnChain(deps, r, from, `Sent twice without a usable answer from ${host(r)}; Emissary stopped. The authorization stays valid until ${iso(r.validBefore)}.`);
  }
  return send(claimed.record, deps, r.request, true);
}

async function send(r: PaymentRecord, deps: PaymentDeps, request: NormalizedRequest, resend: boolean): Promise<StepOutcome> {
  let response: Response;
  try {
    response = await deps.fetch(r.url, toFetchInit(request, r.paymentHeader));
  } catch (e) {
    return fail(
      deps, r, ['signed', 'sent'],
      `Could not reach ${host(r)} with the signed payment (${clause(e)}). If it arrived, it may still be settled until ${iso(r.validBefore)}.`,
    );
  }
  const sent = await move(deps, r.id, ['signed', 'sent'], { status: 'sent', responseStatus: response.status });
  if (!sent) return { record: await getPayment(r.id), response };
  const verdict = await judge(sent, response, resend);
  const done = await move(deps, r.id, ['sent'], verdict.patch);
  // Settled but the site named no transaction: find it on chain by the authorization (or later, on resume).
  const record = done?.status === 'settled' && !done.txHash ? ((await findLostReceipt(done.id, deps)).record ?? done) : done;
  return { record: record ?? (await getPayment(r.id)), response, ...(verdict.refusal ? { refusal: verdict.refusal } : {}) };
}

/** What a facilitator or token says when an authorization's nonce was already consumed. */
const NONCE_USED = /already[_ -]?used|nonce[_ -]?used|used[_ -]?authorization|authorization is used|replay/i;

async function judge(r: PaymentRecord, response: Response, resend: boolean): Promise<{ patch: PaymentUpdate; refusal?: string }> {
  const failed = (error: string) => ({ patch: { status: 'failed' as const, error }, refusal: error });
  const site = host(r);
  const header = findSettlementHeader(response.headers);
  const receipt = header ? parseSettlementResponse(header.value) : undefined;
  const receiptError = receipt?.ok ? receipt.value.errorReason : undefined;
  // Only Emissary ever signed this nonce, so "already used" after our own earlier send means our
  // authorization was executed on chain: the payment settled, we just missed the receipt.
  const settledEarlier = {
    patch: { status: 'settled' as const, note: `Settled by an earlier send: ${site} reports this authorization (nonce ${r.nonce}) as already used.` },
  };

  if (response.status === 402) {
    const again = parsePaymentRequired(402, response.headers, await peekBody(response));
    const said = [again.ok ? again.value.error : undefined, receiptError].filter((s): s is string => !!s).join('; ').slice(0, 300);
    if (resend && NONCE_USED.test(said)) return settledEarlier;
    if (again.ok) {
      const sameToken = again.value.requirements.filter((q) => q.chainId === r.chainId && q.asset.toLowerCase() === r.asset.toLowerCase());
      if (sameToken.length > 0 && !sameToken.some((q) => q.payTo.toLowerCase() === r.payTo.toLowerCase())) {
        return failed(
          `After Emissary paid ${r.payTo}, ${site} asked to be paid to ${sameToken[0].payTo} instead. Emissary does not pay again; ` +
            `the first authorization stays valid until ${iso(r.validBefore)}.`,
        );
      }
    }
    return failed(
      `${site} asked for payment again after Emissary paid${said ? ` (it said: “${said}”)` : ''}. Emissary pays once per request; ` +
        `the signed authorization stays valid until ${iso(r.validBefore)} and counts against the budget.`,
    );
  }
  if (receipt?.ok) {
    const s = receipt.value;
    if (s.success) {
      const notes: string[] = [];
      if (s.chainId !== undefined && s.chainId !== r.chainId) notes.push(`the receipt names network ${s.network}, not chain ${r.chainId}`);
      if (s.amount !== undefined && s.amount > BigInt(r.amount)) {
        notes.push(`the site reports settling ${formatTokenAmount(s.amount, r.token.decimals, r.token.symbol)}, more than the ${amountText(r)} authorised (the signature caps the transfer at ${amountText(r)})`);
      }
      return { patch: { status: 'settled', txHash: s.transaction || undefined, ...(notes.length ? { note: notes.join('; ') } : {}) } };
    }
    if (resend && NONCE_USED.test(s.errorReason ?? '')) return settledEarlier;
    return failed(`${site} could not settle the payment: ${s.errorReason ?? 'no reason given'} (HTTP ${response.status}).`);
  }
  if (receipt && !receipt.ok) {
    const why = receipt.problems.map((p) => p.message).join('; ').slice(0, 300);
    if (response.ok) return { patch: { status: 'settled', note: `${site} delivered, but its payment receipt is unreadable (${why}).` } };
    return failed(`${site} answered HTTP ${response.status} with an unreadable payment receipt (${why}).`);
  }
  if (response.ok) return { patch: { status: 'settled', note: `${site} delivered without a payment receipt; the transfer could not be confirmed.` } };
  return failed(`${site} answered HTTP ${response.status} to the paid request and sent no payment receipt.`);
}
