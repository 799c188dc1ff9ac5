// Validating files on disk, for the CLI (`polyaxon-hub validate FILE... [--json]`) and publish:
// read, validate (pathRef relative to the file), and shape the output. A file that cannot be read
// is an invalid result with one problem, not an exception.
import * as fs from 'node:fs';
import { formatProblems, toCliJson } from './format';
import type { ValidateOptions, ValidationResult } from './problems';
import { validatePolyaxonYaml } from './validate';

export interface FileValidation {
  file: string;
  result: ValidationResult;
}

export function validateFile(file: string, options: Omit<ValidateOptions, 'fileName'> = {}): FileValidation {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      file,
      result: {
        valid: false,
        problems: [
          {
            severity: 'error',
            code: 'file-unreadable',
            message: `Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}.`,
            range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
          },
        ],
      },
    };
  }
  return { file, result: validatePolyaxonYaml(text, { ...options, fileName: file }) };
}

/**
 * Everything a `validate` command prints: `lines` (one `file:line:col: severity: message [code]` per
 * problem, for stderr), `json` (DESIGN.md's `--json` array), and the exit code (0 all valid, 1 not).
 */
export function validateFilesReport(
  files: string[],
  options: Omit<ValidateOptions, 'fileName'> = {},
): {
  results: FileValidation[];
  lines: string[];
  json: ReturnType<typeof toCliJson>[];
  exitCode: 0 | 1;
} {
  const results = files.map(f => validateFile(f, options));
  return {
    results,
    lines: results.flatMap(r => formatProblems(r.file, r.result)),
    json: results.map(r => toCliJson(r.file, r.result)),
    exitCode: results.every(r => r.result.valid) ? 0 : 1,
  };
}
