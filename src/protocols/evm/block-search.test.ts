import { describe, expect, it } from 'vitest';
import { lastBlockBefore } from './block-search';

/** A chain's block timestamps, and a reader that counts reads. */
function chain(timestamps: number[] | ((n: number) => number), length = Array.isArray(timestamps) ? timestamps.length : 0) {
  const c = { reads: 0, at: async (n: number) => {
    c.reads++;
    if (!Number.isInteger(n) || n < 0 || n >= length) throw new Error(`no block ${n}`);
    return Array.isArray(timestamps) ? timestamps[n] : timestamps(n);
  } };
  return c;
}

const naive = (ts: number[], before: number) => ts.findLastIndex((t) => t < before);

describe('lastBlockBefore', () => {
  it('finds the last block before a time on a steady chain in a handful of reads', async () => {
    // 30 million blocks, one every 2 s (the pace of Base): block n has timestamp 1.6e9 + 2n.
    const length = 30_000_000;
    const expected = (before: number) => Math.min(length - 1, Math.ceil((before - 1_600_000_000) / 2) - 1);
    for (const before of [1_600_000_000, 1_600_000_001, 1_630_000_001, 1_630_000_002, 1_659_999_999, 1_700_000_000]) {
      const c = chain((n) => 1_600_000_000 + 2 * n, length);
      expect(await lastBlockBefore(before, length - 1, c.at)).toBe(expected(before));
      expect(c.reads).toBeLessThanOrEqual(8);
    }
  });

  it('is exact on an irregular chain (equal timestamps, pauses) and never reads more than about twice a binary search', async () => {
    let t = 1_000;
    const ts = Array.from({ length: 50_000 }, (_, i) => (t += i % 97 === 0 ? 5_000 : i % 3));
    for (const before of [999, 1_000, 1_001, ts[1234], ts[1234] + 1, ts[40_000], ts.at(-1)!, ts.at(-1)! + 1]) {
      const c = chain(ts);
      expect(await lastBlockBefore(before, ts.length - 1, c.at)).toBe(naive(ts, before));
      expect(c.reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(ts.length)) + 2);
    }
  });

  it('answers -1 when no block is that old, and the head when all are', async () => {
    expect(await lastBlockBefore(5, 2, chain([10, 11, 12]).at)).toBe(-1);
    expect(await lastBlockBefore(100, 2, chain([10, 11, 12]).at)).toBe(2);
    expect(await lastBlockBefore(100, 0, chain([10]).at)).toBe(0);
  });
});
