// Component Hub commands: publish, components list|show|pull|stage|delete. Parsing and printing only;
// the rules (validation, permissions, immutability) are in src/core/hub.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from '../../core/errors';
import { deleteComponentVersion, findComponent, findVersion, listComponents, parseComponentRef, setVersionStage, versionRef } from '../../core/hub/components';
import { InvalidComponentError, planPublish, publishComponent, type PublishResult } from '../../core/hub/publish';
import { formatProblems } from '../../core/hub/validator';
import type { ComponentVersion } from '../../core/model';
import { UsageError, type CommandSpec, type Context } from '../args';
import { table } from './format';

/** A version as printed with --json: everything but the YAML itself (`components show` adds it). */
function versionJson(v: ComponentVersion, withContent = false) {
  const { content, history, ...rest } = v;
  return {
    hubRef: versionRef(v), ...rest,
    history: history.map(h => ({ contentHash: h.contentHash, replacedBy: h.replacedBy, replacedAt: h.replacedAt, ...(withContent ? { content: h.content } : {}) })),
    ...(withContent ? { content } : {}),
  };
}

function publishedJson(r: PublishResult) {
  return { status: r.status, message: r.message, ...versionJson(r.version), warnings: r.warnings.map(w => ({ message: w.message, line: w.range.start.line + 1, column: w.range.start.column + 1, code: w.code })) };
}

function readSource(ctx: Context, file: string): { abs: string; content: string; sourcePath: string } {
  const abs = path.resolve(ctx.cwd, file);
  let content: string;
  try {
    content = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HubError(code === 'ENOENT' ? `Cannot publish ${file}: the file does not exist.` : code === 'EISDIR' ? `Cannot publish ${file}: it is a folder; give component YAML files.` : `Cannot read ${file}: ${(e as Error).message}`, 'not-found');
  }
  // recorded as given relative to the working folder (the repository, in CI), not as one machine's absolute path
  const rel = path.relative(ctx.cwd, abs);
  return { abs, content, sourcePath: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs };
}

function ioTable(list: ComponentVersion['inputs']): string {
  return table(['NAME', 'TYPE', 'OPTIONAL', 'DEFAULT'], list.map(i => [i.name, i.type ?? 'any', i.isOptional ? 'yes' : 'no', i.value === undefined ? '' : JSON.stringify(i.value)]));
}

