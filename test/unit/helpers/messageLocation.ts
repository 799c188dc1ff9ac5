// Where Polyaxon's message says the problem is, and whether one of our problem paths points there
// (issue 11, part 5: "our first error points at the key Polyaxon's message names").
//   "2 validation errors for V1Component | run.job.container.args | Input should be a valid list" → args
//   "Unexpected section `environment` in Polyaxonfile version `1.1`…"                               → environment
//   "IO `lr` is not optional and has default value …"                                                → lr

/** Parts of a pydantic location that are not keys of the file: union branches, discriminators, indices. */
const NOT_A_KEY =
  /^(\d+|list\[.*|dict\[.*|str|int|float|bool|none|function-.*|constrained-.*|tagged-union\[.*|json-or-python\[.*|union\[.*|lax-or-strict\[.*|chain\[.*|literal\[.*|V1\w+|is-instance\[.*|\[key\])$/i;
const RUN_KINDS = new Set(['job', 'service', 'dag', 'mpijob', 'pytorchjob', 'tfjob', 'daskcluster', 'raycluster', 'notifier', 'cleaner', 'tuner']);

const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

/** The key Polyaxon's message names, or undefined when it names none. */
export function messageLocation(message: string): string | undefined {
  const parts = message.split(' | ');
  if (parts.length >= 3 && /validation errors? for/.test(parts[0])) {
    const loc = parts[1].split('.');
    const keys = loc.filter((k, i) => !NOT_A_KEY.test(k) && !(RUN_KINDS.has(k) && loc[i - 1] === 'run'));
    return keys.length ? keys[keys.length - 1] : undefined;
  }
  const m = /^(?:Unexpected section|IO|IO type|The Polyaxonfile) `([^`]+)`/.exec(message);
  return m ? m[1] : undefined;
}

/** True when our path names that key (any spelling: camelCase, snake_case). */
export function pointsAt(path: (string | number)[], key: string): boolean {
  const k = norm(key);
  return path.some(p => typeof p === 'string' && norm(p) === k);
}
