// Small helpers over the `yaml` package's document nodes: aliases resolved, `<<` merge keys honoured
// (PyYAML, which Polyaxon uses, merges them), scalars read without building the whole JS value.
import { Alias, Document, isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YNode } from 'yaml';

export type YamlNode = YNode;

/**
 * Alias resolutions allowed per document: aliases of aliases can make a tiny file exponentially
 * large to walk (a "billion laughs"); past the budget an alias reads as empty.
 */
const ALIAS_BUDGET = 10_000;
const aliasUse = new WeakMap<Document, number>();

/** Follows aliases (bounded, so a malformed chain cannot loop). */
export function deref(doc: Document, node: unknown): YamlNode | null {
  let n = node as YamlNode | null | undefined;
  if (!n || !isAlias(n)) return n ?? null;
  const used = (aliasUse.get(doc) ?? 0) + 1;
  aliasUse.set(doc, used);
  if (used > ALIAS_BUDGET) return null;
  for (let i = 0; i < 16 && n && isAlias(n); i++) {
    try {
      n = (n as Alias).resolve(doc) as YamlNode | undefined;
    } catch {
      return null;
    }
  }
  return n && !isAlias(n) ? n : null;
}

export interface Entry {
  /** the key as text ('' for a complex key) */
  key: string;
  keyNode: YamlNode | null;
  value: YamlNode | null;
  /** true when the pair came from a `<<` merge */
  merged: boolean;
}

/** Entries of a mapping in order, merge keys expanded (explicit keys win over merged ones), the last of duplicates kept. */
export function entries(doc: Document, map: YAMLMap): Entry[] {
  const out: Entry[] = [];
  let merges: Entry[] | undefined;
  for (const item of map.items as Pair[]) {
    const keyNode = deref(doc, item.key);
    const key = keyText(keyNode);
    if (key === '<<') {
      const src = deref(doc, item.value);
      const sources = src && isSeq(src) ? (src as YAMLSeq).items.map(i => deref(doc, i)) : [src];
      for (const s of sources) {
        if (s && isMap(s)) {
          (merges ??= []).push(...entries(doc, s as YAMLMap).map(e => ({ ...e, merged: true })));
        }
      }
      continue;
    }
    const entry = { key, keyNode, value: deref(doc, item.value), merged: false };
    // PyYAML keeps the last of duplicate keys (a warning reports them), at the first one's place
    const dup = out.findIndex(e => e.key === key && key !== '');
    if (dup >= 0) out[dup] = entry;
    else out.push(entry);
  }
  if (merges) {
    const own = new Set(out.map(e => e.key));
    for (const m of merges) {
      if (!own.has(m.key)) {
        own.add(m.key);
        out.push(m);
      }
    }
  }
  return out;
}

/** The pair of `key` in a mapping; with duplicates, the last one (PyYAML keeps the last). */
export function lastPair(map: YAMLMap, key: string): Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) if (scalarValue(map.items[i].key as YamlNode) === key) return map.items[i] as Pair;
  return undefined;
}

export function keyText(node: YamlNode | null): string {
  if (node && isScalar(node)) {
    const v = (node as Scalar).value;
    if (typeof v === 'symbol') return v.description ?? '';
    return v === null ? 'null' : typeof v === 'string' ? v : ((node as Scalar).source ?? String(v));
  }
  return '';
}

export function findEntry(list: Entry[], ...names: string[]): Entry | undefined {
  for (const e of list) if (names.includes(e.key)) return e;
  return undefined;
}

export const isNullNode = (n: YamlNode | null): boolean => n === null || (isScalar(n) && (n as Scalar).value === null);

export function scalarValue(n: YamlNode | null): unknown {
  return n && isScalar(n) ? (n as Scalar).value : undefined;
}

export function stringValue(n: YamlNode | null): string | undefined {
  const v = scalarValue(n);
  return typeof v === 'string' ? v : undefined;
}

/** The node as a plain JS value (only for the few rules that need a whole value). */
export function toJS(doc: Document, n: YamlNode | null): unknown {
  if (!n) return null;
  try {
    return n.toJS(doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** Offsets [start, end) of a node, or undefined. */
export function span(n: YamlNode | null | undefined): [number, number] | undefined {
  const r = n?.range;
  return r ? [r[0], r[1]] : undefined;
}

export { isMap, isScalar, isSeq };
export type { Scalar, YAMLMap, YAMLSeq };
