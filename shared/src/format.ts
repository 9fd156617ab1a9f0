// Figures as a bulletin prints them (percent, percentage points, yuan), formatted by hand so the text never depends on a locale.

/**
 * `value` rounded half away from zero to `decimals` places, as an integer count of 10^-decimals units.
 * toPrecision(12) first washes binary noise (0.0125 × 1000 = 12.499999…), so halves round as a reader expects.
 */
function scaledInteger(value: number, decimals: number): number {
  const scaled = Number((Math.abs(value) * 10 ** decimals).toPrecision(12));
  const rounded = Math.floor(scaled + 0.5);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** An integer count of 10^-decimals units written out with exactly `decimals` places. */
function fixed(units: number, decimals: number): string {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Like fixed(), with trailing zeros (and a bare point) removed. */
function trimmed(units: number, decimals: number): string {
  const text = fixed(units, decimals);
  return decimals === 0 ? text : text.replace(/\.?0+$/u, '');
}

/**
 * A rate (0.5167 = 51.67 %) as a percentage, always with one decimal.
 * @example formatPercent(31 / 60) // => '51.7%'
 * @example formatPercent(0.5) // => '50.0%'
 */
export function formatPercent(rate: number): string {
  return `${fixed(scaledInteger(rate * 100, 1), 1)}%`;
}

/**
 * A difference in percentage points, as its absolute value with one decimal (the caller says 高于 or 低于).
 * @example formatPoints(26.666) // => '26.7个百分点'
 * @example formatPoints(-5) // => '5.0个百分点'
 */
export function formatPoints(points: number): string {
  return `${fixed(scaledInteger(Math.abs(points), 1), 1)}个百分点`;
}

/**
 * A signed difference with one decimal, as the bulletin's 时序进度差 column shows it; zero has no sign.
 * @example formatGap(2.5) // => '+2.5'
 * @example formatGap(-1) // => '-1.0'
 */
export function formatGap(gap: number): string {
  const units = scaledInteger(gap, 1);
  return units > 0 ? `+${fixed(units, 1)}` : fixed(units, 1);
}

/**
 * An amount in yuan: below 10,000 in 元, from 10,000 on in 万元; exact to the fen, trailing zeros dropped.
 * @example formatYuan(600) // => '600元'
 * @example formatYuan(12000) // => '1.2万元'
 * @example formatYuan(10000) // => '1万元'
 */
export function formatYuan(yuan: number): string {
  const fen = scaledInteger(yuan, 2);
  if (Math.abs(fen) < 1_000_000) return `${trimmed(fen, 2)}元`;
  return `${trimmed(fen, 6)}万元`;
}