export const HUB_COMMANDS: CommandSpec[] = [
  {
    path: ['publish'], summary: 'publish component YAML files to an organization\'s Component Hub (member or higher)',
    details: 'Each file is validated first; any error stops the publish before anything is stored. The version is --version, else\n' +
      'what the file\'s path says (`tensorboard/1.2.yaml`, `train-v2.yaml`). A published version is immutable: the same\n' +
      'content again is a no-op ("already published as ..."), different content is refused unless an admin passes --replace\n' +
      '(the old content is kept in the version\'s history). With --json: the version (one file) or an array (several files).',
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
      const db = await ctx.store().read();
      // every file is checked before anything is written, so a batch never half-publishes because of a bad file
      const sources = files.map(f => {
        const source = readSource(ctx, f);
        try {
          const plan = planPublish({ org, content: source.content, sourcePath: source.sourcePath, fileName: source.abs, version: o.version as string | undefined, component: o.name as string | undefined }, ctx.actor().username, db);
          if (!plan.version) throw new UsageError(`No version for ${f}: its path suggests none. Give --version V.`);
          return { ...source, file: f, version: plan.version, component: plan.component };
        } catch (e) {
          if (e instanceof InvalidComponentError) {
            throw new HubError(`Cannot publish ${f}: it has errors; nothing was published.\n${formatProblems(f, { valid: false, problems: e.problems }).join('\n')}`, 'invalid');
          }
          throw e;
        }
      });
      const results: PublishResult[] = [];
      for (const s of sources) {
        try {
          results.push(await publishComponent(ctx.store(), ctx.actor(), { org, content: s.content, sourcePath: s.sourcePath, fileName: s.abs, version: s.version, component: s.component, replace: o.replace === true }));
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
    path: ['components', 'list'], summary: 'list the components of an organization\'s hub with their versions',
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const listing = listComponents(await ctx.store().read(), ctx.actor().username, a.ORG as string);
      const data = listing.map(l => ({ ...l.component, versions: l.versions.map(v => versionJson(v)) }));
      const text = table(['COMPONENT', 'VERSIONS', 'NEWEST', 'STAGE', 'PUBLISHED', 'DESCRIPTION'], listing.map(l => [
        l.component.name, l.versions.map(v => v.name).join(', '), l.versions[0]?.name, l.versions[0]?.stage,
        l.versions[0] ? `${l.versions[0].publishedAt.slice(0, 10)} by ${l.versions[0].publishedBy}` : '', l.component.description,
      ]));
      return { data, text };
    },
  },
  {
    path: ['components', 'show'], summary: 'show a component (ORG/NAME) or one version (ORG/NAME:VERSION) with its inputs, outputs and YAML',
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const ref = parseComponentRef(a.REF as string);
      const db = await ctx.store().read();
      const me = ctx.actor().username;
      if (ref.version === undefined) {
        const listing = listComponents(db, me, ref.org).find(l => l.component.name === ref.component);
        const component = listing?.component ?? findComponent(db, ref.org, ref.component);
        const versions = listing?.versions ?? [];
        const text = [
          `${ref.org}/${component.name}${component.description ? ` — ${component.description}` : ''}`,
          `tags: ${component.tags.join(', ') || '-'}; created by ${component.createdBy} on ${component.createdAt.slice(0, 10)}`,
          '', table(['VERSION', 'STAGE', 'RUN KIND', 'PUBLISHED', 'BY', 'SHA256'], versions.map(v => [v.name, v.stage, v.runKind, v.publishedAt.slice(0, 16).replace('T', ' '), v.publishedBy, v.contentHash.slice(0, 12)])),
        ].join('\n');
        return { data: { ...component, versions: versions.map(v => versionJson(v)) }, text };
      }
      const v = findVersion(db, me, ref.org, ref.component, ref.version);
      const text = [
        `${versionRef(v)} — ${v.stage}, run kind ${v.runKind ?? '-'}, published by ${v.publishedBy} on ${v.publishedAt.slice(0, 16).replace('T', ' ')} UTC`,
        `sha256 ${v.contentHash}${v.sourcePath ? `; from ${v.sourcePath}` : ''}${v.history.length ? `; content replaced ${v.history.length}×` : ''}`,
        '', 'Inputs:', ioTable(v.inputs), '', 'Outputs:', ioTable(v.outputs), '', '---', v.content.trimEnd(),
      ].join('\n');
      return { data: versionJson(v, true), text };
    },
  },
  {
    path: ['components', 'pull'], summary: 'write a version\'s YAML to a file (never over an existing file without --force)',
    details: 'Without :VERSION, the version named `latest`, else the newest one.',
    args: [{ name: 'REF' }],
    options: {
      out: { type: 'string', placeholder: 'FILE', description: 'where to write the YAML', required: true },
      force: { type: 'boolean', description: 'replace FILE if it exists' },
    },
    async run(ctx, a, o) {
      const ref = parseComponentRef(a.REF as string);
      const v = findVersion(await ctx.store().read(), ctx.actor().username, ref.org, ref.component, ref.version);
      const out = path.resolve(ctx.cwd, o.out as string);
      if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new HubError(`${o.out} is a folder; give a file name, e.g. ${path.join(o.out as string, `${v.component}.yaml`)}.`, 'invalid');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      try {
        // 'wx' fails if the file exists: no check-then-write race with another writer
        fs.writeFileSync(out, v.content, { flag: o.force ? 'w' : 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new HubError(`${o.out} already exists; nothing was written. Pass --force to replace it.`, 'exists');
        throw e;
      }
      return { data: { file: out, hubRef: versionRef(v), contentHash: v.contentHash, bytes: Buffer.byteLength(v.content) }, text: `Wrote ${versionRef(v)} to ${o.out}.` };
    },
  },
  {
    path: ['components', 'stage'], summary: 'move a version to a stage: testing, staging, production, disabled (member or higher)',
    args: [{ name: 'REF' }, { name: 'STAGE' }],
    options: { reason: { type: 'string', placeholder: 'R', description: 'why (kept in the audit log)' } },
    async run(ctx, a, o) {
      const ref = parseComponentRef(a.REF as string);
      if (ref.version === undefined) throw new UsageError('Name the version: ORG/NAME:VERSION.');
      const v = await setVersionStage(ctx.store(), ctx.actor(), { org: ref.org, component: ref.component, version: ref.version }, a.STAGE as string, o.reason as string | undefined);
      return { data: versionJson(v), text: `${versionRef(v)} is now ${v.stage}.` };
    },
  },
  {
    path: ['components', 'delete'], summary: 'delete a version (admin or higher); its last version takes the component with it',
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const ref = parseComponentRef(a.REF as string);
      if (ref.version === undefined) throw new UsageError('Name the version to delete: ORG/NAME:VERSION.');
      const key = { org: ref.org, component: ref.component, version: ref.version };
      const { componentRemoved } = await deleteComponentVersion(ctx.store(), ctx.actor(), key);
      return { data: { deleted: `${ref.org}/${ref.component}:${ref.version}`, componentRemoved }, text: `Deleted ${ref.org}/${ref.component}:${ref.version}${componentRemoved ? ' (its last version: the component is gone too)' : ''}.` };
    },
  },
];
