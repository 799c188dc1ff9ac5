// polyaxon-hub validate FILE... — the same verdicts and messages as the editor and publish.
// Exit 1 when any file is invalid (or unreadable), with every result still printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from '../../core/errors';
import { formatProblems, toCliJson } from '../../core/hub/validator/format';
import type { ValidationResult } from '../../core/hub/validator/problems';
import { readInputFile } from '../../core/inputFile';
import { UsageError, type CommandSpec, type Output } from '../args';

const SKIP_DIRS = new Set(['node_modules', '.git', '.cache', 'dist', 'out']);

/** A folder stands for the YAML files under it; a file stands for itself (whatever its extension). */
function expand(cwd: string, given: string): string[] {
  const abs = path.resolve(cwd, given);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(abs);
  } catch {
    return [given];
  }
  if (!stat.isDirectory()) return [given];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(full);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) found.push(path.relative(cwd, full) || full);
    }
  };
  walk(abs);
  return found;
}

function unreadable(message: string): ValidationResult {
  return {
    valid: false,
    problems: [{ severity: 'error', code: 'file-unreadable', message, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } }],
  };
}

/**
 * Validates the files named (a folder: its YAML files) with `check`: the output is one line per problem and a
 * summary, or the JSON array. Used by the command and by dist/cli-validate.js, which answers it without the rest of
 * the CLI when no store is needed.
 */
export async function validateFiles(
  given: string[],
  cwd: string,
  check: (content: string, absolutePath: string) => ValidationResult | Promise<ValidationResult>,
): Promise<Output> {
  const files = given.flatMap(f => expand(cwd, f));
  if (!given.length) throw new UsageError('Give at least one file (or folder) to validate.');
  const results = [];
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    let result: ValidationResult;
    try {
      result = await check(readInputFile(abs, { shown: 'The file' }), abs);
    } catch (e) {
      if (!(e instanceof HubError)) throw e;
      result = unreadable(e.message);
    }
    results.push({ file, result });
  }
  const invalid = results.filter(r => !r.result.valid).length;
  const lines = results.flatMap(({ file, result }) =>
    result.problems.length ? formatProblems(file, result) : [`${file}: valid${result.kind ? ` (${result.kind})` : ''}`],
  );
  lines.push(
    files.length === 0 ? 'No YAML files found.' : `${files.length} file${files.length === 1 ? '' : 's'}: ${files.length - invalid} valid, ${invalid} invalid.`,
  );
  return { data: results.map(r => toCliJson(r.file, r.result)), text: lines.join('\n'), exitCode: invalid ? 1 : 0 };
}

export const VALIDATE_COMMANDS: CommandSpec[] = [
  {
    path: ['validate'],
    summary: 'check Polyaxon component/operation files (a folder: its YAML files); exit 1 if any is invalid',
    details:
      'Problems print as FILE:LINE:COLUMN: severity: message [code]. A hubRef is checked against the store\n' +
      '(a missing one is a warning); a pathRef against the file system. With --json: an array of\n' +
      '{file, valid, kind, errors: [{message, line, column, code}], warnings: [...]}.',
    args: [{ name: 'FILE', variadic: true }],
    run: (ctx, a) => validateFiles(a.FILE as string[], ctx.cwd, (content, abs) => ctx.hub().components.validate(content, abs)),
  },
];
