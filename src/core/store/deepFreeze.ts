// Records shared between readers are frozen all the way down: a reader that tried to change them would throw
// (modules are strict) instead of silently changing what every later reader sees.

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) pending.push(child);
  }
  return value;
}
