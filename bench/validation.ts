// Bench rows for the validator:
// (a) validating one corpus file vs a bare `yaml.parseDocument` of the same file, in CPU time of this
//     process (`process.cpuUsage`): on a shared machine other processes stretch wall time but hardly
//     our CPU time. Each round parses, then validates, the whole corpus 3 times (order alternating),
//     after a warm-up; figures are medians over rounds. Wall-clock figures are in the note.
// (b) the slowest of 10,000 fuzzed inputs. Every input is timed once; the 25 slowest are timed again
//     5 times and keep their fastest time, so a GC pause or a busy CPU is not mistaken for a slow
//     input. The baseline is a bare parse of that same input, timed the same way.
import { parseDocument } from 'yaml';
import { validatePolyaxonYaml } from '../src/core/hub/validator';
import { corpusFiles, fuzzInputs } from './fuzz';
import type { Row } from './row';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const min = (xs: number[]) => Math.min(...xs);
const gc = (globalThis as { gc?: () => void }).gc;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function bench(): Row[] {
  const texts = corpusFiles().map(f => f.text);
  const PASSES = 3;
  const block = (fn: (x: string) => unknown) => {
    gc?.(); // each block starts with no garbage left by the other
    const c = cpu();
    const w = now();
    for (let k = 0; k < PASSES; k++) for (const x of texts) fn(x);
    return { cpu: (cpu() - c) / (PASSES * texts.length), wall: (now() - w) / (PASSES * texts.length) };
  };
  const parse = () => block(x => parseDocument(x));
  const validate = () => block(x => validatePolyaxonYaml(x));
  for (let i = 0; i < 5; i++) {
    parse();
    validate();
  }
  const rounds = 21;
  const p: { cpu: number; wall: number }[] = [];
  const v: { cpu: number; wall: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2) {
      p.push(parse());
      v.push(validate());
    } else {
      v.push(validate());
      p.push(parse());
    }
  }
  const ratios = v.map((x, i) => x.cpu / p[i].cpu);

  const inputs = [...fuzzInputs(10_000)];
  const once = inputs.map((input, i) => {
    const t = now();
    validatePolyaxonYaml(input.text);
    return { i, ms: now() - t };
  });
  const rawMax = Math.max(...once.map(o => o.ms));
  const best = (fn: () => unknown) => {
    let m = Infinity;
    for (let k = 0; k < 5; k++) {
      const t = now();
      fn();
      m = Math.min(m, now() - t);
    }
    return m;
  };
  const candidates = once
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 25)
    .map(o => ({
      i: o.i,
      ms: best(() => validatePolyaxonYaml(inputs[o.i].text)),
      parse: best(() => parseDocument(inputs[o.i].text)),
    }));
  const slowest = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));

  return [
    {
      id: 'validate_per_file',
      name: `validate one corpus file, CPU time (median of ${rounds} rounds × ${PASSES} × ${texts.length} files)`,
      value: median(v.map(x => x.cpu)),
      baseline: median(p.map(x => x.cpu)),
      baselineName: 'bare yaml.parseDocument',
      unit: 'ms',
      goal: { maxRatio: 1.5 },
      note: `median of per-round ratios ${median(ratios).toFixed(2)}×; wall clock, fastest round: ${min(v.map(x => x.wall)).toFixed(3)} ms vs ${min(p.map(x => x.wall)).toFixed(3)} ms (${(min(v.map(x => x.wall)) / min(p.map(x => x.wall))).toFixed(2)}×)`,
    },
    {
      id: 'validate_fuzz_slowest',
      name: 'slowest of 10,000 fuzzed inputs (fastest of 5 repeats)',
      value: slowest.ms,
      baseline: slowest.parse,
      baselineName: 'bare parseDocument of that input',
      unit: 'ms',
      goal: { max: 100 },
      note: `input #${slowest.i}, mutated ${inputs[slowest.i].source} (${inputs[slowest.i].text.length} bytes); single-shot maximum over all inputs, noise included: ${rawMax.toFixed(1)} ms`,
    },
  ];
}
