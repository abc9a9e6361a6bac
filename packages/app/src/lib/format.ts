/**
 * Amounts as fans read and type them. Balances are integers of the smallest unit (`bigint`);
 * shown, they are cut (never rounded up: nobody sees more than they hold) to a few decimals
 * with thousands separators; typed, they are parsed exactly or refused in words.
 */

/**
 * `value` in units of `10^decimals`, cut to `fractionDigits` decimals (`1234567n, 3` →
 * `"1,234.567"`), or to `fractionDigits` significant digits below one unit (`1234n, 9` → `"0.000001234"`).
 */
export function formatUnits(value: bigint, decimals: number, fractionDigits = 4): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = (magnitude / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // Below one whole unit, keep `fractionDigits` significant digits: a price of 0.00001234 is not 0.
  const leadingZeros = magnitude > 0n && magnitude < scale ? decimals - magnitude.toString().length : 0;
  const digits = Math.min(fractionDigits + leadingZeros, decimals);
  const fraction = (magnitude % scale).toString().padStart(decimals, '0').slice(0, digits).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The exact amount a fan typed (`"1,000.5"`, `"0.25"`) in units of `10^decimals`; a
 * `RangeError` in words for anything else (a negative, a letter, more decimals than the token has).
 */
export function parseUnits(text: string, decimals: number): bigint {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (cleaned === '') throw new RangeError('Enter an amount.');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) throw new RangeError(`"${text}" is not an amount: use digits and one decimal point.`);
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) throw new RangeError(`At most ${decimals} decimals.`);
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** A whole number a fan typed (a quantity, an id): at least `min`, at most `max`. */
export function parseCount(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(cleaned)) throw new RangeError(`"${text}" is not a whole number.`);
  const value = Number(cleaned);
  if (value < min || value > max) throw new RangeError(`Enter a number from ${min} to ${max.toLocaleString('en-US')}.`);
  return value;
}

/** A slippage typed in percent (`"1"`, `"0.5"`) as basis points: 0 to 50 % (more is a mistake, not a setting). */
export function parseSlippage(text: string): number {
  const bps = Number(parseUnits(text, 2));
  if (bps > 5_000) throw new RangeError('Slippage is at most 50 %.');
  return bps;
}

/** An address cut for a list: `5Grwva…KutQY`. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-5)}` : address;
}

/** A duration in words, for a countdown: `"2 h 5 min"`, `"45 s"`, `"now"`. */
export function formatDuration(ms: bigint | number): string {
  let seconds = Math.max(0, Math.floor(Number(ms) / 1_000));
  if (seconds === 0) return 'now';
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['min', 60], ['s', 1]] as const) {
    if (seconds >= size && parts.length < 2) {
      parts.push(`${Math.floor(seconds / size)} ${unit}`);
      seconds %= size;
    }
  }
  return parts.join(' ');
}

/** A hash rate: `"12.3 kH/s"`. */
export function formatRate(hashesPerSecond: number): string {
  if (hashesPerSecond >= 1e6) return `${(hashesPerSecond / 1e6).toFixed(2)} MH/s`;
  if (hashesPerSecond >= 1e3) return `${(hashesPerSecond / 1e3).toFixed(1)} kH/s`;
  return `${Math.round(hashesPerSecond)} H/s`;
}
