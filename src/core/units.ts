// Sizes in bytes as people write and read them: `5 GB`, `10GiB`, `512 MiB`, `1000`. One parser and one
// formatter for every face (CLI options, the extension's quota prompts).

/** The largest size recorded exactly: JavaScript numbers hold whole numbers exactly up to 2^53 − 1 (8 PiB). */
export const MAX_BYTES = Number.MAX_SAFE_INTEGER;

const DECIMAL = ['', 'k', 'm', 'g', 't', 'p', 'e'];

export type ByteSize = { bytes: number; problem?: undefined } | { bytes?: undefined; problem: string };

/**
 * Parses a size: a whole number of bytes, or a number with a unit — decimal (kB, MB, GB, TB, PB, EB;
 * 1000-based) or binary (KiB, MiB, GiB, TiB, PiB, EiB; 1024-based); `B` and the space are optional, case
 * does not matter (`5 gb`, `10GiB`, `1.5 TB`). Returns the problem instead when it is not one, or when it
 * is more than MAX_BYTES.
 */
export function parseByteSize(text: string): ByteSize {
  const m = /^(\d+(?:\.\d+)?)\s*(?:([kmgtpe])(i)?)?b?$/i.exec(text.trim());
  if (!m) return { problem: `"${text}" is not a size; write a number of bytes, or one with a unit such as 500MB, 5 GB or 10GiB.` };
  const power = m[2] ? DECIMAL.indexOf(m[2].toLowerCase()) : 0;
  const base = m[3] ? 1024 : 1000;
  const exact = Number(m[1]) * base ** power;
  const bytes = Math.round(exact);
  if (bytes > MAX_BYTES) return { problem: `${text.trim()} is more than the largest size that can be recorded: ${MAX_BYTES} bytes, just under 8 PiB.` };
  if (Math.abs(exact - bytes) > 1e-6 * Math.max(1, exact)) return { problem: `${text.trim()} is not a whole number of bytes.` };
  return { bytes };
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** `n` in the largest unit of `base` it reaches: `{value: 5, unit: 3}` for 5e9 in base 1000. */
function scaled(n: number, base: number, units: readonly string[]): { value: number; unit: number } {
  let value = n;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return { value, unit };
}

/** Binary (KiB, MiB, GiB: 1024-based) or decimal (kB, MB, GB: 1000-based) units. */
export type UnitSystem = 'binary' | 'decimal';

/**
 * The units a size was most likely written in: decimal when it is a whole number of kB/MB/GB/… but not of
 * KiB/MiB/GiB/… (5 GB, 500 MB), else binary (10 GiB, 1536). Quotas are shown back in them, so the `5 GB` a
 * person typed reads back as 5 GB, and the usage beside it in the same units.
 */
export function unitsOf(n: number): UnitSystem {
  const binary = scaled(n, 1024, BINARY_UNITS);
  const decimal = scaled(n, 1000, DECIMAL_UNITS);
  return decimal.unit > 0 && Number.isInteger(decimal.value) && (!Number.isInteger(binary.value) || decimal.unit > binary.unit) ? 'decimal' : 'binary';
}

/**
 * `10 GiB (10737418240 bytes)`, `1.2 MiB (1234567 bytes)`, `512 B`; with `units: 'decimal'` `5 GB (5000000000
 * bytes)`. Binary unless told otherwise (see unitsOf); `exact: false` leaves out the byte count.
 */
export function formatBytes(n: number, options: { exact?: boolean; units?: UnitSystem } = {}): string {
  const names = options.units === 'decimal' ? DECIMAL_UNITS : BINARY_UNITS;
  const { value, unit } = scaled(n, options.units === 'decimal' ? 1000 : 1024, names);
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${names[unit]}${unit && options.exact !== false ? ` (${n} bytes)` : ''}`;
}

/** A quota (or a size compared with one) in the units the quota was written in: `5 GB`, `10 GiB`. */
export function formatQuotaBytes(n: number, quota: number = n, options: { exact?: boolean } = {}): string {
  return formatBytes(n, { ...options, units: unitsOf(quota) });
}
