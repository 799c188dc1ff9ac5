// The component page's messages (see page.ts for the envelope). Types only.

/** What a component page is about, saved with its panel: one panel per component, showing `version` (else latest/newest). */
export interface ComponentPageKey {
  org: string;
  component: string;
  version?: string;
}

export interface IOView {
  name: string;
  type?: string;
  isOptional: boolean;
  /** the default, as YAML-ish text */ value?: string;
  description?: string;
}

export interface ComponentVersionView {
  name: string;
  hubRef: string;
  stage: string;
  publishedBy: string;
  publishedAt: string;
  contentHash: string;
  runKind?: string;
  sourcePath?: string;
  /** how many times an admin replaced its content */
  replaced: number;
}

export interface ComponentPageState {
  org: string;
  name: string;
  description: string;
  tags: string[];
  /** the version whose details (run kind, inputs, outputs, snippet) are shown */
  version: ComponentVersionView;
  inputs: IOView[];
  outputs: IOView[];
  /** a ready-to-copy operation using `hubRef` */
  snippet: string;
  /** newest first */
  versions: ComponentVersionView[];
  canStage: boolean;
  canDelete: boolean;
}

export type ComponentPageRequests = {
  selectVersion: { args: { version: string }; result: void };
  copySnippet: { args: Record<string, never>; result: void };
  openVersion: { args: { version: string }; result: void };
  pull: { args: { version: string }; result: void };
  diffWithFile: { args: { version: string }; result: void };
  setStage: { args: { version: string }; result: void };
  deleteVersion: { args: { version: string }; result: void };
};
