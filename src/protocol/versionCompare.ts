// The typed protocol of the version comparison page. Types only: imported by the host and webview/versionCompare.ts.
import type { CurveView, VersionKey } from './registryViews';

export type * from './registryViews';

export interface ComparedVersion extends VersionKey {
  ref: string;
  stage: string;
  framework: string;
  createdAt: string;
  /** the source run's id */
  run?: string;
}

/** One row of a side-by-side table: a value per compared version (undefined: the version has none). */
export interface CompareRow {
  name: string;
  values: (string | undefined)[];
  differs: boolean;
}

export interface VersionComparePageState {
  versions: ComparedVersion[];
  params: CompareRow[];
  /** latest values; `best` rows carry the best of each history */
  metrics: CompareRow[];
  best: CompareRow[];
  /** an artifact path per row, the value its sha256 prefix and size */
  artifacts: CompareRow[];
  /** one chart per metric name, a series per version (same order as `versions`) */
  curves: { name: string; series: (CurveView | undefined)[] }[];
}

export type VersionComparePageRequests = {
  open: { args: { ref: string }; result: void };
};
