import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { setOriginBlocked } from '../../store/budgets';
import { reservePayment } from '../../store/payments';
import { budgetViews, deleteBudget, setBudgetFromText } from './budgets';
import { ASSETS, clearPaymentStores, ORIGIN, USDC } from './test-support';

const T0 = 1_750_000_000_000;

beforeEach(clearPaymentStores);

describe('budget views', () => {
  it('sets a budget from "2.00", shows spent and left over the rolling day, and deletes it', async () => {
    expect(await setBudgetFromText(ORIGIN, ' 2.00 ', ASSETS[0], T0)).toEqual({
      origin: ORIGIN, limit: '2.00 USDC', spent: '0.00 USDC', remaining: '2.00 USDC', chain: 'Base Sepolia', chainId: 84532, asset: USDC, blocked: false,
    });
    const base = { origin: ORIGIN, url: `${ORIGIN}/x`, request: { method: 'GET', headers: [] }, resourceUrl: `${ORIGIN}/x`, chainId: 84532, asset: USDC, token: { symbol: 'USDC', decimals: 6, name: 'USDC', version: '2' }, payTo: USDC, from: USDC, validAfter: 0, validBefore: 1, issuedAt: 0, nonce: '0x', typedData: {} as never, x402Version: 2 as const, requirement: {} as never, warnings: [] };
    await reservePayment({ ...base, id: 'a', amount: '750000' }, T0);
    await setOriginBlocked(ORIGIN, true, T0);
    expect(await budgetViews(ASSETS, T0 + 1)).toMatchObject([{ spent: '0.75 USDC', remaining: '1.25 USDC', blocked: true }]);
    expect(await budgetViews(ASSETS, T0 + 24 * 3600_000)).toMatchObject([{ spent: '0.00 USDC', remaining: '2.00 USDC' }]);
    await deleteBudget(ORIGIN, T0);
    expect(await budgetViews(ASSETS, T0)).toEqual([]);
  });

  it('refuses amounts and origins it cannot store exactly', async () => {
    await expect(setBudgetFromText(ORIGIN, '0.0000001', ASSETS[0], T0)).rejects.toThrow(/more than 6 decimal places/);
    await expect(setBudgetFromText(ORIGIN, '-1', ASSETS[0], T0)).rejects.toThrow(/negative/);
    await expect(setBudgetFromText('shop.example', '1', ASSETS[0], T0)).rejects.toThrow(/not a site origin/);
  });
});
