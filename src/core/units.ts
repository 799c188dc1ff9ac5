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

/** `10 GiB (10737418240 bytes)`, `512 B`; `exact: false` leaves out the byte count. */
export function formatBytes(n: number, options: { exact?: boolean } = {}): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < BINARY_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const shown = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${BINARY_UNITS[u]}${u && options.exact !== false ? ` (${n} bytes)` : ''}`;
}
