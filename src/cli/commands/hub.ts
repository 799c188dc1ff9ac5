// Component Hub commands: publish, components list|show|pull|stage|delete. Parsing and printing only;
// the rules (validation, permissions, immutability) are in src/core/hub.
import * as path from 'node:path';
import { formatProblems, InvalidComponentError, parseComponentRef, type ComponentVersionSummary, type IOView, type PublishResult } from '../../core/client';
import { HubError } from '../../core/errors';
import { readInputFile } from '../../core/inputFile';
import { writeOutputFile } from '../../core/outputFile';
import { UsageError, type CommandSpec, type Context } from '../args';
import { table } from './format';

/** A published version as printed with --json: everything but the YAML itself. */
function publishedJson(r: PublishResult) {
  const rest: Partial<PublishResult['version']> = { ...r.version };
  delete rest.content;
  return {
    status: r.status,
    message: r.message,
    hubRef: r.hubRef,
    ...rest,
    history: r.version.history.map(h => ({ contentHash: h.contentHash, replacedBy: h.replacedBy, replacedAt: h.replacedAt })),
    warnings: r.warnings.map(w => ({ message: w.message, line: w.range.start.line + 1, column: w.range.start.column + 1, code: w.code })),
  };
}

function readSource(ctx: Context, file: string): { abs: string; content: string; sourcePath: string } {
  const abs = path.resolve(ctx.cwd, file);
  let content: string;
  try {
    content = readInputFile(abs, { shown: file });
  } catch (e) {
    if (e instanceof HubError) throw new HubError(`Cannot publish ${file}: ${e.message}`, e.code);
    throw e;
  }
  // recorded as given relative to the working folder (the repository, in CI), not as one machine's absolute path
  const rel = path.relative(ctx.cwd, abs);
  return { abs, content, sourcePath: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs };
}

function ioTable(list: IOView[]): string {
  return table(
    ['NAME', 'TYPE', 'OPTIONAL', 'DEFAULT'],
    list.map(i => [i.name, i.type ?? 'any', i.isOptional ? 'yes' : 'no', i.value === undefined ? '' : JSON.stringify(i.value)]),
  );
}

const when = (v: ComponentVersionSummary) => v.publishedAt.slice(0, 16).replace('T', ' ');

