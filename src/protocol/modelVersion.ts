// The typed protocol of the model version page. Types only: imported by the host (src/features/registry)
// and the page (webview/modelVersion.ts). The generic handshake (ready → state → requests/replies) is the one
// of src/protocol/page.ts.
import type { ArtifactView, CurveView, LineageView, MetricView, StageChangeView } from './registryViews';

export type * from './registryViews';

export interface ModelVersionPageState {
  org: string;
  project?: string;
  model: string;
  version: string;
  /** `org/model:version` */
  ref: string;
  description: string;
  tags: string[];
  stage: string;
  framework: string;
  deploymentNotes?: string;
  createdBy: string;
  createdAt: string;
  lineage: LineageView;
  params: { name: string; value: string }[];
  metrics: MetricView[];
  curves: CurveView[];
  artifacts: ArtifactView[];
  /** oldest first */
  stageHistory: StageChangeView[];
  readme: string;
  /** the other versions of the model, newest first (for "Compare with…") */
  siblings: string[];
  canWrite: boolean;
  canDelete: boolean;
}

/** Requests that just run the version's command (it checks the role again and asks what it needs). */
export const MODEL_VERSION_COMMANDS = ['setStage', 'verify', 'download', 'export', 'revealRun', 'copyRef', 'compare', 'delete'] as const;
export type ModelVersionCommand = (typeof MODEL_VERSION_COMMANDS)[number];

export type ModelVersionPageRequests = {
  run: { args: { command: ModelVersionCommand }; result: void };
};
