// Differential tests against the real Python peers (issue 11): Polyaxon's own `check --lint` judges
// ≥ 10,000 realistic edits of every corpus component and operation, and PyYAML's safe_load judges the
// YAML layer on the same inputs. Any valid/invalid disagreement (and any difference in the loaded data)
// fails and is shown reduced to the fewest edits, as a line diff with both messages. Seeded: the same
// mutants on every machine.
// Needs the polyaxon venv (`bash scripts/setup-python`; `npm test`'s setup layer runs it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validatePolyaxonYaml, type ValidationResult } from '../../src/core/hub/validator';
import { parsePyYaml, pyyamlData, PyDate, PyFloat } from '../../src/core/hub/validator/pyyaml';
import { corpusFiles } from '../../bench/fuzz';
import { applyEdits, fileInfo, lineDiff, mutants, type Mutant } from './helpers/mutants';
import { judgeAndLoad, judgeFiles, polyaxonPython, type Judgement, type PyYamlResult, type Verdict } from './helpers/polyaxonJudge';
import { messageLocation, pointsAt } from './helpers/messageLocation';

const COUNT = Number(process.env.FIDELITY_MUTANTS ?? 10_000);
const SEED = Number(process.env.FIDELITY_SEED ?? 20261201);
const ours = (r: ValidationResult): Verdict =>
  r.valid ? 'valid' : r.problems.some(p => p.severity === 'error' && p.code === 'yaml-syntax') ? 'yaml_error' : 'invalid';
const firstError = (r: ValidationResult) => r.problems.find(p => p.severity === 'error');

