/** ln 2 and π in fixed point to any number of bits, computed by bigint series once and kept. */

/** Bits computed beyond those asked for, so that the series' truncation errors stay below the last bit returned. */
const GUARD = 64;

/** A constant computed at `scale` bits by `series`, kept at the most bits asked for so far. */
function cached(series: (scale: number) => bigint): (scale: number) => bigint {
  let kept = { scale: 0, value: 0n };
  return (scale) => {
    if (scale > kept.scale) {
      const wanted = Math.max(scale, 2 * kept.scale, 512);
      kept = { scale: wanted, value: series(wanted + GUARD) >> BigInt(GUARD) };
    }
    return kept.value >> BigInt(kept.scale - scale);
  };
}

/** atan(1/n)·2^scale by its alternating series Σ (−1)^j / ((2j + 1) n^(2j+1)). */
function atanOfInverse(n: bigint, scale: number): bigint {
  const square = n * n;
  let power = (1n << BigInt(scale)) / n;
  let sum = power;
  for (let j = 1n; power !== 0n; j++) {
    power /= square;
    sum += (j % 2n === 0n ? power : -power) / (2n * j + 1n);
  }
  return sum;
}

/** ln 2 · 2^scale (to within a unit), from ln 2 = 2 atanh(1/3) = Σ 2/((2j + 1) 3^(2j+1)). */
export const ln2Fixed = cached((scale) => {
  let power = (2n << BigInt(scale)) / 3n;
  let sum = power;
  for (let j = 1n; power !== 0n; j++) {
    power /= 9n;
    sum += power / (2n * j + 1n);
  }
  return sum;
});

/** π · 2^scale (to within a unit), by Machin's formula π = 16 atan(1/5) − 4 atan(1/239). */
export const piFixed = cached((scale) => 16n * atanOfInverse(5n, scale) - 4n * atanOfInverse(239n, scale));
