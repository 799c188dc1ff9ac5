// The shape of one bench row. Any module in bench/ (other than run.mjs and the helpers listed there)
// exports `bench()` (or a default function) returning a Row, Row[] or a Promise of them.
export interface Row {
  /** stable id of the row in bench/results.json, the name the issues use (e.g. `cli_validate_vs_polyaxon`) */
  id: string;
  /** what the row measures, in words (the table's first column) */
  name: string;
  /** what we measured */
  value: number;
  /** the same kind of figure for a reference, measured in the same run */
  baseline: number;
  baselineName?: string;
  unit: string;
  /** pass criteria: value ≤ max, value/baseline ≤ maxRatio */
  goal?: { max?: number; maxRatio?: number };
  note?: string;
}
