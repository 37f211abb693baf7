// x402 payments in the background: one object per worker life, wired to the vault's signer.
import type { SignTypedDataFn } from '../../protocols/x402';
import { PaymentApprovals } from './approvals';
import type { FetchLike } from './request';
import { continuePayment, findLostReceipts, resumePayments, type ResumeSummary } from './resume';
import { findLostReceipt, type LookupMemo, type LostReceiptOutcome } from './find-settlement';
import type { NetworkConfig } from '../../wallet/networks';
import type { PaymentDeps } from './steps';
import type { AllowedAsset } from '../../wallet/assets';
import { paidFetch, type PaidFetchRequest, type PaidFetchResult } from './x402-client';

export { budgetViews, deleteBudget, setBudgetFromText, type BudgetViewData } from './budgets';
export { PaymentApprovals, type ApprovalsDeps, type Decision } from './approvals';
export { paymentContentHash, toReceipt, type PaymentReceiptView } from './receipt';
export { continuePayment, findLostReceipts, resumePayments, type ResumeSummary } from './resume';
export { findLostReceipt, findSettlementOnChain, type LostReceiptOutcome, type SettlementSearch } from './find-settlement';
export { MAX_SEND_ATTEMPTS, type PaymentDeps, type StepOutcome } from './steps';
export { KNOWN_ASSETS, findAsset, type AllowedAsset } from '../../wallet/assets';
export { paidFetch, type PaidFetchDeps, type PaidFetchRequest, type PaidFetchResult } from './x402-client';
export type { PaidRequestInit } from './request';

/** The vault's narrow signing surface (VaultService has both methods). */
export interface PaymentSigner {
  signTypedData: SignTypedDataFn;
  /** The unlocked EVM address, or null while locked. */
  evmAddress(): string | null;
}

export interface PaymentServiceOptions {
  signer: PaymentSigner;
  allowedAssets: () => readonly AllowedAsset[] | Promise<readonly AllowedAsset[]>;
  fetch?: FetchLike;
  now?: () => number;
  /** After every persisted status change (badge, popup refresh). */
  notify?: (paymentId: string) => void;
  /** Chains whose RPC finds a settled payment's lost transaction; default Emissary's configured ones. */
  networks?: readonly NetworkConfig[];
}

export interface PaymentService {
  approvals: PaymentApprovals;
  paidFetch(request: PaidFetchRequest): Promise<PaidFetchResult>;
  /** Call once per worker start, after the vault restored its session. */
  resume(): Promise<ResumeSummary>;
  /**
   * A settled payment's transaction: the one the site reported, or else the one found on chain by its
   * authorization (recorded on the payment). Searches at most once at a time and backs off after a miss.
   */
  findSettlement(paymentId: string): Promise<LostReceiptOutcome>;
}

export function createPaymentService(options: PaymentServiceOptions): PaymentService {
  const inflight = new Set<string>();
  const now = options.now ?? (() => Date.now());
  const notify = options.notify ?? (() => undefined);
  const fetchFn: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const lookups = new Map<string, LookupMemo>();
  const deps = (): PaymentDeps => ({
    ...(options.networks ? { networks: options.networks } : {}),
    lookups,
    fetch: fetchFn,
    now,
    notify,
    inflight,
    // Locked: an empty address makes every signing step fail closed with a clear reason.
    evmAddress: options.signer.evmAddress() ?? '',
    signTypedData: (td) => options.signer.signTypedData(td),
  });
  const approvals = new PaymentApprovals({ now, notify, onOrphanApproval: (id) => void continuePayment(id, deps()) });
  return {
    approvals,
    async paidFetch(request) {
      const d = deps();
      if (!d.evmAddress) throw new Error('Unlock Emissary to pay.');
      return paidFetch(request, { ...d, allowedAssets: await options.allowedAssets(), awaitDecision: approvals.awaitDecision });
    },
    resume: async () => {
      const summary = await resumePayments(deps());
      // Not awaited: a slow or unreachable chain must not hold up the worker's start.
      void findLostReceipts(deps()).catch(() => undefined);
      return summary;
    },
    findSettlement: (paymentId) => findLostReceipt(paymentId, deps()),
  };
}