describe('validator vs Polyaxon and PyYAML: differential fuzz', function () {
  this.timeout(900_000);
  let dir: string;
  const inputs: { name: string; text: string; mutant?: Mutant; file: string }[] = [];
  let judged: { judgement: Judgement; pyyaml: PyYamlResult }[] = [];

  before(function () {
    polyaxonPython(); // a clear message when setup-python was not run
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-fidelity-'));
    const corpus = corpusFiles();
    for (const f of corpus) inputs.push({ name: f.name, text: f.text, file: f.path });
    mutants(corpus, COUNT, SEED).forEach((m, i) => {
      const file = path.join(dir, `m${i}.yaml`);
      fs.writeFileSync(file, m.text);
      inputs.push({ name: `mutant ${i} of ${m.source}`, text: m.text, mutant: m, file });
    });
    const t0 = Date.now();
    judged = judgeAndLoad(inputs.map(i => i.file));
    console.log(`      Polyaxon + PyYAML judged ${inputs.length} inputs (${COUNT} mutants) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`agrees with \`polyaxon check --lint\` on valid vs not valid for every mutant`, () => {
    const mutantIdx = inputs.map((_x, i) => i).filter(i => inputs[i].mutant);
    assert.ok(mutantIdx.length >= COUNT, `${mutantIdx.length} mutants`);
    let twoWay = 0,
      exact = 0,
      locJudged = 0,
      locHit = 0;
    const verdicts: Record<string, number> = {};
    const bad: number[] = [];
    for (const i of mutantIdx) {
      const { judgement } = judged[i];
      const r = validatePolyaxonYaml(inputs[i].text);
      const v = ours(r);
      verdicts[judgement.verdict] = (verdicts[judgement.verdict] ?? 0) + 1;
      if ((v === 'valid') === (judgement.verdict === 'valid')) twoWay++;
      else bad.push(i);
      if (v === judgement.verdict) exact++;
      if (judgement.verdict === 'invalid' && v === 'invalid') {
        const loc = messageLocation(judgement.message);
        if (loc) {
          locJudged++;
          if (pointsAt(firstError(r)?.path ?? [], loc)) locHit++;
        }
      }
    }
    const n = mutantIdx.length;
    const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)}%`;
    console.log(
      `      ${n} mutants (Polyaxon: ${Object.entries(verdicts)
        .map(([k, c]) => `${c} ${k}`)
        .join(', ')}); agreement valid/not valid ${twoWay}/${n} = ${pct(twoWay, n)}; exact verdict ${exact}/${n} = ${pct(exact, n)}`,
    );
    console.log(
      `      message location: our first error is at the key Polyaxon names in ${locHit}/${locJudged} = ${pct(locHit, locJudged)} of the rejections both make`,
    );
    if (bad.length) {
      const classes = new Map<string, number>();
      for (const i of bad) {
        const r = validatePolyaxonYaml(inputs[i].text);
        const key = `Polyaxon ${judged[i].judgement.verdict}, ours ${ours(r)}: ${firstError(r)?.code ?? judged[i].judgement.message.replace(/`[^`]*`/g, '`…`').slice(0, 90)}`;
        classes.set(key, (classes.get(key) ?? 0) + 1);
      }
      const summary = [...classes]
        .sort((a, b) => b[1] - a[1])
        .map(([k, c]) => `  ${String(c).padStart(5)}  ${k}`)
        .join('\n');
      assert.fail(
        `${bad.length} disagreements with Polyaxon, by class:\n${summary}\n\nThe first ones, reduced:\n\n${explain(bad.slice(0, Number(process.env.FIDELITY_SHOW ?? 12)))}`,
      );
    }
  });

  it('loads every corpus file and mutant to the same data as PyYAML safe_load', () => {
    const bad: string[] = [];
    let same = 0;
    for (let i = 0; i < inputs.length; i++) {
      const py = judged[i].pyyaml;
      const { doc, errors } = parsePyYaml(inputs[i].text);
      const ok = errors.length === 0;
      let why = '';
      if (ok !== py.ok) {
        why = ok
          ? `PyYAML refuses it (${py.ok ? '' : `${py.error}: ${py.message}`}); we load it`
          : `PyYAML loads it; we refuse it: ${errors[0].code} (${errors[0].yamlCode ?? 'scan'}) ${errors[0].message}`;
      } else if (ok && py.ok) {
        const a = JSON.stringify(tagged(pyyamlData(doc)));
        const b = JSON.stringify(py.data);
        if (a !== b) why = `data differs:\n  ours:   ${firstDifference(a, b).a}\n  PyYAML: ${firstDifference(a, b).b}`;
      }
      if (why) bad.push(`${inputs[i].name}: ${why}${inputs[i].mutant ? `\n${indent(reduceText(inputs[i]))}` : ''}`);
      else same++;
    }
    console.log(`      YAML layer: ${same}/${inputs.length} inputs load the same as PyYAML (${inputs.length - COUNT} corpus files, ${COUNT} mutants)`);
    if (bad.length) assert.fail(`${bad.length} inputs differ from PyYAML; the first ones:\n\n${bad.slice(0, 12).join('\n\n')}`);
  });

  /** Each disagreement reduced to the fewest of its edits that still disagree (one more judge batch). */
  function explain(idx: number[]): string {
    const corpus = new Map(corpusFiles().map(f => [f.name, f.text]));
    const candidates: { at: number; text: string }[] = [];
    for (const i of idx) {
      const m = inputs[i].mutant as Mutant;
      const src = corpus.get(m.source) as string;
      for (let k = 0; k < m.edits.length && m.edits.length > 1; k++) {
        candidates.push({ at: i, text: applyEdits(src, [m.edits[k]], fileInfo(m.source, src)) });
      }
    }
    const files = candidates.map((c, j) => {
      const f = path.join(dir, `reduce${j}.yaml`);
      fs.writeFileSync(f, c.text);
      return f;
    });
    const verdicts = files.length ? judgeFiles(files) : [];
    return idx
      .map(i => {
        const m = inputs[i].mutant as Mutant;
        let text = inputs[i].text;
        let judgement = judged[i].judgement;
        candidates.forEach((c, j) => {
          if (c.at !== i) return;
          const r = validatePolyaxonYaml(c.text);
          if ((ours(r) === 'valid') !== (verdicts[j].verdict === 'valid') && c.text.length <= text.length) {
            text = c.text;
            judgement = verdicts[j];
          }
        });
        const r = validatePolyaxonYaml(text);
        const e = firstError(r);
        return [
          `${inputs[i].name} (edits: ${m.edits.map(x => x.kind).join(', ')})`,
          indent(lineDiff(corpus.get(m.source) as string, text)),
          `  Polyaxon: ${judgement.verdict}${judgement.message ? ` — ${judgement.message.slice(0, 300)}` : ''}`,
          `  ours:     ${ours(r)}${e ? ` — ${e.code}: ${e.message} (line ${e.range.start.line + 1})` : r.problems.length ? ` (warnings: ${r.problems.map(p => p.code).join(', ')})` : ''}`,
        ].join('\n');
      })
      .join('\n\n');
  }

  function reduceText(input: { mutant?: Mutant; text: string }): string {
    const m = input.mutant as Mutant;
    const src = corpusFiles().find(f => f.name === m.source)?.text ?? '';
    return lineDiff(src, input.text);
  }
});

const indent = (s: string) =>
  s
    .split('\n')
    .map(l => `    ${l}`)
    .join('\n');

function firstDifference(a: string, b: string): { a: string; b: string } {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  return { a: a.slice(from, i + 80), b: b.slice(from, i + 80) };
}

/** Our data in polyaxon_judge.py's tagged JSON form. */
function tagged(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $float: 'nan' };
    if (!Number.isFinite(v)) return { $float: v > 0 ? 'inf' : '-inf' };
    return Number.isInteger(v) ? { $int: String(v) } : { $float: pyRepr(v) };
  }
  if (v instanceof PyFloat) return Number.isFinite(v.value) ? { $float: pyRepr(v.value) } : tagged(v.value);
  if (v instanceof PyDate) return { $date: v.toISOString().slice(0, 10) };
  if (v instanceof Date) return { $datetime: v.toISOString().slice(0, 23) };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(tagged);
  if (v instanceof Set) return { $set: [...v].map(String).sort() };
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [tagged(k), tagged(x)]) };
  return { $other: typeof v };
}

/** Python's repr of a float. */
function pyRepr(v: number): string {
  if (Number.isInteger(v)) return Math.abs(v) < 1e16 ? `${v}.0` : String(v).replace('e+', 'e+');
  const s = String(v);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