export const HUB_COMMANDS: CommandSpec[] = [
  {
    path: ['publish'],
    summary: "publish component YAML files to an organization's Component Hub (member or higher)",
    details:
      'Each file is validated first; any error stops the publish before anything is stored. The version is --version, else\n' +
      "what the file's path says (`tensorboard/1.2.yaml`, `train-v2.yaml`). A published version is immutable: the same\n" +
      'content again is a no-op ("already published as ..."), different content is refused unless an admin passes --replace\n' +
      "(the old content is kept in the version's history). With --json: the version (one file) or an array (several files).",
    args: [{ name: 'FILE', variadic: true }],
    options: {
      org: { type: 'string', placeholder: 'ORG', description: 'the organization whose hub receives the components', required: true },
      version: { type: 'string', placeholder: 'V', description: 'the version name (default: from the file path)' },
      name: { type: 'string', placeholder: 'NAME', description: 'the component name (default: the YAML `name`)' },
      replace: { type: 'boolean', description: 'admin: replace a version that holds different content (kept in history)' },
    },
    async run(ctx, a, o) {
      const files = a.FILE as string[];
      if (!files.length) throw new UsageError('Give at least one component file.');
      if (o.name !== undefined && files.length > 1) throw new UsageError('--name names one component: give one file with it.');
      const org = o.org as string;
      const hub = ctx.hub();
      // every file is checked before anything is written, so a batch never half-publishes because of a bad file
      const sources = [];
      for (const f of files) {
        const source = readSource(ctx, f);
        try {
          const plan = await hub.components.plan({
            org,
            content: source.content,
            sourcePath: source.sourcePath,
            fileName: source.abs,
            version: o.version as string | undefined,
            component: o.name as string | undefined,
          });
          if (!plan.version) throw new UsageError(`No version for ${f}: its path suggests none. Give --version V.`);
          sources.push({ ...source, file: f, version: plan.version, component: plan.component });
        } catch (e) {
          if (e instanceof InvalidComponentError) {
            throw new HubError(
              `Cannot publish ${f}: it has errors; nothing was published.\n${formatProblems(f, { valid: false, problems: e.problems }).join('\n')}`,
              'invalid',
            );
          }
          throw e;
        }
      }
      const results: PublishResult[] = [];
      for (const s of sources) {
        try {
          results.push(
            await hub.components.publish({
              org,
              content: s.content,
              sourcePath: s.sourcePath,
              fileName: s.abs,
              version: s.version,
              component: s.component,
              replace: o.replace === true,
            }),
          );
        } catch (e) {
          if (e instanceof HubError && results.length) {
            throw new HubError(`${e.message}\n(already published in this run: ${results.map(r => r.hubRef).join(', ')})`, e.code);
          }
          throw e;
        }
      }
      const text = results.map(r => r.message + r.warnings.map(w => `\n  warning: ${w.message} (line ${w.range.start.line + 1})`).join('')).join('\n');
      return { data: results.length === 1 ? publishedJson(results[0]) : results.map(publishedJson), text };
    },
  },
  {
    path: ['components', 'list'],
    summary: "list the components of an organization's hub with their versions",
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const data = await ctx.hub().components.list(a.ORG as string);
      const text = table(
        ['COMPONENT', 'VERSIONS', 'NEWEST', 'STAGE', 'PUBLISHED', 'DESCRIPTION'],
        data.map(c => [
          c.name,
          c.versions.map(v => v.name).join(', '),
          c.versions[0]?.name,
          c.versions[0]?.stage,
          c.versions[0] ? `${c.versions[0].publishedAt.slice(0, 10)} by ${c.versions[0].publishedBy}` : '',
          c.description,
        ]),
      );
      return { data, text };
    },
  },
  {
    path: ['components', 'show'],
    summary: 'show a component (ORG/NAME) or one version (ORG/NAME:VERSION) with its inputs, outputs and YAML',
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const ref = parseComponentRef(a.REF as string);
      const hub = ctx.hub();
      if (ref.version === undefined) {
        const c = await hub.components.get(ref.org, ref.component);
        const text = [
          `${ref.org}/${c.name} (${c.isPublic ? 'public' : 'private'})${c.description ? ` — ${c.description}` : ''}`,
          `tags: ${c.tags.join(', ') || '-'}; created by ${c.createdBy} on ${c.createdAt.slice(0, 10)}`,
          '',
          table(
            ['VERSION', 'STAGE', 'RUN KIND', 'PUBLISHED', 'BY', 'SHA256'],
            c.versions.map(v => [v.name, v.stage, v.runKind, when(v), v.publishedBy, v.contentHash.slice(0, 12)]),
          ),
        ].join('\n');
        return { data: c, text };
      }
      const v = await hub.components.version(ref.org, ref.component, ref.version);
      const text = [
        `${v.hubRef} — ${v.stage}, run kind ${v.runKind ?? '-'}, published by ${v.publishedBy} on ${when(v)} UTC`,
        `sha256 ${v.contentHash}${v.sourcePath ? `; from ${v.sourcePath}` : ''}${v.history.length ? `; content replaced ${v.history.length}×` : ''}`,
        '',
        'Inputs:',
        ioTable(v.inputs),
        '',
        'Outputs:',
        ioTable(v.outputs),
        '',
        '---',
        v.content.trimEnd(),
      ].join('\n');
      const data: Partial<typeof v> = { ...v };
      delete data.actions; // the JSON is the version; what the user may do is `org show`'s
      return { data, text };
    },
  },
  {
    path: ['components', 'pull'],
    summary: "write a version's YAML to a file (never over an existing file without --force)",
    details:
      'Without :VERSION, the version named `latest`, else the newest one. A FILE that is a symbolic link is written\n' +
      'through only after you confirm (or with --force); a named pipe, device or folder is never written.',
    args: [{ name: 'REF' }],
    options: {
      out: {
        type: 'string',
        placeholder: 'FILE',
        description: 'where to write the YAML (a folder if it ends with "/" or exists: NAME.yaml in it)',
        required: true,
      },
      force: { type: 'boolean', description: 'replace FILE if it exists, and write through a symbolic link without asking' },
    },
    async run(ctx, a, o) {
      const target = o.out as string;
      if (!target.trim()) throw new UsageError('--out is empty: give a file, or a folder ending with "/".');
      const ref = parseComponentRef(a.REF as string);
      const v = await ctx.hub().components.version(ref.org, ref.component, ref.version);
      const file = await writeOutputFile(target, v.content, ctx.cwd, { fileName: `${v.component}.yaml`, force: o.force === true, confirm: ctx.confirm });
      const shown = path.relative(ctx.cwd, file).startsWith('..') ? file : path.relative(ctx.cwd, file);
      return { data: { file, hubRef: v.hubRef, contentHash: v.contentHash, bytes: Buffer.byteLength(v.content) }, text: `Wrote ${v.hubRef} to ${shown}.` };
    },
  },
  {
    path: ['components', 'stage'],
    summary: 'move a version to a stage: testing, staging, production, disabled (member or higher)',
    args: [{ name: 'REF' }, { name: 'STAGE' }],
    options: { reason: { type: 'string', placeholder: 'R', description: 'why (kept in the audit log)' } },
    async run(ctx, a, o) {
      const ref = parseComponentRef(a.REF as string);
      if (ref.version === undefined) throw new UsageError('Name the version: ORG/NAME:VERSION.');
      const v = await ctx
        .hub()
        .components.setStage({ org: ref.org, component: ref.component, version: ref.version }, a.STAGE as string, o.reason as string | undefined);
      return { data: v, text: `${v.hubRef} is now ${v.stage}.` };
    },
  },
  {
    path: ['components', 'visibility'],
    feature: 'component.visibility',
    summary: "make a component public (anyone who sees the org's hub) or private (the org's members; the default) — admin or higher",
    args: [{ name: 'REF' }],
    options: { public: { type: 'boolean', description: 'make it public' }, private: { type: 'boolean', description: 'make it private' } },
    async run(ctx, a, o) {
      if (o.public === o.private) throw new UsageError('Give --public or --private.');
      const ref = parseComponentRef(a.REF as string);
      if (ref.version !== undefined) throw new UsageError('Visibility belongs to the component: write ORG/NAME, without :VERSION.');
      const c = await ctx.hub().components.setVisibility(ref.org, ref.component, o.public === true);
      return {
        data: c,
        text: `${c.org}/${c.name} is now ${c.isPublic ? 'public: anyone who sees the hub of ' + c.org + ' sees it' : 'private: only members of ' + c.org + ' see it'}.`,
      };
    },
  },
  {
    path: ['components', 'delete'],
    summary: 'delete a version (admin or higher); its last version takes the component with it',
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const ref = parseComponentRef(a.REF as string);
      if (ref.version === undefined) throw new UsageError('Name the version to delete: ORG/NAME:VERSION.');
      const key = { org: ref.org, component: ref.component, version: ref.version };
      const { componentRemoved } = await ctx.hub().components.deleteVersion(key);
      return {
        data: { deleted: `${ref.org}/${ref.component}:${ref.version}`, componentRemoved },
        text: `Deleted ${ref.org}/${ref.component}:${ref.version}${componentRemoved ? ' (its last version: the component is gone too)' : ''}.`,
      };
    },
  },
];
