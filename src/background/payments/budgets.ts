// Budgets as the popup shows and edits them: amounts in the token's own units ("2.00"), spent and
// left over the rolling 24 hours, computed with bigints from the same records the reservation uses.
import { chainName } from '../../protocols/evm/chains';
import { formatTokenAmount, parseUnits } from '../../protocols/evm/units';
import { canonicalOrigin, listSitePolicies, PolicyError, setSiteBudget } from '../../store/budgets';
import { spentInWindow } from '../../store/payments';
import type { SitePolicyRecord } from '../../store/schema';
import { parseLimit } from '../../wallet/budget';
import { findAsset, type AllowedAsset } from '../../wallet/assets';

export interface BudgetViewData {
  origin: string;
  /** "2.00 USDC" per rolling day. */
  limit: string;
  spent: string;
  remaining: string;
  chain: string;
  chainId: number;
  asset: string;
  /** Payments from this site are refused without asking. */
  blocked: boolean;
}

function view(p: SitePolicyRecord, token: AllowedAsset | undefined, spent: bigint): BudgetViewData | undefined {
  const b = p.budget;
  const limit = b ? parseLimit(b.limit) : undefined;
  if (!b || limit === undefined) return undefined;
  const fmt = (v: bigint) => (token ? formatTokenAmount(v, token.decimals, token.symbol) : `${v} units of ${b.asset}`);
  return {
    origin: p.origin,
    limit: fmt(limit),
    spent: fmt(spent),
    remaining: fmt(limit > spent ? limit - spent : 0n),
    chain: chainName(b.chainId),
    chainId: b.chainId,
    asset: b.asset,
    blocked: p.blockedAt !== undefined,
  };
}

export async function budgetViews(assets: readonly AllowedAsset[], now: number): Promise<BudgetViewData[]> {
  const out: BudgetViewData[] = [];
  for (const p of await listSitePolicies()) {
    if (!p.budget) continue;
    const { site } = await spentInWindow(p.origin, p.budget.chainId, p.budget.asset, now);
    const v = view(p, findAsset(assets, p.budget.chainId, p.budget.asset), site);
    if (v) out.push(v);
  }
  return out.sort((a, b) => a.origin.localeCompare(b.origin));
}

/** Sets a site's daily budget from text such as "2.00" in `token`'s units. Throws PolicyError / UnitsError with a message for the human. */
export async function setBudgetFromText(origin: string, amount: string, token: AllowedAsset, now: number): Promise<BudgetViewData> {
  const key = canonicalOrigin(origin);
  const limit = parseUnits(amount.trim(), token.decimals);
  const policy = await setSiteBudget(key, { chainId: token.chainId, asset: token.asset, limit: limit.toString(), period: 'day' }, now);
  const { site } = await spentInWindow(key, token.chainId, token.asset, now);
  const v = view(policy, token, site);
  if (!v) throw new PolicyError('the budget could not be stored');
  return v;
}

export async function deleteBudget(origin: string, now: number): Promise<void> {
  await setSiteBudget(origin, null, now);
}
