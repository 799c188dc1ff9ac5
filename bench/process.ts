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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

interface Measure {
  ms: number;
  medianMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** One timed run of a whole process. */
type Run = () => { ms: number; status: number | null; stdout: string; stderr: string };

/** `node ARGS` as a user starts it: nothing preloaded, so the wall time is the command's own. */
function nodeRun(args: string[], env: Record<string, string> = {}): Run {
  return () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}

/** Peak RSS of `node ARGS` in MB (median of 5), from bench/rss-hook.ts preloaded into runs apart from the timed ones. */
function nodeRssMb(args: string[], root: string, tmp: string): number {
  const hook = path.join(root, 'out', 'bench', 'rss-hook.js');
  const rssFile = path.join(tmp, 'rss.txt');
  const rss: number[] = [];
  for (let i = 0; i < 5; i++) {
    spawnSync(process.execPath, ['--require', hook, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8' });
    rss.push(Number(fs.readFileSync(rssFile, 'utf8')) / 1024);
  }
  return median(rss);
}

/**
 * Runs each of `runs` `perRound` times per round, the rounds one after the other, after `warm` untimed rounds (the
 * file cache; the CLI's code cache, as a user's first run writes it). Interleaved, every command meets the same
 * moments of a shared machine's load, so one busy second cannot favour one side of a ratio.
 */
function interleave(rounds: number, warm: number, runs: { run: Run; perRound: number }[]): Measure[] {
  const seen = runs.map(() => [] as ReturnType<Run>[]);
  for (let round = 0; round < warm + rounds; round++) {
    runs.forEach(({ run, perRound }, i) => {
      for (let k = 0; k < perRound; k++) {
        const r = run();
        if (round >= warm) seen[i].push(r);
      }
    });
  }
  // other processes only add time: the fastest run is the best estimate on a shared machine
  return seen.map(rs => {
    const last = rs[rs.length - 1];
    return {
      ms: Math.min(...rs.map(r => r.ms)),
      medianMs: median(rs.map(r => r.ms)),
      status: last.status,
      stdout: String(last.stdout ?? ''),
      stderr: String(last.stderr ?? ''),
    };
  });
}

/** `polyaxon check -f FILE --lint` as a user runs it (the venv of `bash scripts/setup-python`). */
function polyaxonRun(root: string, file: string): { run: Run; rssMb: () => number } {
  const bin = path.join(root, '.cache', 'py', 'polyaxon', 'bin');
  if (!fs.existsSync(path.join(bin, 'polyaxon'))) {
    throw new Error('Polyaxon is not installed: run `bash scripts/setup-python` (it installs polyaxon 2.16.4 into .cache/py/polyaxon)');
  }
  const args = ['check', '-f', file, '--lint'];
  const run: Run = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(path.join(bin, 'polyaxon'), args, { encoding: 'utf8' });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  // peak RSS: ru_maxrss of the child, via Python
  const rssMb = () => {
    const r = spawnSync(
      path.join(bin, 'python'),
      [
        '-c',
        'import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
        path.join(bin, 'polyaxon'),
        ...args,
      ],
      { encoding: 'utf8' },
    );
    return Number(r.stdout.trim()) / 1024;
  };
  return { run, rssMb };
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
    // per round: 3 of each of ours, 1 Polyaxon (2–3 s each); 5 rounds, after one to warm the caches
    const rounds = 5;
    const runs = 3 * rounds;
    const polyaxon = polyaxonRun(opts.root, file.path);
    const [base, ours, uncached, plxTimes] = interleave(rounds, 1, [
      { run: nodeRun(['-e', '0']), perRound: 3 },
      { run: nodeRun([target.script, ...target.args]), perRound: 3 },
      { run: nodeRun([target.script, ...target.args], { POLYAXON_HUB_COMPILE_CACHE: '0' }), perRound: 3 },
      { run: polyaxon.run, perRound: 1 },
    ]);
    if (ours.status !== 0 && ours.status !== 1) throw new Error(`${target.label} exited ${ours.status}: ${ours.stderr.slice(0, 300)}`);
    const plx = { ms: plxTimes.ms, rssMb: polyaxon.rssMb(), status: plxTimes.status, out: plxTimes.stdout + plxTimes.stderr };
    const baseRss = nodeRssMb(['-e', '0'], opts.root, tmp);
    const oursRss = nodeRssMb([target.script, ...target.args], opts.root, tmp);
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
        name: `${target.label}: peak RSS (median of 5)`,
        value: oursRss,
        baseline: baseRss,
        baselineName: 'node -e 0',
        unit: 'MB',
      },
      {
        id: 'cli_validate_vs_polyaxon',
        name: `${target.label} vs \`polyaxon check -f FILE --lint\`: wall time (fastest of ${runs} vs ${rounds}, interleaved)`,
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
        value: oursRss,
        baseline: plx.rssMb,
        baselineName: 'polyaxon check --lint, same run',
        unit: 'MB',
        note: `\`node -e 0\` alone peaks at ${baseRss.toFixed(1)} MB (${(baseRss / plx.rssMb).toFixed(2)}× Polyaxon); validating adds ${(oursRss - baseRss).toFixed(1)} MB`,
      },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
