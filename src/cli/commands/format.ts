import { formatBytes, formatQuotaBytes } from '../../core/units';

// Plain-text formatting for people (JSON output needs none).
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  if (!rows.length) return '(none)';
  const cells = [headers, ...rows.map(r => r.map(c => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map(r => (r[i] ?? '').length)));
  return cells
    .map(r =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function list(values: string[]): string {
  return values.length ? values.join(', ') : '-';
}

/** A size for people, or `unlimited`. */
export function bytes(n: number | undefined): string {
  return n === undefined ? 'unlimited' : formatBytes(n);
}

/** A quota as it was written (`5 GB (5000000000 bytes)`, `10 GiB (…)`), or `unlimited`. */
export function quotaBytes(n: number | undefined): string {
  return n === undefined ? 'unlimited' : formatQuotaBytes(n);
}
