// Which blocks can hold something that happened before a time: EIP-3009 lets an authorization execute
// only in a block whose timestamp is below its validBefore, so a search for it never needs later blocks.

/**
 * The highest block among 0..latest whose timestamp is below `before` (unix seconds), or -1 when even
 * block 0 is not. Block timestamps never decrease along a chain. Each guess interpolates by time (a chain
 * with a steady pace needs a handful of reads); when a guess did not halve the range, the next one halves it,
 * so a chain with an irregular pace costs at most about twice a binary search.
 */
export async function lastBlockBefore(before: number, latest: number, timestampOf: (block: number) => Promise<number>): Promise<number> {
  let hi = latest;
  let hiTs = await timestampOf(hi);
  if (hiTs < before) return latest;
  let lo = 0;
  let loTs = await timestampOf(lo);
  if (loTs >= before) return -1;
  // ts(lo) < before <= ts(hi) from here on.
  let interpolate = true;
  while (hi - lo > 1) {
    const width = hi - lo;
    let guess = lo + Math.floor(width / 2);
    if (interpolate && hiTs > loTs) guess = lo + Math.floor(((before - 1 - loTs) * width) / (hiTs - loTs));
    guess = Math.min(hi - 1, Math.max(lo + 1, guess));
    const ts = await timestampOf(guess);
    if (ts < before) [lo, loTs] = [guess, ts];
    else [hi, hiTs] = [guess, ts];
    interpolate = hi - lo <= width / 2;
  }
  return lo;
}
