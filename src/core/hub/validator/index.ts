// Validator for Polyaxon component and operation files (spec v1.1), faithful to the CLI's pydantic
// models (v2.16.4, `polyaxon check --lint`) rather than the published JSON Schema. One parse, one walk
// over the document; every problem carries the exact range of the offending key or value.
// Vscode-free: the editor, publish and the CLI all call validatePolyaxonYaml.
//
// Layout: validate.ts (entry; yamlDepth.ts first refuses a file nested too deep to parse) → sections.ts
// (top-level gate) → component.ts / operation.ts, which use the field tables of common.ts, io.ts,
// runKinds.ts, matrix.ts, k8s.ts through the walker in fields.ts; types.ts parses IO types and values;
// refs.ts and dag.ts add the reference and graph warnings; order.ts lists the problems in Polyaxon's order.
export type { ComponentSummary, Position, Problem, ProblemPath, Range, RefKind, RefStatus, Severity, ValidateOptions, ValidationResult } from './problems';
export { validatePolyaxonYaml, looksLikePolyaxonFile } from './validate';
export { formatProblem, formatProblems, toCliJson } from './format';
export { validateFile, validateFilesReport, type FileValidation } from './files';
export { parseHubRef } from './refs';
export { RUN_KINDS } from './runKinds';
export { KNOWN_TYPES } from './types';
export { SECTIONS } from './sections';
export { DOCS } from './docs';
export { PROBLEM_CODES } from './codes';
