// Small text helpers of the registry's views and messages.
import { formatBytes as formatUnits } from '../../core/units';

/** Sizes as the rest of the product shows them (src/core/units.ts): `1.2 MiB`, `5 GB`. */
export function formatBytes(bytes: number): string {
  return formatUnits(bytes, { exact: false });
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

export { plural } from '../../core/plural';

/** The `contextValue` of a tree item: its kind, then `can:<action>` for each allowed action (menus match on it). */
export function contextValue(kind: string, actions: readonly string[], ...flags: string[]): string {
  return [kind, ...flags, ...actions.map(a => `can:${a}`)].join(' ');
}
