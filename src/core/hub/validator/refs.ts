// References from an operation to its component: hubRef, pathRef, urlRef, dagRef. Polyaxon's lint
// fetches them (_polyaxonfile/check.py collect_references); here an unresolvable one is a warning,
// because the verdict then depends on other files. pathRef is read relative to the file's folder.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { parseDocument } from 'yaml';
import type { Ctx } from './context';
import { DOCS } from './docs';
import type { At } from './fields';
import { stringValue, type Entry } from './nodes';
import type { RefKind } from './problems';

/** versioned_entity.py: `[owner/]name[:version]`, owner separated by `/` (or `.`). */
export function parseHubRef(ref: string): { owner?: string; name: string; version: string } | undefined {
  const parts = ref.split(':');
  if (parts.length > 2 || !parts[0]) return undefined;
  const entity = parts[0].split('/');
  if (entity.length > 2 || entity.some(p => !p)) return undefined;
  return { owner: entity.length === 2 ? entity[0] : undefined, name: entity[entity.length - 1], version: parts[1] || 'latest' };
}

export function checkReference(ctx: Ctx, kind: RefKind, e: Entry, at: At): void {
  const value = stringValue(e.value);
  if (!value || /\{\{/.test(value)) return;
  const where = { node: e.value, path: [...at.path, e.key] };
  if (kind === 'hubRef' && !parseHubRef(value)) {
    ctx.warn('invalid-hub-ref', `\`${value}\` is not a valid hub reference; use \`[owner/]name[:version]\` (e.g. \`acme/train:v1\`).`, where, DOCS.hub);
    return;
  }
  if (kind === 'pathRef') {
    checkPathRef(ctx, value, where);
    return;
  }
  const status = safeResolve(ctx, kind, value);
  if (status === 'missing') {
    const what =
      kind === 'hubRef'
        ? `the component \`${value}\` was not found in the hub`
        : kind === 'urlRef'
          ? `\`${value}\` could not be fetched`
          : `\`${value}\` was not found`;
    ctx.warn('reference-missing', `Unresolved ${kind}: ${what}. Polyaxon will fail to run this operation until it exists.`, where, DOCS.hub);
  }
}

function safeResolve(ctx: Ctx, kind: RefKind, value: string): 'found' | 'missing' | 'unknown' {
  const r = ctx.options.resolveRef;
  if (!r) return 'unknown';
  try {
    return r({ kind, value });
  } catch {
    return 'unknown';
  }
}

function checkPathRef(ctx: Ctx, value: string, where: { node: Entry['value']; path: (string | number)[] }): void {
  const status = safeResolve(ctx, 'pathRef', value);
  if (status === 'missing') {
    ctx.warn('reference-unreadable', `pathRef \`${value}\` does not exist.`, where, DOCS.operation);
    return;
  }
  if (status === 'found' || !ctx.options.fileName) return;
  const full = nodePath.resolve(nodePath.dirname(ctx.options.fileName), value);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    ctx.warn(
      'reference-unreadable',
      `pathRef \`${value}\` cannot be read (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}: ${full}).`,
      where,
      DOCS.operation,
    );
    return;
  }
  try {
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
    const kind = doc.errors.length ? undefined : (doc.toJS() as Record<string, unknown> | null)?.kind;
    if (doc.errors.length) ctx.warn('reference-unreadable', `pathRef \`${value}\` is not valid YAML.`, where, DOCS.operation);
    else if (kind !== 'component') {
      ctx.warn('reference-kind', `pathRef \`${value}\` is of kind \`${String(kind)}\`; it should be a \`component\`.`, where, DOCS.operation);
    }
  } catch {
    ctx.warn('reference-unreadable', `pathRef \`${value}\` could not be parsed.`, where, DOCS.operation);
  }
}
