// The fault suite's running totals, shared by every test file of the suite (each is its own bundle, so the
// totals live on globalThis) and printed by scripts/test-faults.mjs from the root hooks' summary file.

interface Tally {
  /** hostile inputs, kills and damaged files the suite inflicted */
  faults: number;
  /** acknowledged writes checked present after the faults */
  writesKept: number;
}

const KEY = '__polyaxonHubFaultTally';

export function tally(): Tally {
  const g = globalThis as unknown as Record<string, Tally | undefined>;
  g[KEY] ??= { faults: 0, writesKept: 0 };
  return g[KEY];
}

/** Counts `n` faults injected (a kill, a damaged store, a hostile name…). */
export function injected(n = 1): void {
  tally().faults += n;
}

/** Counts `n` acknowledged writes found intact after the faults. */
export function kept(n = 1): void {
  tally().writesKept += n;
}
