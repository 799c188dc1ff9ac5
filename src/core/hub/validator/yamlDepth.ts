// How deeply a YAML text nests, found by one linear scan before it is parsed: the YAML parser and the
// validator walk recursively, and a file nested thousands of levels deep (hostile or broken) would end in
// "Maximum call stack size exceeded". Block nesting is counted by indentation (each `- ` of a compact
// sequence is a level too), flow nesting by brackets outside quotes; block scalars (`|`, `>`) are skipped.
import type { Problem } from './problems';

/** Polyaxon files nest a few dozen levels at most (a DAG of inline components); parsers overflow near 800. */
export const MAX_YAML_DEPTH = 200;

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][-+1-9]*\s*(?:#.*)?$/;

/**
 * A bound on the depth the scan below can find: each line opens at most one block level plus one per `- `, and
 * each `[`/`{` one flow level. Most files are far below the limit, and counting is much cheaper than the scan.
 */
function depthBound(text: string): number {
  let bound = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 45 || c === 91 || c === 123) bound++; // \n - [ {
  }
  return bound;
}

/** The first line (0-based) where the nesting passes `limit`, with the depth there; undefined when it never does. */
function findDeepNesting(text: string, limit = MAX_YAML_DEPTH): { line: number; depth: number } | undefined {
  if (depthBound(text) <= limit) return undefined;
  const lines = text.split('\n');
  const columns: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarIndent = -1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    if (blockScalarIndent >= 0) {
      if (!rest.trim() || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (flow === 0 && quote === undefined) {
      if (!rest.trim() || rest.startsWith('#')) continue;
      while (columns.length && columns[columns.length - 1] >= indent) columns.pop();
      columns.push(indent);
      // `- - - x`: each dash opens one more level
      for (let i = 0; rest.startsWith('- ', i) || (rest[i] === '-' && i === rest.length - 1); i += 2) columns.push(indent + i + 2);
    }
    // flow collections: brackets outside quotes; in block context only where a value starts
    for (let i = flow || quote ? 0 : indent; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if (c === '"' || c === "'" || c === '[' || c === '{') {
        // only these open something, and only where a value starts (asked of them alone: most characters are neither)
        if (flow > 0 || i === 0 || /[\s,[{]/.test(line[i - 1])) {
          if (c === '"' || c === "'") quote = c;
          else flow++;
        }
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      if (columns.length + flow > limit) return { line: n, depth: columns.length + flow };
    }
    if (columns.length + flow > limit) return { line: n, depth: columns.length + flow };
    if (flow === 0 && quote === undefined && BLOCK_SCALAR.test(rest)) blockScalarIndent = indent;
  }
  return undefined;
}

/** The problem to report instead of parsing a text that nests deeper than `limit`, or undefined. */
export function deepNestingProblem(text: string, limit = MAX_YAML_DEPTH): Problem | undefined {
  const deep = findDeepNesting(text, limit);
  if (!deep) return undefined;
  return {
    severity: 'error',
    code: 'yaml-syntax',
    message: `The YAML nests more than ${limit} levels deep (line ${deep.line + 1}); Polyaxon files nest a few dozen at most, so it is not read further.`,
    range: { start: { line: deep.line, column: 0 }, end: { line: deep.line, column: 0 } },
  };
}
