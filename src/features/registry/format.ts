// Small text helpers of the registry's views and messages.

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${u ? n.toFixed(1) : n} ${units[u]}`;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n)
    ? String(n)
    : n
        .toPrecision(6)
        .replace(/\.?0+$/, '')
        .replace(/\.?0+e/, 'e');
}

/** `2026-11-27 08:01` (UTC) */
export function formatWhen(iso: string | undefined): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The `contextValue` of a tree item: its kind, then `can:<action>` for each allowed action (menus match on it). */
export function contextValue(kind: string, actions: readonly string[], ...flags: string[]): string {
  return [kind, ...flags, ...actions.map(a => `can:${a}`)].join(' ');
}
