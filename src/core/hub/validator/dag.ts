// DAG graph checks that Polyaxon makes only at compile time (not under `check --lint`), so here they
// are warnings: a dagRef naming no component of the DAG, duplicate op names, dependencies on unknown
// ops, cycles. Edges come from `dependencies` and from `ops.<name>` param refs (_polyaxonfile/check.py).
import type { YAMLMap, YAMLSeq } from 'yaml';
import type { Ctx } from './context';
import { DOCS } from './docs';
import { deref, entries, findEntry, isMap, isSeq, scalarValue, stringValue, type YamlNode } from './nodes';
import type { ProblemPath } from './problems';

interface Op {
  name: string;
  nameNode: YamlNode | null;
  deps: { name: string; node: YamlNode | null }[];
  index: number;
}

export function checkDagGraph(ctx: Ctx, run: YAMLMap, path: ProblemPath): void {
  const list = entries(ctx.doc, run);
  const opsNode = findEntry(list, 'operations')?.value ?? null;
  const compsNode = findEntry(list, 'components')?.value ?? null;
  if (!opsNode || !isSeq(opsNode)) return;
  const componentNames = new Set<string>();
  if (compsNode && isSeq(compsNode)) {
    for (const c of (compsNode as YAMLSeq).items) {
      const m = deref(ctx.doc, c);
      if (m && isMap(m)) {
        const n = stringValue(findEntry(entries(ctx.doc, m as YAMLMap), 'name')?.value ?? null);
        if (n) componentNames.add(n);
      }
    }
  }
  const ops: Op[] = [];
  const byName = new Map<string, Op>();
  (opsNode as YAMLSeq).items.forEach((raw, index) => {
    const m = deref(ctx.doc, raw);
    if (!m || !isMap(m)) return;
    const oe = entries(ctx.doc, m as YAMLMap);
    const nameE = findEntry(oe, 'name');
    const name = stringValue(nameE?.value ?? null);
    const dagRefE = findEntry(oe, 'dagRef', 'dag_ref');
    const dagRef = stringValue(dagRefE?.value ?? null);
    if (dagRef && !/\{\{/.test(dagRef) && !componentNames.has(dagRef)) {
      ctx.warn(
        'dag-unknown-component',
        `\`dagRef: ${dagRef}\` names no component of this DAG; add a component named \`${dagRef}\` to \`run.components\`.`,
        { node: dagRefE?.value, path: [...path, 'operations', index, 'dagRef'] },
        DOCS.dag,
      );
    }
    if (!name) return;
    const deps: Op['deps'] = [];
    const depsNode = findEntry(oe, 'dependencies')?.value ?? null;
    if (depsNode && isSeq(depsNode)) {
      for (const d of (depsNode as YAMLSeq).items) {
        const n = deref(ctx.doc, d);
        const s = stringValue(n);
        if (s) deps.push({ name: s, node: n });
      }
    }
    const paramsNode = findEntry(oe, 'params')?.value ?? null;
    if (paramsNode && isMap(paramsNode)) {
      for (const p of entries(ctx.doc, paramsNode as YAMLMap)) {
        if (!p.value || !isMap(p.value)) continue;
        const refNode = findEntry(entries(ctx.doc, p.value as YAMLMap), 'ref')?.value ?? null;
        const ref = stringValue(refNode);
        const mm = ref ? /^ops\.([^.]+)$/.exec(ref.trim()) : null;
        if (mm) deps.push({ name: mm[1], node: refNode });
      }
    }
    const eventsNode = findEntry(oe, 'events')?.value ?? null;
    if (eventsNode && isSeq(eventsNode)) {
      for (const ev of (eventsNode as YAMLSeq).items) {
        const m2 = deref(ctx.doc, ev);
        if (!m2 || !isMap(m2)) continue;
        const refNode = findEntry(entries(ctx.doc, m2 as YAMLMap), 'ref')?.value ?? null;
        const mm = /^ops\.([^.]+)$/.exec(stringValue(refNode)?.trim() ?? '');
        if (mm) deps.push({ name: mm[1], node: refNode });
      }
    }
    const op = { name, nameNode: nameE?.value ?? null, deps, index };
    if (byName.has(name)) {
      ctx.warn(
        'dag-duplicate-op',
        `Duplicate operation name \`${name}\` in this DAG; Polyaxon refuses it when the DAG is compiled.`,
        { node: op.nameNode, path: [...path, 'operations', index, 'name'] },
        DOCS.dag,
      );
    } else byName.set(name, op);
    ops.push(op);
  });
  for (const op of ops) {
    for (const d of op.deps) {
      if (!byName.has(d.name)) {
        ctx.warn(
          'dag-unknown-dependency',
          `Operation \`${op.name}\` depends on \`${d.name}\`, which is not an operation of this DAG.`,
          { node: d.node, path: [...path, 'operations', op.index] },
          DOCS.dag,
        );
      }
    }
  }
  // cycle detection: iterative DFS with colours
  const colour = new Map<string, 0 | 1 | 2>();
  const reported = new Set<string>();
  for (const start of byName.keys()) {
    if (colour.get(start)) continue;
    const stack: { name: string; i: number }[] = [{ name: start, i: 0 }];
    colour.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const deps = byName.get(top.name)?.deps ?? [];
      if (top.i >= deps.length) {
        colour.set(top.name, 2);
        stack.pop();
        continue;
      }
      const next = deps[top.i++].name;
      if (!byName.has(next)) continue;
      const c = colour.get(next) ?? 0;
      if (c === 1) {
        const cycle = stack.slice(stack.findIndex(s => s.name === next)).map(s => s.name);
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          const op = byName.get(top.name) as Op;
          ctx.warn(
            'dag-cycle',
            `The DAG has a cycle: ${[...cycle, next].map(n => `\`${n}\``).join(' → ')}; Polyaxon refuses it when the DAG is compiled ("Pipeline's graph is not acyclic").`,
            { node: op.nameNode, path: [...path, 'operations', op.index] },
            DOCS.dag,
          );
        }
      } else if (c === 0) {
        colour.set(next, 1);
        stack.push({ name: next, i: 0 });
      }
    }
  }
  void scalarValue;
}
