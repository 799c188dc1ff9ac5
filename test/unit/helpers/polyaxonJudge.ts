// Polyaxon's own checker and PyYAML as judges in the tests: one Python process (the polyaxon virtual
// environment that `bash scripts/setup-python` installs under .cache/py/) judges a whole batch of files.
// test/python/polyaxon_judge.py documents the protocol; this side writes the requests and reads the answers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Verdict = 'valid' | 'invalid' | 'yaml_error';
export interface Judgement {
  verdict: Verdict;
  message: string;
}
/** PyYAML's safe_load result: the data in the tagged JSON form of polyaxon_judge.py, or the error. */
export type PyYamlResult = { ok: true; data: unknown } | { ok: false; error: string; message: string };

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The polyaxon venv's interpreter, or a clear error telling how to install it. */
export function polyaxonPython(): string {
  const py = process.env.POLYAXON_JUDGE_PYTHON ?? path.join(ROOT, '.cache', 'py', 'polyaxon', 'bin', 'python');
  if (!fs.existsSync(py)) {
    throw new Error(
      `Polyaxon's checker is not installed (no ${path.relative(ROOT, py)}). Run \`bash scripts/setup-python\` once: it installs polyaxon 2.16.4 into .cache/py/polyaxon (pinned, about two minutes).`,
    );
  }
  return py;
}

type Request = { id: number; path: string } | { id: number; yaml: string };

function run(requests: Request[]): Record<string, unknown>[] {
  const script = path.join(ROOT, 'test', 'python', 'polyaxon_judge.py');
  const input = requests.map(r => JSON.stringify(r)).join('\n') + '\n';
  const r = spawnSync(polyaxonPython(), [script], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' },
  });
  if (r.status !== 0) throw new Error(`polyaxon_judge.py exited ${r.status}: ${(r.stderr || String(r.error ?? '')).slice(-2000)}`);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as Record<string, unknown>);
  const byId = new Map<number, Record<string, unknown>>();
  for (const l of lines.slice(1)) byId.set(l.id as number, l);
  return requests.map(q => {
    const a = byId.get(q.id);
    if (!a) throw new Error(`polyaxon_judge.py gave no answer for request ${q.id}`);
    return a;
  });
}

/** `polyaxon check -f FILE --lint` (check_polyaxonfile(..., validate_params=False)) on each file. */
export function judgeFiles(files: string[]): Judgement[] {
  return run(files.map((f, id) => ({ id, path: f }))).map(a => ({ verdict: a.verdict as Verdict, message: String(a.message ?? '') }));
}

/** yaml.safe_load on each file. */
export function pyyamlLoad(files: string[]): PyYamlResult[] {
  return run(files.map((f, id) => ({ id, yaml: f }))).map(a =>
    a.ok ? { ok: true, data: a.data } : { ok: false, error: String(a.error), message: String(a.message) },
  );
}

/** Both, in one process: verdicts and PyYAML data for each file. */
export function judgeAndLoad(files: string[]): { judgement: Judgement; pyyaml: PyYamlResult }[] {
  const reqs: Request[] = [];
  files.forEach((f, i) => {
    reqs.push({ id: 2 * i, path: f }, { id: 2 * i + 1, yaml: f });
  });
  const out = run(reqs);
  return files.map((_f, i) => {
    const j = out[2 * i],
      y = out[2 * i + 1];
    return {
      judgement: { verdict: j.verdict as Verdict, message: String(j.message ?? '') },
      pyyaml: y.ok ? { ok: true, data: y.data } : { ok: false, error: String(y.error), message: String(y.message) },
    };
  });
}
