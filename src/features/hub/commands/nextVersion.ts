/**
 * The version name the publish box offers (its placeholder, taken when the box is left empty): the newest
 * version's trailing number plus one (`v2` → `v3`, `1.0.2` → `1.0.3`), else `v1`; never a name in use.
 */
export function nextVersionName(newestFirst: readonly string[]): string {
  const taken = new Set(newestFirst);
  const numbered = newestFirst.map(name => /^(.*?)(\d+)$/.exec(name)).find(m => m !== null);
  const [prefix, start] = numbered ? [numbered[1], Number(numbered[2]) + 1] : ['v', 1];
  let n = start;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
