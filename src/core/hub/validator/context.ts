// One validation run: the parsed document, the options, and the problems found so far.
import type { Document } from 'yaml';
import { LineIndex } from './ranges';
import { span, type YamlNode } from './nodes';
import type { Problem, ProblemPath, Severity, ValidateOptions } from './problems';

export interface Where {
  /** the node to underline (a key or a value) */
  node?: YamlNode | null;
  /** used when `node` is missing (e.g. a required key: underline the parent's key) */
  fallback?: YamlNode | null;
  path: ProblemPath;
  /** replacement text for the underlined range (a quick fix) */
  suggestion?: string;
}

export class Ctx {
  readonly problems: Problem[] = [];
  private readonly lines: LineIndex;

  /**
   * `text` is the file as written; `doc` was parsed from a relaxed copy of it (pyyaml.ts), whose
   * offsets `toOriginal` maps back, so every range points into the file.
   */
  constructor(
    readonly text: string,
    readonly doc: Document,
    readonly options: ValidateOptions,
    private readonly toOriginal: (offset: number) => number = o => o,
  ) {
    this.lines = new LineIndex(text);
  }

  report(severity: Severity, code: string, message: string, where: Where, docs?: string): void {
    const r = span(where.node) ?? span(where.fallback) ?? [0, 0];
    const s = [this.toOriginal(r[0]), this.toOriginal(r[1])];
    // a whole block (a mapping or list over many lines) is underlined on its first line only
    const nl = this.text.indexOf('\n', s[0]);
    if (nl !== -1 && nl < s[1]) s[1] = this.text[nl - 1] === '\r' ? nl - 1 : nl;
    const p: Problem = { severity, code, message, range: this.lines.range(s[0], s[1]), path: where.path.slice(), docs };
    if (where.suggestion !== undefined && where.node) p.suggestion = where.suggestion;
    this.problems.push(p);
  }

  error(code: string, message: string, where: Where, docs?: string): void {
    this.report('error', code, message, where, docs);
  }

  warn(code: string, message: string, where: Where, docs?: string): void {
    this.report('warning', code, message, where, docs);
  }

  /** A problem at offsets of the file as written. */
  reportOriginal(severity: Severity, code: string, message: string, start: number, end: number, docs?: string): void {
    this.problems.push({ severity, code, message, range: this.lines.range(start, end), path: [], docs });
  }

  /** A problem at offsets of the parsed text (a YAML error's `pos`). */
  reportAt(severity: Severity, code: string, message: string, start: number, end: number, path: ProblemPath, docs?: string): void {
    this.problems.push({ severity, code, message, range: this.lines.range(this.toOriginal(start), this.toOriginal(end)), path, docs });
  }
}
