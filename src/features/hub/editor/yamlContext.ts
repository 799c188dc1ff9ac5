// Where the cursor is in a YAML file, from indentation alone: the text being typed is usually not
// valid YAML yet, so a parser would give nothing. Pure functions over lines, no `vscode`.

export interface CursorContext {
  /** keys from the top down to the mapping the cursor is in; `[]` marks a list item (`inputs`, `[]`) */
  path: string[];
  /** typing a key (true) or a value (false) */
  atKey: boolean;
  /** when at a value: the key it belongs to */
  key?: string;
  /** the partial word typed so far */
  prefix: string;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s|$)/;

interface LineShape {
  indent: number;
  dashIndent?: number;
  key?: string;
}

function shape(line: string): LineShape | undefined {
  if (!line.trim() || line.trimStart().startsWith('#')) return undefined;
  const m = KEY_LINE.exec(line);
  const lead = /^\s*/.exec(line)![0].length;
  if (!m) {
    const dash = /^(\s*)-(\s+|$)/.exec(line);
    return dash ? { indent: dash[0].length, dashIndent: dash[1].length } : { indent: lead };
  }
  const dashIndent = m[2] ? m[1].length : undefined;
  return { indent: m[1].length + (m[2]?.length ?? 0), dashIndent, key: m[3] };
}

/**
 * The keys enclosing a line whose content starts at column `indent` (a list item when `dashIndent`
 * is set, i.e. the line starts with `- `). Walks up: a shallower key line is the parent; a `- key:`
 * line whose key column is ours means we are in that list item, whose owner is the first line above
 * that is not another item of the same list.
 */
function ancestors(lines: string[], lineNo: number, indent: number, dashIndent: number | undefined): string[] {
  const path: string[] = [];
  let col = indent;
  let listDash = dashIndent;
  const enter = (s: LineShape) => {
    path.unshift(s.key!);
    col = s.indent;
    listDash = s.dashIndent;
  };
  for (let i = lineNo - 1; i >= 0; i--) {
    if (col === 0 && listDash === undefined) break;
    const s = shape(lines[i]);
    if (!s) continue;
    if (listDash !== undefined) {
      const owner = s.indent < listDash || (s.indent === listDash && s.dashIndent === undefined);
      if (!owner) continue;
      path.unshift('[]');
      if (!s.key) return path;
      enter(s);
      continue;
    }
    if (s.dashIndent !== undefined && s.indent === col) {
      listDash = s.dashIndent;
      continue;
    }
    if (s.indent >= col) continue;
    if (s.key) enter(s);
    else if (s.dashIndent !== undefined && s.dashIndent < col) listDash = s.dashIndent;
  }
  return path;
}

/** The context at (line, character) of `text`. */
export function cursorContext(text: string, line: number, character: number): CursorContext {
  const lines = text.split(/\r?\n/);
  const current = (lines[line] ?? '').slice(0, character);
  const valueMatch = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)\s*:\s*(.*)$/.exec(current);
  if (valueMatch) {
    const dashIndent = valueMatch[2] ? valueMatch[1].length : undefined;
    const indent = valueMatch[1].length + (valueMatch[2]?.length ?? 0);
    const prefix = /[\w.[\]-]*$/.exec(valueMatch[4])![0];
    return { path: ancestors(lines, line, indent, dashIndent), atKey: false, key: valueMatch[3], prefix };
  }
  const keyMatch = /^(\s*)(-\s+)?([A-Za-z_][\w-]*)?$/.exec(current);
  if (keyMatch) {
    const dashIndent = keyMatch[2] ? keyMatch[1].length : undefined;
    const indent = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
    return { path: ancestors(lines, line, indent, dashIndent), atKey: true, prefix: keyMatch[3] ?? '' };
  }
  return { path: [], atKey: false, prefix: '' };
}

/** The key (and its path) under the cursor, for hover: undefined when the cursor is not on a key. */
export function keyAt(text: string, line: number, character: number): { path: string[]; key: string; start: number; end: number } | undefined {
  const lines = text.split(/\r?\n/);
  const m = KEY_LINE.exec(lines[line] ?? '');
  if (!m) return undefined;
  const start = m[1].length + (m[2]?.length ?? 0);
  const end = start + m[3].length;
  if (character < start || character > end) return undefined;
  const dashIndent = m[2] ? m[1].length : undefined;
  return { path: ancestors(lines, line, start, dashIndent), key: m[3], start, end };
}

/** The value of `key` directly inside the block that starts at the top-level key `block` (e.g. run → kind). */
export function valueInBlock(text: string, block: string, key: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex(l => new RegExp(`^${block}\\s*:`).test(l));
  if (start < 0) return undefined;
  const inline = new RegExp(`^${block}\\s*:\\s*\\{.*\\b${key}\\s*:\\s*([\\w-]+)`).exec(lines[start]);
  if (inline) return inline[1];
  let childIndent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const s = shape(lines[i]);
    if (!s) continue;
    if (s.indent === 0) break;
    childIndent ??= s.indent;
    if (s.indent === childIndent && s.key === key) {
      return /:\s*['"]?([\w-]+)/.exec(lines[i].slice(s.indent))?.[1];
    }
  }
  return undefined;
}

/** Top-level keys present in the file. */
export function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (m) keys.add(m[1]);
  }
  return keys;
}

/** The top-level `kind:` value, if written. */
export function fileKind(text: string): string | undefined {
  return /^kind\s*:\s*['"]?([\w-]+)/m.exec(text)?.[1];
}
