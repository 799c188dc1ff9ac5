// validatePolyaxonYaml: one parse, one walk over the document (see index.ts for the overview).
import { parseDocument, type YAMLMap } from 'yaml';
import { Ctx } from './context';
import { DOCS } from './docs';
import { checkComponentBody } from './component';
import { OPERATION_SPEC } from './operation';
import { checkObject } from './fields';
import { entries, isMap, isNullNode } from './nodes';
import { checkSections } from './sections';
import type { ComponentSummary, Problem, ValidateOptions, ValidationResult } from './problems';

const PARSE_OPTIONS = {
  // PyYAML (Polyaxon's parser) reads YAML 1.1: `yes`/`no` are booleans, `<<` merges
  version: '1.1',
} as const;

export function validatePolyaxonYaml(text: string, options: ValidateOptions = {}): ValidationResult {
  let ctx: Ctx | undefined;
  try {
    const source = typeof text === 'string' ? text : String(text ?? '');
    const doc = parseDocument(source, PARSE_OPTIONS);
    ctx = new Ctx(source, doc, options);
    // PyYAML keeps the last of duplicate keys instead of failing: for us that is a warning
    const syntax = doc.errors.filter(e => {
      if (e.code !== 'DUPLICATE_KEY') return true;
      const key = source.slice(e.pos[0], e.pos[0] + 200).split(/[\n:]/)[0].trim();
      ctx?.reportAt('warning', 'duplicate-key', `Duplicate key${key && key.length < 60 ? ` \`${key}\`` : ''}: Polyaxon (PyYAML) keeps only the last one.`, e.pos[0], key ? e.pos[0] + key.length : e.pos[1], [], DOCS.yaml);
      return false;
    });
    if (syntax.length) {
      for (const e of syntax) {
        const message = e.code === 'MULTIPLE_DOCS'
          ? 'The file holds more than one YAML document (a second `---`); Polyaxon reads exactly one. Remove the extra `---` or split the file.'
          : `YAML syntax error: ${firstLine(e.message).replace(/ at line \d+, column \d+:?\s*$/, '')}.`.replace(/\.\.$/, '.');
        ctx.reportAt('error', 'yaml-syntax', message, e.pos[0], e.pos[1], [], DOCS.yaml);
      }
      return done(ctx, undefined);
    }
    const root = doc.contents as unknown;
    if (isNullNode(root as never)) {
      ctx.reportAt('error', 'empty-file', 'The file is empty: a Polyaxon file needs at least `version: 1.1`, `kind: component` and a `run`.', 0, 0, [], DOCS.component);
      return done(ctx, undefined);
    }
    if (!isMap(root)) {
      ctx.error('not-a-mapping', 'A Polyaxon file must be a mapping of sections (`version`, `kind`, …) at the top level.', { node: root as never, path: [] }, DOCS.component);
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
        ctx.warn('not-checked', `Files of kind \`${gate.kind}\` are produced by Polyaxon and are not checked here.`, { node: null, fallback: root as never, path: ['kind'] });
      }
    }
    return done(ctx, gate.kind, summary);
  } catch (err) {
    // never throw on any input: an internal fault becomes a problem
    const problems: Problem[] = ctx ? ctx.problems : [];
    problems.push({
      severity: 'warning', code: 'internal-error',
      message: `The validator hit an internal error and could not finish: ${(err as Error)?.message ?? String(err)}`,
      range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    });
    return { valid: !problems.some(p => p.severity === 'error'), problems };
  }
}

function done(ctx: Ctx, kind: string | undefined, summary?: ComponentSummary): ValidationResult {
  const problems = ctx.problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  const result: ValidationResult = { valid: !problems.some(p => p.severity === 'error'), problems };
  if (kind) result.kind = kind;
  if (summary) result.summary = summary;
  return result;
}

const firstLine = (s: string) => s.split('\n')[0];

const KIND_LINE = /^\uFEFF?kind[ \t]*:[ \t]*["']?(component|operation)["']?[ \t]*(#.*)?\r?$/m;

/** True when the text has a top-level `kind: component` or `kind: operation` (cheap; no parse). */
export function looksLikePolyaxonFile(text: string): boolean {
  return typeof text === 'string' && KIND_LINE.test(text);
}
