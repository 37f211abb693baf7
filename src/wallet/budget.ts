// Spending policy: per-site budgets and a global daily cap per token, decided with bigints only.
//
// The window is a ROLLING 24 hours, not a calendar day: a payment counts from the moment it was
// created until exactly 24 h later (`createdAt > now - SPEND_WINDOW_MS`). A rolling window has no
// midnight at which a site can spend a day's budget twice in a minute, and needs no time zone.
// Callers sum what counts in the window (see `inSpendWindow`); `checkSpend` is pure arithmetic.

import { chainName } from '../protocols/evm/chains';
import { formatTokenAmount } from '../protocols/evm/units';

export const SPEND_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What the human allows one site to spend without asking, in one token on one chain. */
export interface SiteBudget {
  origin: string;
  chainId: number;
  /** Token contract address. */
  asset: string;
  /** Atomic units, canonical decimal string (e.g. '2000000' = 2 USDC). */
  limit: string;
  period: 'day';
}

/** A ceiling over all sites together, per token. */
export interface GlobalCap {
  chainId: number;
  asset: string;
  limit: string;
  period: 'day';
}

/** The token being paid, from Emissary's own token list (never the site's words). */
export interface SpendToken {
  chainId: number;
  asset: string;
  symbol: string;
  decimals: number;
}

export interface SpendCheckInput {
  /** The origin asking to pay (from the browser). */
  origin: string;
  token: SpendToken;
  /** This payment, atomic units. */
  amount: bigint;
  budget?: SiteBudget | null;
  /** The global cap for this token, if the human set one. */
  globalCap?: GlobalCap | null;
  /** What this origin already spent (or has pending) in this token within the window. */
  spentInWindow: bigint;
  /** What all origins together spent in this token within the window. */
  globalSpentInWindow: bigint;
}

export interface SpendCheck {
  decision: 'auto' | 'ask';
  /** One sentence for the human, e.g. "within your 2.00 USDC/day budget for shop.example (0.50 USDC left after this)". */
  reason: string;
  /** What is left of the site's budget after this payment (never negative); absent without a usable budget. */
  remainingAfter?: bigint;
}

/** Start (exclusive) of the window that ends at `now`. */
export function spendWindowStart(now: number): number {
  return now - SPEND_WINDOW_MS;
}

/** Whether a payment created at `createdAt` still counts at `now`. Future timestamps count (clock moved back). */
export function inSpendWindow(createdAt: number, now: number): boolean {
  return createdAt > spendWindowStart(now);
}

/** A stored limit as a bigint, or undefined when it is not a canonical decimal string. */
export function parseLimit(limit: unknown): bigint | undefined {
  if (typeof limit !== 'string' || !/^(0|[1-9][0-9]{0,77})$/.test(limit)) return undefined;
  return BigInt(limit);
}

/** 'shop.example' for 'https://shop.example'; the origin itself when it does not parse. */
export function siteName(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

const sameToken = (a: { chainId: number; asset: string }, b: { chainId: number; asset: string }) =>
  a.chainId === b.chainId && a.asset.toLowerCase() === b.asset.toLowerCase();

export function checkSpend(input: SpendCheckInput): SpendCheck {
  const { token, amount, budget, globalCap, spentInWindow, globalSpentInWindow } = input;
  const site = siteName(input.origin);
  const fmt = (v: bigint) => formatTokenAmount(v, token.decimals, token.symbol);
  const ask = (reason: string, remainingAfter?: bigint): SpendCheck =>
    remainingAfter === undefined ? { decision: 'ask', reason } : { decision: 'ask', reason, remainingAfter };

  if (typeof amount !== 'bigint' || amount <= 0n) return ask('the amount is not a positive number of token units');
  if (typeof spentInWindow !== 'bigint' || spentInWindow < 0n || typeof globalSpentInWindow !== 'bigint' || globalSpentInWindow < 0n) {
    return ask('Emissary could not add up what was already spent');
  }
  if (!budget) return ask(`no budget for ${site}`);
  const limit = parseLimit(budget.limit);
  if (limit === undefined || budget.period !== 'day') return ask(`your budget for ${site} is unreadable; set it again`);
  if (!sameToken(budget, token)) {
    const other = budget.chainId === token.chainId ? `another token (${budget.asset})` : `${chainName(budget.chainId)}`;
    return ask(`your budget for ${site} is for ${other}; this payment is in ${token.symbol} on ${chainName(token.chainId)}`);
  }
  const perDay = `${fmt(limit)}/day`;
  if (limit === 0n) return ask(`your budget for ${site} is ${perDay}`, 0n);
  const remaining = limit - spentInWindow - amount;
  if (remaining < 0n) {
    return ask(`over your ${perDay} budget for ${site}: ${fmt(spentInWindow)} already spent or pending in the last 24 hours, and this is ${fmt(amount)}`, 0n);
  }
  if (globalCap) {
    const cap = parseLimit(globalCap.limit);
    if (cap === undefined || globalCap.period !== 'day' || !sameToken(globalCap, token)) {
      return ask(`your daily cap for ${token.symbol} across all sites is unreadable; set it again`, remaining);
    }
    if (globalSpentInWindow + amount > cap) {
      return ask(
        `within your budget for ${site}, but over your ${fmt(cap)}/day cap across all sites (${fmt(globalSpentInWindow)} spent or pending in the last 24 hours)`,
        remaining,
      );
    }
  }
  return { decision: 'auto', reason: `within your ${perDay} budget for ${site} (${fmt(remaining)} left after this)`, remainingAfter: remaining };
}
