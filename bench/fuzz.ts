// Deterministic mutations of corpus files for the fuzz test and the bench: a seeded PRNG picks lines
// to delete, duplicate, swap or re-indent, scalars to flip, keys and characters to insert, and where to
// truncate. Same seed, same inputs, on every machine.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function corpusDir(): string {
  return process.env.POLYAXON_CORPUS ?? path.resolve(process.cwd(), '../shared/corpus');
}

/** Every YAML file of corpus/components and corpus/operations, in a stable order. */
export function corpusFiles(): { name: string; path: string; text: string }[] {
  const out: { name: string; path: string; text: string }[] = [];
  for (const dir of ['components', 'operations']) {
    const base = path.join(corpusDir(), dir);
    for (const f of fs.readdirSync(base).sort()) {
      if (!/\.ya?ml$/.test(f)) continue;
      const p = path.join(base, f);
      out.push({ name: `${dir}/${f}`, path: p, text: fs.readFileSync(p, 'utf8') });
    }
  }
  return out;
}

const KEYS = [
  'version',
  'kind',
  'name',
  'run',
  'inputs',
  'outputs',
  'container',
  'value',
  'type',
  'isOptional',
  'isFlag',
  'matrix',
  'params',
  'hubRef',
  'pathRef',
  'component',
  'operations',
  'dagRef',
  'ports',
  'default',
  'is_approved',
  'environment',
  'validation',
  'schedule',
  'joins',
  '<<',
  'x',
  'kind: dag',
  'kind: service',
];
const SCALARS = [
  'true',
  'false',
  'null',
  '~',
  '0',
  '-1',
  '1.1',
  '1e309',
  '"{{ x }}"',
  "'",
  '"',
  '[]',
  '{}',
  '*a',
  '&a x',
  '!!binary x',
  '0:10:1',
  'List[int]',
  'Dict[str, List[float]]',
  'component',
  'operation',
  'job',
  'yes',
  '.nan',
  '2020-01-01',
];
const CHARS = [':', '-', ' ', '\t', '#', '[', ']', '{', '}', ',', '|', '>', '&', '*', '!', '%', '@', '`', '"', "'", '?', '\n', '\u00e9', '\u0000'];

export const MUTATIONS = ['delete', 'duplicate', 'swap', 'indent', 'flip', 'insertKey', 'insertChar', 'truncate'] as const;

/** One mutated copy of `text`: 1–3 mutations chosen by `rnd`. */
export function mutate(text: string, rnd: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  let lines = text.split('\n');
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rnd() * Math.max(1, lines.length));
    switch (pick(MUTATIONS)) {
      case 'delete':
        lines.splice(at, 1 + Math.floor(rnd() * 3));
        break;
      case 'duplicate':
        lines.splice(at, 0, ...lines.slice(at, at + 1 + Math.floor(rnd() * 4)));
        break;
      case 'swap': {
        const b = Math.floor(rnd() * lines.length);
        [lines[at], lines[b]] = [lines[b], lines[at]];
        break;
      }
      case 'indent': {
        const d = pick([-4, -2, -1, 1, 2, 4]);
        const l = lines[at] ?? '';
        lines[at] = d > 0 ? ' '.repeat(d) + l : l.slice(Math.min(-d, l.length - l.trimStart().length));
        break;
      }
      case 'flip': {
        const l = lines[at] ?? '';
        const m = /^(\s*(?:-\s+)?[^:#]+:\s*)(.+)$/.exec(l);
        lines[at] = m ? m[1] + pick(SCALARS) : `${l} ${pick(SCALARS)}`;
        break;
      }
      case 'insertKey': {
        const indent = (lines[at] ?? '').length - (lines[at] ?? '').trimStart().length;
        lines.splice(at, 0, `${' '.repeat(indent)}${pick(KEYS)}: ${pick(SCALARS)}`);
        break;
      }
      case 'insertChar': {
        const l = lines[at] ?? '';
        const c = Math.floor(rnd() * (l.length + 1));
        lines[at] = l.slice(0, c) + pick(CHARS) + l.slice(c);
        break;
      }
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, Math.floor(rnd() * joined.length)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

/** `count` fuzzed inputs from the corpus, deterministic for a seed. */
export function* fuzzInputs(count: number, seed = 20260101): Generator<{ source: string; text: string }> {
  const files = corpusFiles();
  const rnd = prng(seed);
  for (let i = 0; i < count; i++) {
    const f = files[i % files.length];
    yield { source: f.name, text: mutate(f.text, rnd) };
  }
}
