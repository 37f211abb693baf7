// A payment that settled without its transaction id (a resend after a stop heard "nonce already used", or
// the site sent no receipt) is looked up on chain by its authorization: the token logged
// AuthorizationUsed(payer, nonce) in the transaction that moved the tokens. What the node answers is
// checked against the receipt's own Transfer before it is recorded. Never pays, signs or sends anything.
import {
  authorizationUsedFilter,
  isAuthorizationUsed,
  readLog,
  readReceipt,
  transferReceiptProblem,
  type AuthorizedTransfer,
} from '../../protocols/evm/eip3009-logs';
import { lastBlockBefore } from '../../protocols/evm/block-search';
import { chainName } from '../../protocols/evm/chains';
import { getPayment, updatePaymentIf } from '../../store/payments';
import type { PaymentRecord } from '../../store/schema';
import { siteName } from '../../wallet/budget';
import { DEFAULT_NETWORKS, type NetworkConfig } from '../../wallet/networks';
import { chainRpc } from '../chain-rpc';
import { originOf } from './request';

export type SettlementSearch =
  | { found: true; txHash: string; blockNumber: number }
  /** `final`: looking again cannot help (no RPC for the chain, or the chain contradicts the payment). */
  | { found: false; final: boolean; reason: string };

/** Blocks per eth_getLogs at first: public RPCs commonly refuse wider ranges (500–10 000). */
const WINDOW_BLOCKS = 1_000;
const MIN_WINDOW_BLOCKS = 8;
/** Requests and time one search may take before it gives up (it is tried again later). */
const MAX_CALLS = 80;
const MAX_SEARCH_MS = 20_000;

const hex = (n: number) => `0x${n.toString(16)}`;
const quantity = (v: unknown): number => {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{1,14}$/.test(v)) throw new Error('the node sent an unreadable number');
  return Number.parseInt(v.slice(2), 16);
};
const clause = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '');

/**
 * The contract executes an authorization only in a block with validAfter < timestamp < validBefore, so
 * only those blocks are searched: backwards from the last of them, one window at a time (narrower when
 * the node refuses a range), within a fixed number of requests. Never throws.
 */
export async function searchSettlement(
  rpcUrl: string,
  t: AuthorizedTransfer & { validAfter: number; validBefore: number },
): Promise<SettlementSearch> {
  let calls = 0;
  const deadline = Date.now() + MAX_SEARCH_MS;
  const call = (method: string, params: unknown[]) => {
    if (++calls > MAX_CALLS || Date.now() > deadline) throw new Error(`gave up after ${calls - 1} requests`);
    return chainRpc(rpcUrl, method, params);
  };
  const timestamps = new Map<number, number>();
  const timestampOf = async (block: number) => {
    let ts = timestamps.get(block);
    if (ts === undefined) {
      const b = (await call('eth_getBlockByNumber', [hex(block), false])) as { timestamp?: unknown } | null;
      timestamps.set(block, (ts = quantity(b?.timestamp)));
    }
    return ts;
  };
  const filter = authorizationUsedFilter(t);
  try {
    const latest = quantity(await call('eth_blockNumber', []));
    const last = await lastBlockBefore(t.validBefore, latest, timestampOf);
    const first = last < 0 ? 0 : (await lastBlockBefore(t.validAfter + 1, last, timestampOf)) + 1;
    let window = WINDOW_BLOCKS;
    let refused: string | undefined;
    for (let end = last; end >= first; ) {
      const start = Math.max(first, end - window + 1);
      let logs: unknown;
      try {
        logs = await call('eth_getLogs', [{ ...filter, fromBlock: hex(start), toBlock: hex(end) }]);
      } catch (e) {
        // Most likely a range this node refuses: narrower windows, within the same request budget.
        if (window <= MIN_WINDOW_BLOCKS || calls >= MAX_CALLS) throw e;
        window = Math.max(MIN_WINDOW_BLOCKS, Math.floor(window / 2));
        continue;
      }
      if (!Array.isArray(logs)) throw new Error('eth_getLogs answered something other than a list');
      for (const raw of logs.slice(0, 10)) {
        const log = readLog(raw);
        if (!log || !isAuthorizationUsed(log, t) || log.blockNumber < start || log.blockNumber > end) continue;
        const receipt = readReceipt(await call('eth_getTransactionReceipt', [log.transactionHash]));
        if (!receipt || receipt.transactionHash !== log.transactionHash) continue;
        const problem = transferReceiptProblem(receipt, t);
        if (!problem) return { found: true, txHash: receipt.transactionHash, blockNumber: receipt.blockNumber };
        refused = problem;
      }
      if (refused) return { found: false, final: true, reason: `the chain does not confirm this payment: ${refused}` };
      end = start - 1;
    }
    if (last < first) return { found: false, final: false, reason: 'the chain has no block inside the authorization\'s window yet' };
    return { found: false, final: false, reason: `no transaction used this authorization in blocks ${first}–${last} yet` };
  } catch (e) {
    return { found: false, final: false, reason: `the chain did not answer (${clause(e)})` };
  }
}

