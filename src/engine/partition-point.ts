/**
 * The first index in [0, count) at which `isBefore` is false, for a predicate that holds on a
 * prefix of the indices and not after it: a binary search (spans sorted by start, or by end, for
 * the first one a window or an instant reaches).
 */
export function partitionPoint(count: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
