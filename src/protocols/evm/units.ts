// Exact token amounts: atomic units are bigints, decimal text is parsed and printed digit by digit.
// No floating point anywhere — 0.1 + 0.2 has no business near money.

import { MAX_UINT256, quote } from './bytes';

export class UnitsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'UnitsError';
  }
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
    throw new UnitsError(`decimals must be an integer from 0 to 255, got ${quote(decimals)}`);
  }
}

export interface FormatOptions {
  /** Insert `,` between groups of three integer digits (e.g. 1,234,567.5). Default false. */
  group?: boolean;
  /** Pad the fraction with zeros to at least this many digits (capped at the token's decimals). */
  minFraction?: number;
}

/**
 * Atomic units → exact decimal text without trailing zeros:
 * formatUnits(1500000n, 6) = '1.5', formatUnits(1000000n, 6) = '1', formatUnits(1n, 6) = '0.000001'.
 */
export function formatUnits(value: bigint, decimals: number, options: FormatOptions = {}): string {
  if (typeof value !== 'bigint') throw new UnitsError(`value must be a bigint, got ${typeof value}`);
  checkDecimals(decimals);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  let whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  if (options.minFraction) fraction = fraction.padEnd(Math.min(options.minFraction, decimals), '0');
  if (options.group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Human display: `1,234.50 USDC` — grouped, at least two decimals like money, never rounded (`0.000001 USDC`
 * stays exact). The symbol must come from our own token registry, not a site.
 */
export function formatTokenAmount(value: bigint, decimals: number, symbol: string): string {
  return `${formatUnits(value, decimals, { group: true, minFraction: 2 })} ${symbol}`;
}

const DECIMAL_RE = /^(\d*)(?:\.(\d*))?$/;

/**
 * Decimal text → atomic units: parseUnits('2.00', 6) = 2000000n. Refuses negatives, exponents,
 * separators, whitespace and more fractional digits than the token has (unless they are zeros).
 */
export function parseUnits(text: string, decimals: number): bigint {
  checkDecimals(decimals);
  if (typeof text !== 'string') throw new UnitsError(`amount must be a string, got ${typeof text}`);
  if (text.length === 0 || text.length > 100) throw new UnitsError(`amount must be 1 to 100 characters`);
  if (text.startsWith('-')) throw new UnitsError(`amount must not be negative: ${quote(text)}`);
  const m = DECIMAL_RE.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new UnitsError(`not a decimal amount: ${quote(text)}`);
  const whole = m[1] || '0';
  let fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) {
    throw new UnitsError(`amount ${quote(text)} has more than ${decimals} decimal places`);
  }
  fraction = fraction.padEnd(decimals, '0');
  const value = BigInt(whole + fraction);
  if (value > MAX_UINT256) throw new UnitsError(`amount ${quote(text)} is too large`);
  return value;
}

export interface UintStringOptions {
  /** Bit width; the value must be below 2^bits. Default 256. */
  bits?: number;
  /** Name used in error messages. */
  what?: string;
}

/**
 * Strict parse of an on-the-wire atomic amount or timestamp: a JSON *string* of decimal digits,
 * canonical (no sign, no leading zeros, no spaces, no exponent) and below 2^bits.
 */
export function parseUintString(value: unknown, options: UintStringOptions = {}): bigint {
  const what = options.what ?? 'value';
  const bits = options.bits ?? 256;
  if (typeof value !== 'string') throw new UnitsError(`${what} must be a decimal string, got ${quote(value)}`);
  if (value.startsWith('-')) throw new UnitsError(`${what} must not be negative: ${quote(value)}`);
  if (!/^(0|[1-9][0-9]*)$/.test(value)) {
    throw new UnitsError(`${what} must be a whole number of atomic units in plain decimal digits: ${quote(value)}`);
  }
  if (value.length > 80 || BigInt(value) >= 1n << BigInt(bits)) {
    throw new UnitsError(`${what} is too large for uint${bits}: ${quote(value)}`);
  }
  return BigInt(value);
}
