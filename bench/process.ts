// Bench rows for a whole `validate FILE` process: wall time and peak RSS against `node -e 0` started
// the same way in the same run, and against Polyaxon's own `polyaxon check -f FILE --lint` (the venv
// of `bash scripts/setup-python`), both whole processes on the same file in the same run
// (row `cli_validate_vs_polyaxon`, goal ≤ 0.05×).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validatePolyaxonYaml } from '../src/core/hub/validator';
import { corpusFiles } from './fuzz';
import type { Row } from './row';

const POLYAXON_RUNS = 5; // each is 2–3 s: fewer runs than ours, the fastest still kept

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

/** Preloaded into each measured process: writes its peak RSS (kB) to the file named in BENCH_RSS_FILE. */
const RSS_HOOK = `process.on('exit', () => { try { require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });\n`;

interface Measure {
  ms: number;
  medianMs: number;
  rssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

function measure(args: string[], runs: number, tmp: string, env: Record<string, string> = {}): Measure {
  const hook = path.join(tmp, 'rss-hook.cjs');
  fs.writeFileSync(hook, RSS_HOOK);
  const rssFile = path.join(tmp, 'rss.txt');
  const times: number[] = [];
  const rss: number[] = [];
  let last: ReturnType<typeof spawnSync> | undefined;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(process.execPath, ['--require', hook, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile, ...env }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i < 2) continue; // warm the file cache
    times.push(ms);
    rss.push(Number(fs.readFileSync(rssFile, 'utf8')) / 1024);
  }
  // other processes only add time: the fastest run is the best estimate on a shared machine
  return {
    ms: Math.min(...times),
    medianMs: median(times),
    rssMb: median(rss),
    status: last?.status ?? null,
    stdout: String(last?.stdout ?? ''),
    stderr: String(last?.stderr ?? ''),
  };
}

/** `polyaxon check -f FILE --lint` as a user runs it: fastest wall time, and peak RSS (ru_maxrss of the child, via Python). */
function measurePolyaxon(root: string, file: string): { ms: number; rssMb: number; status: number | null; out: string } {
  const bin = path.join(root, '.cache', 'py', 'polyaxon', 'bin');
  if (!fs.existsSync(path.join(bin, 'polyaxon'))) {
    throw new Error('Polyaxon is not installed: run `bash scripts/setup-python` (it installs polyaxon 2.16.4 into .cache/py/polyaxon)');
  }
  const args = ['check', '-f', file, '--lint'];
  const times: number[] = [];
  let last: ReturnType<typeof spawnSync> | undefined;
  for (let i = 0; i < POLYAXON_RUNS + 1; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(path.join(bin, 'polyaxon'), args, { encoding: 'utf8' });
    if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first warms the file cache
  }
  const rss = spawnSync(
    path.join(bin, 'python'),
    [
      '-c',
      'import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
      path.join(bin, 'polyaxon'),
      ...args,
    ],
    { encoding: 'utf8' },
  );
  return {
    ms: Math.min(...times),
    rssMb: Number(rss.stdout.trim()) / 1024,
    status: last?.status ?? null,
    out: String(last?.stdout ?? '') + String(last?.stderr ?? ''),
  };
}

export interface ProcessTarget {
  script: string;
  args: string[];
  label: string;
  note?: string;
}

/** Decides what to measure: the real CLI if it has `validate`, else the tiny bundled script. */
export function processTarget(root: string, file: string, fallbackScript: string): ProcessTarget {
  const cli = path.join(root, 'dist', 'cli.js');
  if (fs.existsSync(cli)) {
    const r = spawnSync(process.execPath, [cli, 'validate', file, '--json'], { encoding: 'utf8' });
    let ok = false;
    try {
      const j = JSON.parse(r.stdout);
      ok = Array.isArray(j) && j.length === 1 && typeof j[0].valid === 'boolean';
    } catch {
      ok = false;
    }
    if (ok && (r.status === 0 || r.status === 1)) return { script: cli, args: ['validate', file], label: 'node dist/cli.js validate FILE' };
  }
  return {
    script: fallbackScript,
    args: [file],
    label: 'node out/bench/validate-file.js FILE',
    note: 'dist/cli.js has no `validate` command yet: measured the tiny bundled script that calls validatePolyaxonYaml on FILE',
  };
}

export function bench(opts: { root: string; fallbackScript: string }): Row[] {
  const files = corpusFiles();
  // the largest file that validates: the whole walk runs (a file with a YAML error stops early)
  const file = files.filter(f => validatePolyaxonYaml(f.text).valid).reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const target = processTarget(opts.root, file.path, opts.fallbackScript);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-bench-'));
  try {
    const runs = 15;
    const base = measure(['-e', '0'], runs, tmp);
    // the warm-up runs write the CLI's code cache (src/cli/compileCache.ts), as a user's first run does
    const ours = measure([target.script, ...target.args], runs, tmp);
    const uncached = measure([target.script, ...target.args], runs, tmp, { POLYAXON_HUB_COMPILE_CACHE: '0' });
    if (ours.status !== 0 && ours.status !== 1) throw new Error(`${target.label} exited ${ours.status}: ${ours.stderr.slice(0, 300)}`);
    const plx = measurePolyaxon(opts.root, file.path);
    const note =
      `${target.note ? `${target.note}; ` : ''}FILE = ${file.name} (${file.text.length} bytes); medians ${ours.medianMs.toFixed(0)} ms vs ${base.medianMs.toFixed(0)} ms; ` +
      `without the code cache (POLYAXON_HUB_COMPILE_CACHE=0, as the first run after an install) ${uncached.ms.toFixed(0)} ms`;
    return [
      {
        id: 'cli_validate_ms',
        name: `${target.label}: wall time (fastest of ${runs})`,
        value: ours.ms,
        baseline: base.ms,
        baselineName: 'node -e 0',
        unit: 'ms',
        note,
      },
      {
        id: 'cli_validate_rss',
        name: `${target.label}: peak RSS (median of ${runs})`,
        value: ours.rssMb,
        baseline: base.rssMb,
        baselineName: 'node -e 0',
        unit: 'MB',
      },
      {
        id: 'cli_validate_vs_polyaxon',
        name: `${target.label} vs \`polyaxon check -f FILE --lint\`: wall time (fastest of ${runs} vs ${POLYAXON_RUNS})`,
        value: ours.ms,
        baseline: plx.ms,
        baselineName: 'polyaxon check --lint, same run',
        unit: 'ms',
        goal: { maxRatio: 0.05 },
        note: `Polyaxon 2.16.4 said ${/Polyaxonfile valid/.test(plx.out) ? '"Polyaxonfile valid"' : `exit ${plx.status}`} on the same file`,
      },
      {
        id: 'cli_validate_rss_vs_polyaxon',
        name: 'peak RSS vs `polyaxon check -f FILE --lint`',
        value: ours.rssMb,
        baseline: plx.rssMb,
        baselineName: 'polyaxon check --lint, same run',
        unit: 'MB',
        note: `\`node -e 0\` alone peaks at ${base.rssMb.toFixed(1)} MB (${(base.rssMb / plx.rssMb).toFixed(2)}× Polyaxon); validating adds ${(ours.rssMb - base.rssMb).toFixed(1)} MB`,
      },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