/** Looks for this payment's transfer on its chain's configured RPC. Never throws. */
export async function findSettlementOnChain(r: PaymentRecord, networks: readonly NetworkConfig[]): Promise<SettlementSearch> {
  const network = networks.find((n) => n.chainId === r.chainId);
  if (!network) return { found: false, final: true, reason: `Emissary has no RPC for ${chainName(r.chainId)}` };
  try {
    return await searchSettlement(network.rpcUrl, {
      token: r.asset,
      from: r.from,
      to: r.payTo,
      value: BigInt(r.amount),
      nonce: r.nonce,
      validAfter: r.validAfter,
      validBefore: r.validBefore,
    });
  } catch (e) {
    // Only a malformed stored record gets here (the search itself never throws).
    return { found: false, final: true, reason: clause(e) };
  }
}

export interface LostReceiptDeps {
  now: () => number;
  notify: (paymentId: string) => void;
  /** Chains and their RPCs; default Emissary's configured ones. */
  networks?: readonly NetworkConfig[];
  /** What this worker life already tried, by payment id; defaults to a module-wide map. */
  lookups?: Map<string, LookupMemo>;
}

export interface LookupMemo {
  /** When it was last searched (epoch ms), and how long to wait before searching again. */
  at: number;
  waitMs: number;
  last?: SettlementSearch;
  running?: Promise<LostReceiptOutcome>;
}

export interface LostReceiptOutcome {
  record?: PaymentRecord;
  /** Set when the payment has a transaction now (found now or known before). */
  txHash?: string;
  /** Why there is none (yet), for the human. */
  reason?: string;
  /** True when searching again cannot help. */
  final: boolean;
}

const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 10 * 60_000;
const WORKER_LOOKUPS = new Map<string, LookupMemo>();

/**
 * For a settled payment without a transaction: searches the chain (at most once at a time, and after a
 * miss not again until a back-off passed), and records the transaction found with a note that it came
 * from the chain, not from the site. Settled payments with a transaction come back as they are.
 */
export async function findLostReceipt(id: string, deps: LostReceiptDeps): Promise<LostReceiptOutcome> {
  const lookups = deps.lookups ?? WORKER_LOOKUPS;
  const record = await getPayment(id);
  if (!record) return { final: true, reason: 'there is no such payment' };
  if (record.status !== 'settled') return { record, final: true, reason: `the payment is ${record.status}` };
  if (record.txHash) return { record, txHash: record.txHash, final: true };
  const memo = lookups.get(id);
  if (memo?.running) return memo.running;
  if (memo?.last && !memo.last.found && (memo.last.final || deps.now() < memo.at + memo.waitMs)) {
    return { record, final: memo.last.final, reason: memo.last.reason };
  }
  const running = search(record, deps, memo);
  lookups.set(id, { at: deps.now(), waitMs: memo?.waitMs ?? 0, ...(memo?.last ? { last: memo.last } : {}), running });
  try {
    return await running;
  } finally {
    const m = lookups.get(id);
    if (m?.running === running) delete m.running;
  }
}

async function search(record: PaymentRecord, deps: LostReceiptDeps, memo: LookupMemo | undefined): Promise<LostReceiptOutcome> {
  const lookups = deps.lookups ?? WORKER_LOOKUPS;
  const found = await findSettlementOnChain(record, deps.networks ?? DEFAULT_NETWORKS);
  const at = deps.now();
  if (!found.found) {
    lookups.set(record.id, { at, waitMs: Math.min(MAX_RETRY_MS, memo?.waitMs ? memo.waitMs * 2 : FIRST_RETRY_MS), last: found });
    return { record, final: found.final, reason: found.reason };
  }
  lookups.delete(record.id);
  const site = siteName(originOf(record.url) ?? record.origin);
  const saved = await updatePaymentIf(
    record.id,
    (p) => (p.status !== 'settled' ? `the payment is ${p.status}` : p.txHash ? 'known' : null),
    (p) => ({
      txHash: found.txHash,
      note: `Transaction found on chain by this payment's authorization (nonce ${p.nonce}, block ${found.blockNumber}); ${site} did not report it.` +
        (p.note ? ` Before that: ${p.note}` : ''),
    }),
    at,
  );
  if (saved.ok) deps.notify(record.id);
  const now = saved.ok ? saved.record : (saved.record ?? record);
  return { record: now, ...(now.txHash ? { txHash: now.txHash } : {}), final: true };
}
