import { describe, expect, it } from 'vitest';
import { checkSpend, inSpendWindow, parseLimit, siteName, SPEND_WINDOW_MS, type SiteBudget, type SpendCheckInput } from './budget';

const USDC = { chainId: 84532, asset: '0x036CbD53842c5426634e7929541eC2318f3dCF7e', symbol: 'USDC', decimals: 6 };
const origin = 'https://shop.example';
const budget = (limit: string, over: Partial<SiteBudget> = {}): SiteBudget => ({ origin, chainId: USDC.chainId, asset: USDC.asset, limit, period: 'day', ...over });
const input = (over: Partial<SpendCheckInput>): SpendCheckInput => ({
  origin,
  token: USDC,
  amount: 500_000n,
  budget: budget('2000000'),
  spentInWindow: 0n,
  globalSpentInWindow: 0n,
  ...over,
});

describe('checkSpend', () => {
  it('auto-approves within the budget and says what is left', () => {
    const r = checkSpend(input({ spentInWindow: 1_000_000n }));
    expect(r).toEqual({ decision: 'auto', reason: 'within your 2.00 USDC/day budget for shop.example (0.50 USDC left after this)', remainingAfter: 500_000n });
  });

  it('exactly at the limit is still within it; one unit more asks', () => {
    expect(checkSpend(input({ spentInWindow: 1_500_000n }))).toMatchObject({ decision: 'auto', remainingAfter: 0n });
    const over = checkSpend(input({ spentInWindow: 1_500_001n }));
    expect(over.decision).toBe('ask');
    expect(over.reason).toBe('over your 2.00 USDC/day budget for shop.example: 1.500001 USDC already spent or pending in the last 24 hours, and this is 0.50 USDC');
    expect(over.remainingAfter).toBe(0n);
  });

  it('asks when there is no budget, a zero budget, or a budget in another token or chain', () => {
    expect(checkSpend(input({ budget: undefined }))).toEqual({ decision: 'ask', reason: 'no budget for shop.example' });
    expect(checkSpend(input({ budget: budget('0') }))).toMatchObject({ decision: 'ask', reason: 'your budget for shop.example is 0.00 USDC/day' });
    expect(checkSpend(input({ budget: budget('9', { asset: '0x0000000000000000000000000000000000000001' }) })).reason).toMatch(/another token/);
    expect(checkSpend(input({ budget: budget('9', { chainId: 8453 }) })).reason).toBe('your budget for shop.example is for Base; this payment is in USDC on Base Sepolia');
  });

  it('matches token addresses case-insensitively', () => {
    expect(checkSpend(input({ budget: budget('2000000', { asset: USDC.asset.toLowerCase() }) })).decision).toBe('auto');
  });

  it('refuses to auto-approve zero, negative or non-bigint amounts and bad sums', () => {
    expect(checkSpend(input({ amount: 0n })).decision).toBe('ask');
    expect(checkSpend(input({ amount: -1n })).decision).toBe('ask');
    expect(checkSpend(input({ amount: 5 as unknown as bigint })).decision).toBe('ask');
    expect(checkSpend(input({ spentInWindow: -1n })).decision).toBe('ask');
    expect(checkSpend(input({ globalSpentInWindow: 1 as unknown as bigint })).decision).toBe('ask');
  });

  it('treats an unreadable stored limit as no permission', () => {
    for (const limit of ['', '1.5', '-1', '01', '1e6', ' 1', '9'.repeat(79)]) {
      expect(checkSpend(input({ budget: budget(limit) })).reason).toMatch(/unreadable/);
    }
    expect(checkSpend(input({ budget: { ...budget('5'), period: 'week' as 'day' } })).decision).toBe('ask');
  });

  it('applies the global cap on top of the site budget', () => {
    const globalCap = { chainId: USDC.chainId, asset: USDC.asset, limit: '3000000', period: 'day' as const };
    expect(checkSpend(input({ globalCap, globalSpentInWindow: 2_500_000n })).decision).toBe('auto');
    const r = checkSpend(input({ globalCap, globalSpentInWindow: 2_500_001n }));
    expect(r).toEqual({
      decision: 'ask',
      reason: 'within your budget for shop.example, but over your 3.00 USDC/day cap across all sites (2.500001 USDC spent or pending in the last 24 hours)',
      remainingAfter: 1_500_000n,
    });
    expect(checkSpend(input({ globalCap: { ...globalCap, limit: 'x' } })).decision).toBe('ask');
  });

  it('is exact for huge values (uint256 range, 18 decimals)', () => {
    const max = (1n << 256n) - 1n;
    const token = { ...USDC, symbol: 'WETH', decimals: 18 };
    const r = checkSpend(input({ token, budget: budget(max.toString()), amount: max - 1n, spentInWindow: 1n }));
    expect(r).toMatchObject({ decision: 'auto', remainingAfter: 0n });
    expect(checkSpend(input({ token, budget: budget(max.toString()), amount: max, spentInWindow: 1n })).decision).toBe('ask');
    // 0.1 + 0.2 in atomic units stays exact.
    const tenth = 100_000_000_000_000_000n;
    expect(checkSpend(input({ token, budget: budget((3n * tenth).toString()), amount: 2n * tenth, spentInWindow: tenth }))).toMatchObject({ decision: 'auto', remainingAfter: 0n });
  });
});

describe('the rolling window', () => {
  it('counts a payment for exactly 24 hours', () => {
    const now = 1_750_000_000_000;
    expect(inSpendWindow(now, now)).toBe(true);
    expect(inSpendWindow(now - SPEND_WINDOW_MS + 1, now)).toBe(true);
    expect(inSpendWindow(now - SPEND_WINDOW_MS, now)).toBe(false);
    expect(inSpendWindow(now + 60_000, now)).toBe(true);
  });
  it('parses limits strictly and names sites by host', () => {
    expect(parseLimit('0')).toBe(0n);
    expect(parseLimit('2000000')).toBe(2_000_000n);
    expect(parseLimit(2000000)).toBeUndefined();
    expect(siteName('https://shop.example:8443')).toBe('shop.example:8443');
    expect(siteName('not a url')).toBe('not a url');
  });
});
