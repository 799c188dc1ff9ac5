// Git state of a folder (lineage of a promote): commit, branch, dirty. Uses the `git` executable when
// there is one (dirty needs it); without it, reads .git/HEAD for commit and branch.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitInfo } from '../../client/types';

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile('git', args, { cwd, timeout: 5000, maxBuffer: 1 << 20, windowsHide: true }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

function readHead(dir: string): GitInfo | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const head = path.join(d, '.git', 'HEAD');
    if (fs.existsSync(head)) {
      try {
        const text = fs.readFileSync(head, 'utf8').trim();
        const ref = /^ref: (.+)$/.exec(text)?.[1];
        if (!ref) return { commit: text };
        const refFile = path.join(d, '.git', ref);
        const commit = fs.existsSync(refFile) ? fs.readFileSync(refFile, 'utf8').trim() : undefined;
        return { commit, branch: ref.replace(/^refs\/heads\//, '') };
      } catch {
        return undefined;
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The git state of the repository holding `dir`; undefined outside a repository. */
export async function gitInfo(dir: string): Promise<GitInfo | undefined> {
  if (!fs.existsSync(dir)) return undefined;
  const cwd = fs.statSync(dir).isDirectory() ? dir : path.dirname(dir);
  const commit = await git(cwd, ['rev-parse', 'HEAD']);
  if (commit === undefined) return readHead(cwd);
  const [branch, status, remote] = await Promise.all([
    git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']),
    git(cwd, ['status', '--porcelain', '--untracked-files=no']),
    git(cwd, ['config', '--get', 'remote.origin.url']),
  ]);
  return {
    commit,
    branch: branch && branch !== 'HEAD' ? branch : undefined,
    dirty: status === undefined ? undefined : status.length > 0,
    ...(remote ? { remote } : {}),
  };
}
