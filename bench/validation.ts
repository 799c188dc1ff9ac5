// Bench rows for the validator:
// (a) validating one corpus file vs a bare `yaml.parseDocument` of the same file. Each round parses
//     and validates the whole corpus back to back (order alternating), after a warm-up. Noise from
//     other processes only ever adds time, so the figures are the fastest round of each (the best
//     estimate of the true cost on a shared machine); the median of per-round ratios is in the note.
// (b) the slowest of 10,000 fuzzed inputs. Every input is timed once; the 25 slowest are timed again
//     5 times and keep their fastest time, so a GC pause or a busy CPU is not mistaken for a slow
//     input. The baseline is a bare parse of that same input, timed the same way.
import { parseDocument } from 'yaml';
import { validatePolyaxonYaml } from '../src/core/hub/validator';
import { corpusFiles, fuzzInputs } from './fuzz';
import type { Row } from './row';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const min = (xs: number[]) => Math.min(...xs);
const gc = (globalThis as { gc?: () => void }).gc;

export function bench(): Row[] {
  const texts = corpusFiles().map(f => f.text);
  const parse = () => { const t = now(); for (const x of texts) parseDocument(x); return (now() - t) / texts.length; };
  const validate = () => { const t = now(); for (const x of texts) validatePolyaxonYaml(x); return (now() - t) / texts.length; };
  for (let i = 0; i < 15; i++) { parse(); validate(); }
  const rounds = 41;
  const p: number[] = [];
  const v: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    gc?.();
    let a: number, b: number;
    if (i % 2) { a = parse(); b = validate(); } else { b = validate(); a = parse(); }
    p.push(a); v.push(b); ratios.push(b / a);
  }

  const inputs = [...fuzzInputs(10_000)];
  const once = inputs.map((input, i) => { const t = now(); validatePolyaxonYaml(input.text); return { i, ms: now() - t }; });
  const rawMax = Math.max(...once.map(o => o.ms));
  const best = (fn: () => unknown) => { let m = Infinity; for (let k = 0; k < 5; k++) { const t = now(); fn(); m = Math.min(m, now() - t); } return m; };
  const candidates = once.sort((a, b) => b.ms - a.ms).slice(0, 25).map(o => ({
    i: o.i, ms: best(() => validatePolyaxonYaml(inputs[o.i].text)), parse: best(() => parseDocument(inputs[o.i].text)),
  }));
  const slowest = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));

  return [
    {
      name: `validate one corpus file (fastest of ${rounds} rounds × ${texts.length} files)`,
      value: min(v), baseline: min(p), baselineName: 'bare yaml.parseDocument', unit: 'ms',
      goal: { maxRatio: 1.5 },
      note: `median of per-round ratios ${median(ratios).toFixed(2)}×; medians ${median(v).toFixed(3)} ms vs ${median(p).toFixed(3)} ms`,
    },
    {
      name: 'slowest of 10,000 fuzzed inputs (fastest of 5 repeats)',
      value: slowest.ms, baseline: slowest.parse, baselineName: 'bare parseDocument of that input', unit: 'ms',
      goal: { max: 100 },
      note: `input #${slowest.i}, mutated ${inputs[slowest.i].source} (${inputs[slowest.i].text.length} bytes); single-shot maximum over all inputs, noise included: ${rawMax.toFixed(1)} ms`,
    },
  ];
}
