/**
 * The median of a list of numbers in linear time, by selection rather than sorting: a run of 10 M
 * events has 2.5 M hold periods, and sorting them (three times: the run's and each lane's) took a
 * tenth of `emulate`'s whole process.
 */

/** The middle value; of an even count, the mean of the two middle ones (NaN when empty). */
export function median(values: ArrayLike<number>): number {
  const count = values.length;
  if (count === 0) return Number.NaN;
  // A copy: selection reorders, and the caller's list is its own.
  const work = Float64Array.from(values);
  const middle = count >> 1;
  const upper = selectInPlace(work, middle);
  if (count % 2 === 1) return upper;
  // Selection left everything below `middle` at or under its value: the lower middle is their largest.
  let lower = work[0]!;
  for (let i = 1; i < middle; i++) if (work[i]! > lower) lower = work[i]!;
  return (lower + upper) / 2;
}

/**
 * Puts the `k`-th smallest value (0-based) at `k`, the smaller ones before it and the larger ones
 * after it, and returns it (Hoare's FIND, as Wirth writes it: equal values stop both scans, so a
 * list of repeats, the common case of hold periods, splits evenly instead of going quadratic).
 * The pivot is the median of the range's first, middle and last values.
 */
function selectInPlace(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = medianOfThree(values[low]!, values[(low + high) >> 1]!, values[high]!);
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (pivot < values[j]!) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (j < k) low = i;
    if (k < i) high = j;
  }
  return values[k]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/**
 * The median of a list in which `values[i]` stands for `weights[i]` equal values (whole numbers,
 * at least 1): what `median` gives of the list written out, without writing it out (the holds
 * of cycles a fast-forward skipped, hold-columns.ts).
 */
export function weightedMedian(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < weights.length; i++) count += weights[i]!;
  if (count === 0) return Number.NaN;
  const work = Float64Array.from(values);
  const load = Float64Array.from(weights);
  const middle = Math.floor(count / 2);
  const upper = weightedSelect(work, load, middle);
  if (count % 2 === 1) return upper;
  return (weightedSelect(work, load, middle - 1) + upper) / 2;
}

/**
 * The `k`-th smallest value (0-based) of the list written out. Reorders values and weights alike:
 * a three-way partition (Dijkstra's) around the median of three, so equal values, each standing
 * for many, settle in one pass.
 */
function weightedSelect(values: Float64Array, weights: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  for (;;) {
    const pivot = medianOfThree(values[low]!, values[(low + high) >> 1]!, values[high]!);
    // [low, below) under the pivot, [below, i) equal to it, (above, high] over it.
    let below = low;
    let above = high;
    let underWeight = 0;
    let equalWeight = 0;
    for (let i = low; i <= above; ) {
      const value = values[i]!;
      if (value < pivot) {
        underWeight += weights[i]!;
        swap(values, weights, i++, below++);
      } else if (value > pivot) swap(values, weights, i, above--);
      else equalWeight += weights[i++]!;
    }
    if (k < underWeight) high = below - 1;
    else if (k < underWeight + equalWeight) return pivot;
    else {
      k -= underWeight + equalWeight;
      low = above + 1;
    }
  }
}

function swap(values: Float64Array, weights: Float64Array, a: number, b: number): void {
  const value = values[a]!;
  values[a] = values[b]!;
  values[b] = value;
  const weight = weights[a]!;
  weights[a] = weights[b]!;
  weights[b] = weight;
}
