// The section gate Polyaxon runs on the raw top-level keys before building any model
// (cli/polyaxon/_polyaxonfile/specs/base.py check_data, sections.py Sections.SECTIONS):
// `kind` first, then `version`, then every key must be a known section — camelCase only.
import type { YAMLMap } from 'yaml';
import type { Ctx } from './context';
import { DOCS } from './docs';
import { describeNode, laxBool } from './fields';
import { suggest, toCamel } from './keys';
import { findEntry, isScalar, scalarValue, type Entry, type Scalar, type YamlNode } from './nodes';

const sourceOf = (n: YamlNode | null): string | undefined => (n && isScalar(n) ? ((n as Scalar).source ?? undefined) : undefined);

export const SPEC_VERSION = 1.1;
export const FILE_KINDS = ['component', 'operation', 'compiled_operation'] as const;

/** Sections.SECTIONS of CLI v2.16.4 (reference/polyaxon-operation.md §1). */
export const SECTIONS: ReadonlySet<string> = new Set([
  'version',
  'kind',
  'name',
  'cost',
  'description',
  'tags',
  'isApproved',
  'params',
  'isPreset',
  'presets',
  'patchStrategy',
  'template',
  'cache',
  'queue',
  'plugins',
  'namespace',
  'build',
  'hooks',
  'events',
  'termination',
  'connections',
  'matrix',
  'joins',
  'operations',
  'schedule',
  'dependencies',
  'trigger',
  'conditions',
  'skipOnUpstreamSkip',
  'hubRef',
  'dagRef',
  'pathRef',
  'urlRef',
  'component',
  'inputs',
  'outputs',
  'contexts',
  'run',
  'runPatch',
  'mount',
]);
/** Sections added after 2.16: accepted with a warning so a newer file is not called invalid. */
const NEWER_SECTIONS = new Set(['strictParams']);

export interface GateResult {
  kind?: string;
  /** top-level keys the gate reported, so the model check does not report them again */
  reported: Set<string>;
  /** false when the file cannot be checked further (no or unknown kind) */
  proceed: boolean;
}

export function checkSections(ctx: Ctx, root: YAMLMap, list: Entry[]): GateResult {
  const reported = new Set<string>();
  const kindE = findEntry(list, 'kind');
  const kind = scalarValue(kindE?.value ?? null);
  let proceed = true;
  if (!kindE) {
    ctx.error(
      'missing-kind',
      'The Polyaxonfile `kind` must be specified: add `kind: component` (or `kind: operation`).',
      { node: null, fallback: list[0]?.keyNode ?? root, path: ['kind'] },
      DOCS.component,
    );
    proceed = false;
  } else if (typeof kind !== 'string' || !(FILE_KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? suggest(kind, FILE_KINDS) : undefined;
    const shown = sourceOf(kindE.value);
    ctx.error(
      'unknown-kind',
      `${shown ? `The kind \`${shown}\` is not supported` : '`kind` is empty'}; use \`component\` or \`operation\`${hint ? ` (did you mean \`${hint}\`?)` : ''}.`,
      { node: kindE.value, fallback: kindE.keyNode, path: ['kind'], suggestion: hint },
      DOCS.component,
    );
    proceed = false;
  }

  const isPreset = laxBool(scalarValue(findEntry(list, 'isPreset')?.value ?? null)) === true;
  const versionE = findEntry(list, 'version');
  if (!isPreset) {
    if (!versionE) {
      ctx.error(
        'missing-version',
        'The Polyaxonfile `version` must be specified: add `version: 1.1`.',
        { node: null, fallback: kindE?.keyNode ?? list[0]?.keyNode ?? root, path: ['version'] },
        DOCS.component,
      );
    } else {
      const v = scalarValue(versionE.value);
      if (typeof v !== 'number' || v !== SPEC_VERSION) {
        const why = typeof v === 'string' ? ' (it is a string; write it without quotes)' : '';
        const shown = sourceOf(versionE.value);
        ctx.error(
          'unsupported-version',
          `Unsupported version ${shown ? `\`${shown}\`` : describeNode(versionE.value)}${why}: Polyaxon supports only \`version: 1.1\` (1.1 <= v <= 1.1).`,
          { node: versionE.value, fallback: versionE.keyNode, path: ['version'] },
          DOCS.component,
        );
      }
    }
  }

  const vs = sourceOf(versionE?.value ?? null);
  const where = isPreset ? 'Polyaxonfile preset' : vs ? `Polyaxonfile version \`${vs}\`` : 'Polyaxonfile';
  for (const e of list) {
    if (SECTIONS.has(e.key)) continue;
    if (NEWER_SECTIONS.has(e.key)) continue;
    reported.add(e.key);
    const camel = toCamel(e.key);
    if (camel !== e.key && SECTIONS.has(camel)) {
      ctx.error(
        'snake-case-section',
        `Unexpected section \`${e.key}\` in ${where}: at the top level only the camelCase spelling is accepted; write \`${camel}\`.`,
        { node: e.keyNode, path: [e.key], suggestion: camel },
        kind === 'operation' ? DOCS.operation : DOCS.component,
      );
      continue;
    }
    const hint = suggest(e.key, SECTIONS);
    const inRun = ['environment', 'container', 'init', 'sidecars', 'volumes', 'ports'].includes(e.key) ? ` \`${e.key}\` belongs inside \`run\`.` : '';
    ctx.error(
      'unknown-section',
      `Unexpected section \`${e.key}\` in ${where}.${inRun}${!inRun && hint ? ` Did you mean \`${hint}\`?` : ''}`,
      { node: e.keyNode, path: [e.key], suggestion: inRun ? undefined : hint },
      kind === 'operation' ? DOCS.operation : DOCS.component,
    );
  }
  return { kind: typeof kind === 'string' ? kind : undefined, reported, proceed };
}
