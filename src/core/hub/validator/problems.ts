// Public shapes of validation results. Positions are 0-based, like VS Code's Position/Range, so the
// editor can use them as they are; the CLI adds 1 when it prints (see format.ts).
import type { IOSummary } from '../../model';

export interface Position {
  line: number;
  column: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export type Severity = 'error' | 'warning';
export type ProblemPath = (string | number)[];

export interface Problem {
  severity: Severity;
  message: string;
  range: Range;
  /** stable id, e.g. `unknown-section`, for tests, code actions and filtering */
  code: string;
  /** where in the document, e.g. ['inputs', 0, 'default'] */
  path?: ProblemPath;
  /** URL of the Polyaxon docs section that explains the rule */
  docs?: string;
  /** a replacement for the text in `range` that fixes the problem (e.g. the key `default` → `value`) */
  suggestion?: string;
}

export interface ComponentSummary {
  name?: string;
  description?: string;
  tags: string[];
  runKind?: string;
  inputs: IOSummary[];
  outputs: IOSummary[];
}

export interface ValidationResult {
  kind?: 'component' | 'operation' | string;
  /** no error-severity problems */
  valid: boolean;
  problems: Problem[];
  summary?: ComponentSummary;
}

export type RefKind = 'hubRef' | 'pathRef' | 'urlRef' | 'dagRef';
export type RefStatus = 'found' | 'missing' | 'unknown';

export interface ValidateOptions {
  /** the file's path; pathRef is read relative to its folder */
  fileName?: string;
  /** tells whether a reference resolves (the hub, the workspace); omitted ⇒ references are not checked */
  resolveRef?: (ref: { kind: RefKind; value: string }) => RefStatus;
}
