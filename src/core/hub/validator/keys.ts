// Key spellings. Polyaxon's pydantic models use `populate_by_name` (clipped compact/pydantic.py): a
// nested key may be the camelCase alias or the snake_case field name. "Did you mean" suggestions use
// an edit distance over the allowed keys.

/** `hostPID` → `host_pid`, `maxRetries` → `max_retries`, `rewritePath` → `rewrite_path`. */
const snakeCache = new Map<string, string>();
export function toSnake(s: string): string {
  let r = snakeCache.get(s);
  if (r === undefined) {
    r = convertSnake(s);
    if (snakeCache.size < 10000) snakeCache.set(s, r);
  }
  return r;
}

function convertSnake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * clipped's to_snake_case, exactly (the two regexes in its order): Polyaxon applies it to each key of a
 * Kubernetes object before building the client's model, so `Command`, `WorkingDir`, `COMMAND` and
 * `working_dir` all reach V1Container as `command`/`working_dir`.
 */
export function pySnake(s: string): string {
  return s
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** `max_retries` → `maxRetries`. */
export function toCamel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Common mistakes that edit distance would not find. */
const SYNONYMS: Record<string, string> = {
  default: 'value',
  defaultValue: 'value',
  optional: 'isOptional',
  required: 'isOptional',
  flag: 'isFlag',
  list: 'isList',
  desc: 'description',
  image: 'container',
  cmd: 'container',
  command: 'container',
  args: 'container',
  env: 'environment',
  ref: 'hubRef',
};

export function suggest(key: string, allowed: Iterable<string>): string | undefined {
  const list = [...allowed];
  const syn = SYNONYMS[key];
  if (syn && list.includes(syn)) return syn;
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of list) {
    const kl = k.toLowerCase().replace(/[-_]/g, '');
    if (kl === lower) return k;
    const d = editDistance(lower, kl, 2);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = key.length <= 4 ? 1 : 2;
  return bestD <= limit ? best : undefined;
}

export function quoteList(keys: Iterable<string>): string {
  return [...keys].map(k => `\`${k}\``).join(', ');
}
