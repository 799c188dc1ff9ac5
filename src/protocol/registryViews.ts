// Plain shapes shared by the Model Registry pages (version page, compare page) and the host that fills them.
// Types only: imported by both sides.

export interface CurvePoint {
  step: number;
  value: number;
}

/** One metric's history from the source run, for the charts. */
export interface CurveView {
  name: string;
  points: CurvePoint[];
}

export interface MetricView {
  name: string;
  latest?: number;
  /** the best value of the history (max for accuracy-like metrics, min for loss-like ones) */
  best?: number;
}

export interface ArtifactView {
  path: string;
  size: number;
  sha256: string;
}

export interface StageChangeView {
  stage: string;
  reason: string;
  who: string;
  when: string;
}

/** Where a version came from: the run it was promoted from, as recorded at promote time. */
export interface LineageView {
  runId?: string;
  runName?: string;
  /** `mlflow`, `polyaxon`, `folder`, … */
  source: string;
  /** where the run lived when it was promoted (absolute, may be gone now) */
  sourcePath?: string;
  gitCommit?: string;
  gitBranch?: string;
  gitDirty?: boolean;
}

/** `org/model:version`, what "Copy Model Reference" copies. */
export interface VersionKey {
  org: string;
  model: string;
  version: string;
}
