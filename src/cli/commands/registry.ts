// Model Registry and run commands: runs list|show, promote, models list|show|stage|history|verify|
// download|export|delete. Parsing and printing only; discovery and the rules are in src/core/registry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError, parseOrgRef, type ModelVersionRef, type ModelVersionView, type RunSummary, type RunView, type WriteResult } from '../../core/client';
import { UsageError, type CommandSpec, type Context } from '../args';
import { bytes, list, table } from './format';
import { plural } from '../../core/plural';
import { listServerRuns, showServerRun } from './serverRuns';

function versionRefOf(text: string): ModelVersionRef {
  const ref = parseOrgRef(text, 'model', 'acme/iris:v1');
  if (ref.version === undefined) throw new UsageError(`Name the version: ORG/NAME:VERSION (got "${text}").`);
  return { org: ref.org, model: ref.name, version: ref.version };
}

const when = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** DESIGN.md's `runs list --json` row. */
function runJson(run: RunView) {
  return {
    id: run.id,
    name: run.name,
    source: run.source,
    status: run.status,
    path: run.path,
    params: run.params,
    metrics: run.metrics,
    artifacts: run.files.map(f => f.path),
    ...(run.error ? { error: run.error } : {}),
  };
}

function shown(ctx: Context, p: string): string {
  const rel = path.relative(ctx.cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function versionText(v: ModelVersionView): string {
  const l = v.lineage;
  return [
    `${v.ref} — ${v.stage}, ${v.framework ?? 'custom'}, ${plural(v.fileCount, 'file')}, ${bytes(v.totalBytes)}; created by ${v.createdBy} on ${when(v.createdAt)} UTC`,
    `run: ${l.runId ? `${l.runName ?? l.runId} (${l.runId}, ${l.source})` : `none (${l.source})`} from ${l.sourcePath}`,
    l.git?.commit ? `git: ${l.git.commit}${l.git.branch ? ` on ${l.git.branch}` : ''}${l.git.dirty ? ' (dirty)' : ''}` : 'git: -',
    v.description ? `description: ${v.description}` : '',
    v.deploymentNotes ? `deployment: ${v.deploymentNotes}` : '',
    '',
    'Params:',
    table(['NAME', 'VALUE'], Object.entries(l.params)),
    '',
    'Metrics:',
    table(
      ['NAME', 'LATEST', 'BEST', 'GOAL'],
      Object.entries(l.metrics).map(([k, m]) => [k, m.latest, m.best, m.goal]),
    ),
    '',
    'Files:',
    table(
      ['PATH', 'SIZE', 'SHA256'],
      l.files.map(f => [f.path, bytes(f.size), f.sha256]),
    ),
    '',
    'Stage history:',
    table(
      ['WHEN', 'STAGE', 'WHO', 'REASON'],
      v.stageHistory.map(c => [when(c.when), c.stage, c.who, c.reason]),
    ),
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}

async function written(
  ctx: Context,
  what: string,
  attempt: (conflict: 'ask' | 'overwrite' | 'skip') => Promise<WriteResult>,
  force: boolean,
): Promise<WriteResult> {
  let result = await attempt(force ? 'overwrite' : 'ask');
  if (result.status === 'conflict') {
    const question = `${plural(result.conflicts.length, 'file')} already ${result.conflicts.length === 1 ? 'exists' : 'exist'} in ${shown(ctx, result.dir)} (${result.conflicts.slice(0, 3).join(', ')}${result.conflicts.length > 3 ? ', …' : ''}). Overwrite ${result.conflicts.length === 1 ? 'it' : 'them'}?`;
    if (ctx.confirm && (await ctx.confirm(question))) result = await attempt('overwrite');
    else {
      throw new HubError(
        `Nothing was written: ${plural(result.conflicts.length, 'file')} of ${what} already ${result.conflicts.length === 1 ? 'exists' : 'exist'} in ${shown(ctx, result.dir)} (${list(result.conflicts)}). Use --force to overwrite them.`,
        'conflict',
      );
    }
  }
  return result;
}

/** `models download` and `models export` write files the same way: into --out, over existing files only with --force. */
const WRITE_OPTIONS = {
  out: { type: 'string', placeholder: 'DIR', description: 'the folder to write into', required: true },
  force: { type: 'boolean', description: 'overwrite files that exist' },
} as const;

export const REGISTRY_COMMANDS: CommandSpec[] = [
  {
    path: ['runs', 'list'],
    summary: "list the runs found under folders (Polyaxon offline runs, MLflow mlflow.db and mlruns/), or with --server a project's runs",
    details:
      'Skips node_modules, .git and virtual environments. A run whose files cannot be read is listed with its error.\n' +
      'With --json: an array of {id, name, source, status, path, params, metrics, artifacts} (metrics: the latest values).\n' +
      'With --server the words are projects (ORG/PROJECT) and every page of their runs is read, newest first; --json rows are\n' +
      '{id, name, source: "server", status, path: ORG/PROJECT, createdAt, params (inputs), metrics (numeric outputs)}.',
    args: [{ name: 'DIR', variadic: true }],
    options: { limit: { type: 'string', placeholder: 'N', description: 'with --server: at most N runs per project, newest first (default: every page)' } },
    async run(ctx, a, o) {
      const hub = ctx.hub();
      if (hub.projectRuns) return listServerRuns(hub.projectRuns, hub.location, a.DIR as string[], o.limit as string | undefined);
      if (o.limit !== undefined) throw new UsageError('--limit goes with --server (a local folder lists every run it holds).');
      const dirs = (a.DIR as string[]).length ? (a.DIR as string[]) : ['.'];
      const summaries = await hub.runs.list(dirs.map(d => path.resolve(ctx.cwd, d)));
      const runs = await Promise.all(summaries.map(r => hub.runs.get(r.key)));
      const text = table(
        ['ID', 'NAME', 'SOURCE', 'STATUS', 'STARTED', 'METRICS', 'PATH'],
        runs.map(r => [
          r.id.slice(0, 12),
          r.name,
          r.source,
          r.error ? `${r.status} (error)` : r.status,
          when(r.startedAt),
          Object.entries(r.metrics)
            .slice(0, 3)
            .map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`)
            .join(' '),
          shown(ctx, r.path),
        ]),
      );
      const errors = runs.filter(r => r.error).map(r => `error in ${r.name} (${shown(ctx, r.path)}): ${r.error}`);
      return { data: runs.map(runJson), text: [text, ...errors].join('\n') };
    },
  },
  {
    path: ['runs', 'show'],
    summary: 'show one run: params, metrics (latest and best), tags, git, output files',
    details:
      'RUN is a run id (or its first characters), a run folder, or a path inside a run; --dir says where to look for an id.\n' +
      "With --server: RUN is a run's uuid (or its first characters, or its name) in --project ORG/PROJECT.",
    args: [{ name: 'RUN' }],
    options: {
      dir: { type: 'string', placeholder: 'DIR', repeatable: true, description: 'folders to search for the run id (default: .)' },
      project: { type: 'string', placeholder: 'ORG/PROJECT', description: "with --server: the run's project" },
    },
    async run(ctx, a, o) {
      const ref = a.RUN as string;
      const hub = ctx.hub();
      if (hub.projectRuns) {
        if (o.dir !== undefined) throw new UsageError('--dir looks in local folders; with --server give --project ORG/PROJECT.');
        return showServerRun(hub.projectRuns, ref, o.project as string | undefined);
      }
      if (o.project !== undefined) throw new UsageError('--project goes with --server; for a local run give its folder or --dir.');
      const asPath = path.resolve(ctx.cwd, ref);
      const dirs = ((o.dir as string[] | undefined) ?? ['.']).map(d => path.resolve(ctx.cwd, d));
      // a path inside a run names that run; anything else is an id looked up under --dir
      const inside: RunSummary | undefined = fs.existsSync(asPath) ? await hub.runs.containing(asPath) : undefined;
      const run: RunView = inside ? await hub.runs.get(inside.key) : await hub.runs.get(ref, dirs);
      const text = [
        `${run.name} (${run.id}) — ${run.source}, ${run.status}${run.experiment ? `, ${run.experiment}` : ''}`,
        `path: ${shown(ctx, run.path)}; started ${when(run.startedAt) || '-'}, finished ${when(run.finishedAt) || '-'}`,
        run.git?.commit ? `git: ${run.git.commit}${run.git.branch ? ` on ${run.git.branch}` : ''}` : '',
        run.error ? `error: ${run.error}` : '',
        '',
        'Params:',
        table(['NAME', 'VALUE'], Object.entries(run.params)),
        '',
        'Metrics:',
        table(
          ['NAME', 'LATEST', 'BEST', 'STEPS'],
          Object.entries(run.metricSummaries).map(([k, m]) => [k, m.latest, m.best, run.metricHistory[k]?.length ?? 0]),
        ),
        '',
        'Tags:',
        table(['NAME', 'VALUE'], Object.entries(run.tags)),
        '',
        'Models:',
        table(
          ['NAME', 'PATH', 'FRAMEWORK', 'FLAVORS'],
          run.models.map(m => [m.name, m.path, m.framework, m.flavors.join(', ')]),
        ),
        '',
        'Files:',
        table(
          ['PATH', 'SIZE'],
          run.files.map(f => [f.path, bytes(f.size)]),
        ),
      ]
        .filter((line, i) => i > 1 || line !== '')
        .join('\n');
      return { data: run, text };
    },
  },
  {
    path: ['promote'],
    summary: "promote files or folders (a run's outputs) to a new model version (member or higher)",
    details:
      "Copies the files into the registry's content-addressed store (sha256) and records the lineage: the run the\n" +
      'files belong to (found by itself, or --run), its params, metrics and git state. The model is created when missing.\n' +
      "The version is --version, else the next v<n>; the framework --framework, else the MLmodel's flavors, else custom.\n" +
      'With --server: --run UUID is a server run, the words name its lineage artifacts (none: every output artifact), and\n' +
      "the version points at them in the server's artifacts store (nothing is uploaded).",
    args: [{ name: 'PATH', variadic: true }],
    options: {
      model: { type: 'string', placeholder: 'ORG/NAME', description: 'the model to add a version to', required: true },
      project: { type: 'string', placeholder: 'P', description: 'the project of a new model (permissions and team quotas follow it)' },
      version: { type: 'string', placeholder: 'V', description: 'the version name (default: the next v<n>)' },
      framework: { type: 'string', placeholder: 'F', description: 'pytorch, tensorflow, sklearn, xgboost, lightgbm, onnx, huggingface, custom…' },
      run: { type: 'string', placeholder: 'RUN_ID', description: 'the run whose lineage to record (default: the run the paths are in)' },
      description: { type: 'string', placeholder: 'D', description: "the version's description" },
      notes: { type: 'string', placeholder: 'TEXT', description: 'deployment notes' },
    },
    async run(ctx, a, o) {
      const model = parseOrgRef(o.model as string, 'model', 'acme/iris');
      if (model.version !== undefined) throw new UsageError('--model is ORG/NAME; give the version with --version.');
      const hub = ctx.hub();
      // on a server the files stay in its artifacts store: the words name the run's lineage artifacts (none: all)
      const onServer = !!hub.projectRuns;
      if (onServer && !o.run) {
        throw new UsageError(
          "On a Polyaxon server a promote registers a server run's artifacts: give --run UUID (and --project P if the run is not in the model's project).",
        );
      }
      const paths = onServer ? (a.PATH as string[]) : (a.PATH as string[]).map(p => path.resolve(ctx.cwd, p));
      if (!paths.length && !onServer) throw new UsageError('Give at least one file or folder to promote.');
      let run = o.run as string | undefined;
      if (!onServer && run && !path.isAbsolute(run) && !run.includes('#')) {
        const found = (await hub.runs.list(paths.map(p => path.dirname(p)))).find(r => r.id === run || r.id.startsWith(run!));
        if (!found) throw new HubError(`No run "${run}" was found around ${list(paths.map(p => shown(ctx, p)))}.`, 'not-found');
        run = found.key;
      }
      const { version, storedBytes } = await hub.registry.promote({
        org: model.org,
        model: model.name,
        project: o.project as string | undefined,
        paths,
        version: o.version as string | undefined,
        framework: o.framework as string | undefined,
        run,
        description: o.description as string | undefined,
        deploymentNotes: o.notes as string | undefined,
        createModel: true,
      });
      if (onServer) {
        return {
          data: version,
          text: `Registered ${version.ref} from run ${version.lineage.runName ?? version.lineage.runId} with ${list(version.lineage.files.map(f => f.path))} (in the server's artifacts store); stage ${version.stage}.`,
        };
      }
      const text =
        `Promoted ${plural(version.fileCount, 'file')} (${bytes(version.totalBytes)}, ${bytes(storedBytes)} new to the store) as ${version.ref}` +
        `${version.lineage.runId ? ` from run ${version.lineage.runName ?? version.lineage.runId}` : ''}; stage ${version.stage}.`;
      return { data: version, text };
    },
  },
  {
    path: ['models', 'list'],
    summary: 'list the models of an organization with their newest version and what is in production',
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const data = await ctx.hub().registry.list(a.ORG as string);
      return {
        data,
        text: table(
          ['MODEL', 'PROJECT', 'VERSIONS', 'LATEST', 'PRODUCTION', 'DESCRIPTION'],
          data.map(m => [m.name, m.project, m.versionCount, m.latest, list(m.production), m.description]),
        ),
      };
    },
  },
  {
    path: ['models', 'show'],
    summary: 'show a model (ORG/NAME) or one version (ORG/NAME:VERSION) with its lineage, files and stage history',
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const ref = parseOrgRef(a.REF as string, 'model', 'acme/iris:v1');
      const registry = ctx.hub().registry;
      if (ref.version === undefined) {
        const m = await registry.model(ref.org, ref.name);
        const text = [
          `${m.org}/${m.name}${m.project ? ` (project ${m.project})` : ''}${m.description ? ` — ${m.description}` : ''}`,
          `tags: ${list(m.tags)}; created by ${m.createdBy} on ${when(m.createdAt)}`,
          '',
          table(
            ['VERSION', 'STAGE', 'FRAMEWORK', 'RUN', 'FILES', 'SIZE', 'CREATED', 'BY'],
            m.versions.map(v => [v.name, v.stage, v.framework, v.runId?.slice(0, 12), v.fileCount, bytes(v.totalBytes), when(v.createdAt), v.createdBy]),
          ),
        ].join('\n');
        return { data: m, text };
      }
      const v = await registry.version(ref.org, ref.name, ref.version);
      return { data: v, text: versionText(v) };
    },
  },
  {
    path: ['models', 'stage'],
    summary: 'move a version to a stage: testing, staging, production, disabled (member or higher)',
    args: [{ name: 'REF' }, { name: 'STAGE' }],
    options: { reason: { type: 'string', placeholder: 'R', description: "why (kept in the version's stage history)" } },
    async run(ctx, a, o) {
      const v = await ctx.hub().registry.setStage(versionRefOf(a.REF as string), a.STAGE as string, o.reason as string | undefined);
      return { data: v, text: `${v.ref} is now ${v.stage}.` };
    },
  },
  {
    path: ['models', 'history'],
    summary: 'the stage history of a version (who, when, why), or with --at which versions were in a stage at a time',
    args: [{ name: 'REF' }],
    options: {
      at: { type: 'string', placeholder: 'TIME', description: 'ORG/NAME --at 2026-12-01T10:00Z: the versions in --stage at that time' },
      stage: { type: 'string', placeholder: 'STAGE', description: 'with --at: the stage asked about (default production)' },
    },
    async run(ctx, a, o) {
      const registry = ctx.hub().registry;
      if (o.at !== undefined) {
        const ref = parseOrgRef(a.REF as string, 'model', 'acme/iris');
        const stage = (o.stage as string | undefined) ?? 'production';
        const versions = await registry.stageAt(ref.org, ref.name, o.at as string, stage as ModelVersionView['stage']);
        const text = versions.length
          ? `In ${stage} at ${o.at}: ${versions.map(v => v.ref).join(', ')}.`
          : `No version of ${ref.org}/${ref.name} was in ${stage} at ${o.at}.`;
        return { data: versions, text };
      }
      if (o.stage !== undefined) throw new UsageError('--stage goes with --at.');
      const history = await registry.stageHistory(versionRefOf(a.REF as string));
      return {
        data: history,
        text: table(
          ['WHEN', 'FROM', 'STAGE', 'WHO', 'REASON'],
          history.map(c => [when(c.when), c.from, c.stage, c.who, c.reason]),
        ),
      };
    },
  },
  {
    path: ['models', 'verify'],
    feature: 'registry.files',
    summary: "re-hash a version's stored files against the recorded sha256 (exit 1 when any changed or went missing)",
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const report = await ctx.hub().registry.verify(versionRefOf(a.REF as string));
      const lines = report.ok
        ? [`${report.ref}: ${report.checked === 1 ? 'its one file matches its' : `all ${report.checked} files match their`} recorded sha256.`]
        : [
            `${report.ref}: ${report.changed.length} changed, ${report.missing.length} missing of ${plural(report.checked, 'file')}.`,
            ...report.changed.map(c => `  changed: ${c.path} (recorded ${c.expected.slice(0, 12)}…, now ${c.actual.slice(0, 12)}…)`),
            ...report.missing.map(m => `  missing: ${m}`),
          ];
      return { data: report, text: lines.join('\n'), exitCode: report.ok ? 0 : 1 };
    },
  },
  {
    path: ['models', 'download'],
    feature: 'registry.files',
    summary: "copy a version's files into a folder (never over existing files without asking or --force)",
    args: [{ name: 'REF' }],
    options: WRITE_OPTIONS,
    async run(ctx, a, o) {
      const ref = versionRefOf(a.REF as string);
      const dir = path.resolve(ctx.cwd, o.out as string);
      const registry = ctx.hub().registry;
      const result = await written(ctx, `${ref.org}/${ref.model}:${ref.version}`, conflict => registry.download(ref, dir, { conflict }), o.force === true);
      return { data: result, text: result.status === 'written' ? `Wrote ${plural(result.written.length, 'file')} to ${shown(ctx, dir)}.` : '' };
    },
  },
  {
    path: ['models', 'export'],
    feature: 'registry.files',
    summary: "write a version as Polyaxon's layout: DIR/VERSION/version.plx.json plus its files",
    args: [{ name: 'REF' }],
    options: WRITE_OPTIONS,
    async run(ctx, a, o) {
      const ref = versionRefOf(a.REF as string);
      const dir = path.resolve(ctx.cwd, o.out as string);
      const registry = ctx.hub().registry;
      const result = await written(ctx, `${ref.org}/${ref.model}:${ref.version}`, conflict => registry.export(ref, dir, { conflict }), o.force === true);
      return {
        data: result,
        text:
          result.status === 'written'
            ? `Exported ${ref.org}/${ref.model}:${ref.version} to ${shown(ctx, result.dir)} (${plural(result.written.length, 'file')} with version.plx.json).`
            : '',
      };
    },
  },
  {
    path: ['models', 'delete'],
    summary: 'delete a version (admin or higher); stored files no other version uses are freed',
    args: [{ name: 'REF' }],
    async run(ctx, a) {
      const ref = versionRefOf(a.REF as string);
      const freed = await ctx.hub().registry.deleteVersion(ref);
      return {
        data: { deleted: `${ref.org}/${ref.model}:${ref.version}`, ...freed },
        text: `Deleted ${ref.org}/${ref.model}:${ref.version}; freed ${plural(freed.freedBlobs, 'stored file')}, ${bytes(freed.freedBytes)}.`,
      };
    },
  },
];
