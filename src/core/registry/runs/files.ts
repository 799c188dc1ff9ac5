// Listing a run's output files, and the folders a scan never enters.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunFile } from '../../client/types';

/** Folders that never hold runs, or hold too much to walk: dependencies, VCS data, virtual environments, caches. */
export const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.ipynb_checkpoints',
  '.idea',
  '.vscode-test',
  '.cache',
  'dist-packages',
]);

/** A virtual environment by its marker files (any folder name: `env`, `.env311`…). */
export function isVirtualEnv(dir: string, names: Set<string>): boolean {
  return names.has('pyvenv.cfg') || names.has('conda-meta') || (names.has('bin') && fs.existsSync(path.join(dir, 'bin', 'activate')));
}

/** The files under `root` (relative, `/`-separated), sorted; symlinks are listed as they appear. */
export async function listFiles(root: string, prefix = ''): Promise<RunFile[]> {
  const out: RunFile[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(abs, r);
      else if (e.isFile() || e.isSymbolicLink()) {
        try {
          const st = await fs.promises.stat(abs);
          if (st.isFile()) out.push({ path: prefix + r, absolutePath: abs, size: st.size });
        } catch {
          /* a dangling link: nothing to promote */
        }
      }
    }
  };
  await walk(root, '');
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** `file:///x`, `file:x`, or a plain path → a local path; undefined for remote URIs (s3://, gs://…). */
export function localPathOfUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  if (uri.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(uri).pathname);
    } catch {
      return undefined;
    }
  }
  if (uri.startsWith('file:')) return uri.slice(5);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return undefined;
  return uri;
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
