// `npm run bench`: builds what it needs, runs every bench module, prints a table and writes
// bench/results.json. Each row is a figure beside a baseline measured in the same run.
//
// Adding a row: put `bench/<name>.ts` (or .mjs) exporting `bench()` or a default function that returns
// a row {id, name, value, baseline, unit, baselineName?, goal?: {max?, maxRatio?}, note?} (see row.ts),
// an array of rows, or a promise of either. It is picked up automatically; HELPERS are not rows.
// `npm run bench -- --only tree-children` runs one module and keeps the other rows of results.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(ROOT, 'out', 'bench');
const HELPERS = new Set(['run.mjs', 'row.ts', 'fuzz.ts', 'peakRss.ts', 'validate-file.ts', 'activation-host.ts', 'rss-hook.ts']);
/** helpers that are entry points of their own (run in another process or in the extension host) */
const HELPER_ENTRIES = ['validate-file.ts', 'activation-host.ts', 'rss-hook.ts'];
const require = createRequire(import.meta.url);

process.chdir(ROOT);
fs.mkdirSync(OUT, { recursive: true });

// 1. the product build as it ships (`vscode:prepublish`: minified, no source maps): dist/cli.js is what a user
// runs, dist/extension.js what the extension host loads; a failure is reported, not fatal
const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(`note: \`node esbuild.mjs --production\` failed (${build.status}); using the existing dist/ if any.\n${build.stderr.slice(0, 500)}`);
}

// 2. bench modules and the stand-in validate script, bundled like the product (CJS, node)
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const modules = fs
  .readdirSync(HERE)
  .filter(f => /\.(ts|mjs|js)$/.test(f) && !f.endsWith('.d.ts') && !HELPERS.has(f))
  .filter(f => !only || f.replace(/\.(ts|mjs|js)$/, '') === only)
  .sort();
const tsEntries = [...modules.filter(f => f.endsWith('.ts')), ...HELPER_ENTRIES].map(f => path.join(HERE, f));
await esbuild.build({
  entryPoints: tsEntries,
  outdir: OUT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  // vscode exists only in the extension host; esbuild and playwright-core find their own binaries next to their code
  external: ['vscode', 'esbuild', 'playwright-core'],
  // scripts/lib/polyaxon-server.mjs falls back to the cwd (the root) when bundled without import.meta
  logOverride: { 'empty-import-meta': 'silent' },
});

const context = { root: ROOT, fallbackScript: path.join(OUT, 'validate-file.js') };
const rows = [];
for (const f of modules) {
  const mod = f.endsWith('.ts') ? require(path.join(OUT, f.replace(/\.ts$/, '.js'))) : await import(pathToFileURL(path.join(HERE, f)).href);
  const fn =
    typeof mod.bench === 'function' ? mod.bench : typeof mod.default === 'function' ? mod.default : Object.values(mod).find(v => typeof v === 'function');
  if (!fn) {
    console.error(`note: bench/${f} exports no function; skipped`);
    continue;
  }
  process.stderr.write(`running bench/${f}…\n`);
  try {
    const out = await fn(context);
    for (const r of Array.isArray(out) ? out : [out]) {
      if (!r.id) throw new Error(`bench/${f}: row "${r.name}" has no id`);
      rows.push({ module: f, ...r });
    }
  } catch (err) {
    const id = `${f.replace(/\.(ts|mjs|js)$/, '').replace(/-/g, '_')}_failed`;
    rows.push({ module: f, id, name: `bench/${f} failed`, value: NaN, baseline: NaN, unit: '', note: String(err?.stack ?? err) });
  }
}

// 3. table + results.json
const fmt = (n, unit) => (Number.isFinite(n) ? `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3)} ${unit}` : '—');
const table = rows.map(r => {
  const ratio = r.value / r.baseline;
  const checks = [];
  if (r.goal?.max !== undefined) checks.push(r.value <= r.goal.max);
  if (r.goal?.maxRatio !== undefined) checks.push(ratio <= r.goal.maxRatio);
  const goal = r.goal
    ? [r.goal.max !== undefined ? `≤ ${r.goal.max} ${r.unit}` : '', r.goal.maxRatio !== undefined ? `ratio ≤ ${r.goal.maxRatio}` : '']
        .filter(Boolean)
        .join(', ')
    : '';
  return { ...r, ratio, pass: checks.length ? checks.every(Boolean) : undefined, goalText: goal };
});
const cols = [
  ['id', r => r.id],
  ['value', r => fmt(r.value, r.unit)],
  ['baseline', r => `${fmt(r.baseline, r.unit)}${r.baselineName ? ` (${r.baselineName})` : ''}`],
  ['ratio', r => (Number.isFinite(r.ratio) ? `${r.ratio.toFixed(r.ratio < 0.1 ? 3 : 2)}×` : '—')],
  ['goal', r => r.goalText],
  ['', r => (r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL')],
];
const widths = cols.map(([h, get]) => Math.max(h.length, ...table.map(r => String(get(r)).length)));
const line = cells =>
  cells
    .map((c, i) => String(c).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(line(cols.map(c => c[0])));
console.log(line(widths.map(w => '-'.repeat(w))));
for (const r of table) console.log(line(cols.map(([, get]) => get(r))));
for (const r of table) console.log(`${r.id}: ${r.name}${r.baselineName ? `; baseline: ${r.baselineName}` : ''}${r.note ? `\n    ${r.note}` : ''}`);

// {id, value, baseline, ratio, unit, goal} first, then whether it passed and the words
const measured = table.map(({ goalText: _g, id, value, baseline, ratio, unit, goal, ...r }) => ({
  id,
  value,
  baseline,
  ratio,
  unit,
  goal: goal ?? null,
  ...r,
}));
let kept = [];
if (only) {
  try {
    kept = JSON.parse(fs.readFileSync(path.join(HERE, 'results.json'), 'utf8')).rows.filter(
      r => !modules.includes(r.module) && !measured.some(m => m.id === r.id),
    );
  } catch {
    kept = [];
  }
}
const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
  rows: [...kept, ...measured],
};
fs.writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results.json`);
