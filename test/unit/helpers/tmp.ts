import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'phub-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** test/fixtures/… from the repository root (tests run from it; bundles live under out/). */
export function fixture(...parts: string[]): string {
  return path.join(process.cwd(), 'test', 'fixtures', ...parts);
}

/** out/test/unit/helpers/<name>.js: a bundled helper script for child processes. */
export function helperScript(name: string): string {
  return path.join(process.cwd(), 'out', 'test', 'unit', 'helpers', `${name}.js`);
}
