// validatePolyaxonYaml: one parse, one walk over the document (see index.ts for the overview).
import type { YAMLMap } from 'yaml';
import { Ctx } from './context';
import { DOCS } from './docs';
import { checkComponentBody } from './component';
import { OPERATION_SPEC } from './operation';
import { checkObject } from './fields';
import { entries, isMap, isNullNode } from './nodes';
import { checkSections } from './sections';
import { orderLikePolyaxon } from './order';
import { parsePyYaml } from './pyyaml';
import { deepNestingProblem } from './yamlDepth';
import type { ComponentSummary, Problem, ValidateOptions, ValidationResult } from './problems';

export function validatePolyaxonYaml(text: string, options: ValidateOptions = {}): ValidationResult {
  let ctx: Ctx | undefined;
  try {
    const source = typeof text === 'string' ? text : String(text ?? '');
    // before any parse: the parser and the walk recurse, and a file nested thousands deep would overflow
    const tooDeep = deepNestingProblem(source);
    if (tooDeep) return { valid: false, problems: [tooDeep] };
    // PyYAML's reading of the file (Polyaxon's parser): see pyyaml.ts
    const { doc, toOriginal, errors } = parsePyYaml(source);
    ctx = new Ctx(source, doc, options, toOriginal);
    // PyYAML keeps the last of duplicate keys instead of failing: for us that is a warning
    for (const e of doc.errors) {
      if (e.code !== 'DUPLICATE_KEY') continue;
      const at = toOriginal(e.pos[0]);
      const key = source
        .slice(at, at + 200)
        .split(/[\n:]/)[0]
        .trim();
      ctx.reportAt(
        'warning',
        'duplicate-key',
        `Duplicate key${key && key.length < 60 ? ` \`${key}\`` : ''}: Polyaxon (PyYAML) keeps only the last one.`,
        e.pos[0],
        key ? e.pos[0] + key.length : e.pos[1],
        [],
        DOCS.yaml,
      );
    }
    if (errors.length) {
      for (const e of errors) {
        const message =
          e.yamlCode === 'MULTIPLE_DOCS'
            ? 'The file holds more than one YAML document (a second `---`); Polyaxon reads exactly one. Remove the extra `---` or split the file.'
            : e.code === 'yaml-unloadable'
              ? `Polyaxon cannot load this YAML: ${e.message.replace(/ at line \d+, column \d+:?\s*$/, '')}.`.replace(/\.\.$/, '.')
              : `YAML syntax error: ${e.message.replace(/ at line \d+, column \d+:?\s*$/, '')}.`.replace(/\.\.$/, '.');
        ctx.reportOriginal('error', e.code, message, e.start, e.end, DOCS.yaml);
      }
      return done(ctx, undefined);
    }
    const root = doc.contents as unknown;
    if (isNullNode(root as never)) {
      ctx.reportAt(
        'error',
        'empty-file',
        'The file is empty: a Polyaxon file needs at least `version: 1.1`, `kind: component` and a `run`.',
        0,
        0,
        [],
        DOCS.component,
      );
      return done(ctx, undefined);
    }
    if (!isMap(root)) {
      ctx.error(
        'not-a-mapping',
        'A Polyaxon file must be a mapping of sections (`version`, `kind`, …) at the top level.',
        { node: root as never, path: [] },
        DOCS.component,
      );
      return done(ctx, undefined);
    }
    const list = entries(doc, root as YAMLMap);
    const gate = checkSections(ctx, root as YAMLMap, list);
    let summary: ComponentSummary | undefined;
    if (gate.proceed) {
      // the gate already judged version and kind (and unknown sections)
      const at = { path: [], label: gate.kind ?? 'file', ignoreKeys: new Set([...gate.reported, 'version', 'kind']) };
      if (gate.kind === 'component') summary = checkComponentBody(ctx, root as YAMLMap, at, 'file');
      else if (gate.kind === 'operation') checkObject(ctx, root as YAMLMap, OPERATION_SPEC, at);
      else {
        ctx.warn('not-checked', `Files of kind \`${gate.kind}\` are produced by Polyaxon and are not checked here.`, {
          node: null,
          fallback: root as never,
          path: ['kind'],
        });
      }
    }
    return done(ctx, gate.kind, summary);
  } catch (err) {
    // never throw on any input: an internal fault becomes a problem
    const problems: Problem[] = ctx ? ctx.problems : [];
    problems.push({
      severity: 'warning',
      code: 'internal-error',
      message: `The validator hit an internal error and could not finish: ${(err as Error)?.message ?? String(err)}`,
      range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    });
    return { valid: !problems.some(p => p.severity === 'error'), problems };
  }
}

function done(ctx: Ctx, kind: string | undefined, summary?: ComponentSummary): ValidationResult {
  const problems = orderLikePolyaxon(ctx.problems, kind);
  const result: ValidationResult = { valid: !problems.some(p => p.severity === 'error'), problems };
  if (kind) result.kind = kind;
  if (summary) result.summary = summary;
  return result;
}

const KIND_LINE = /^\uFEFF?kind[ \t]*:[ \t]*["']?(component|operation)["']?[ \t]*(#.*)?\r?$/m;

/** True when the text has a top-level `kind: component` or `kind: operation` (cheap; no parse). */
export function looksLikePolyaxonFile(text: string): boolean {
  return typeof text === 'string' && KIND_LINE.test(text);
}
