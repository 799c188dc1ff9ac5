// Problem formatting for the CLI: `file:line:col: severity: message [code]`, 1-based like compilers
// and editors print it, and the `--json` shape of DESIGN.md's CLI contract.
import type { Problem, ValidationResult } from './problems';

export function formatProblem(file: string, p: Problem): string {
  return `${file}:${p.range.start.line + 1}:${p.range.start.column + 1}: ${p.severity}: ${p.message} [${p.code}]`;
}

/** All problems of one file, errors and warnings in document order, one per line. */
export function formatProblems(file: string, result: ValidationResult): string[] {
  return result.problems.map(p => formatProblem(file, p));
}

/** `{file, valid, errors: [{message, line, column}], warnings: [...]}` with 1-based positions. */
export function toCliJson(
  file: string,
  result: ValidationResult,
): {
  file: string;
  valid: boolean;
  kind?: string;
  errors: { message: string; line: number; column: number; code: string }[];
  warnings: { message: string; line: number; column: number; code: string }[];
} {
  const conv = (p: Problem) => ({ message: p.message, line: p.range.start.line + 1, column: p.range.start.column + 1, code: p.code });
  return {
    file,
    valid: result.valid,
    kind: result.kind,
    errors: result.problems.filter(p => p.severity === 'error').map(conv),
    warnings: result.problems.filter(p => p.severity === 'warning').map(conv),
  };
}
