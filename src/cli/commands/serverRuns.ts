// `runs list` and `runs show` on a Polyaxon server: the runs a project recorded there (every page, newest first),
// not runs discovered in local folders. Printing only; the reads are the backend's (ProjectRunService).
import { HubError, parseOrgRef, type ProjectRunService, type ServerRunSummary } from '../../core/client';
import { UsageError, type Output } from '../args';
import { bytes, list, table } from './format';

const when = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

function projectRef(text: string): { org: string; project: string } {
  const ref = parseOrgRef(text, 'project', 'default/vision');
  if (ref.version !== undefined) throw new UsageError(`A project is ORG/PROJECT (got "${text}").`);
  return { org: ref.org, project: ref.name };
}

/** the numeric outputs: Polyaxon merges each metric's last value into a run's outputs */
function numericOutputs(outputs: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(outputs).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}

function runRow(r: ServerRunSummary) {
  return {
    id: r.uuid,
    name: r.name,
    source: 'server',
    status: r.status,
    path: `${r.org}/${r.project}`,
    createdAt: r.createdAt,
    params: r.inputs,
    metrics: numericOutputs(r.outputs),
  };
}

export async function listServerRuns(runs: ProjectRunService, server: string, projects: string[], limitText?: string): Promise<Output> {
  if (!projects.length) throw new UsageError(`With --server, name the projects whose runs to list: runs list ORG/PROJECT... (on ${server}).`);
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw new UsageError(`--limit is a whole number above 0 (got "${limitText}").`);
  const rows: ServerRunSummary[] = [];
  for (const p of projects) {
    const { org, project } = projectRef(p);
    rows.push(...(await runs.list(org, project, { limit })));
  }
  const text = table(
    ['UUID', 'NAME', 'PROJECT', 'STATUS', 'CREATED', 'METRICS'],
    rows.map(r => [
      r.uuid.slice(0, 12),
      r.name,
      `${r.org}/${r.project}`,
      r.status,
      when(r.createdAt),
      Object.entries(numericOutputs(r.outputs))
        .slice(0, 3)
        .map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`)
        .join(' '),
    ]),
  );
  return { data: rows.map(runRow), text };
}

/** RUN: a uuid, its first characters, or a run name of the project */
export async function showServerRun(runs: ProjectRunService, ref: string, projectText?: string): Promise<Output> {
  if (!projectText) throw new UsageError("With --server, give the run's project: runs show RUN --project ORG/PROJECT.");
  const { org, project } = projectRef(projectText);
  let uuid = ref;
  if (!/^[0-9a-f]{32}$/i.test(ref)) {
    const matches = (await runs.list(org, project)).filter(r => r.uuid.startsWith(ref.toLowerCase()) || r.name === ref);
    if (!matches.length) throw new HubError(`${org}/${project} has no run whose uuid starts with or whose name is "${ref}".`, 'not-found');
    if (matches.length > 1) {
      throw new HubError(
        `"${ref}" matches ${matches.length} runs of ${org}/${project} (${list(matches.slice(0, 5).map(r => r.uuid.slice(0, 12)))}); give more of the uuid.`,
        'ambiguous',
      );
    }
    uuid = matches[0].uuid;
  }
  const run = await runs.get(org, project, uuid);
  const metricRows = Object.entries(run.metrics).map(([name, points]) => [name, points.at(-1)?.value, points.length]);
  const text = [
    `${run.name} (${run.uuid}) — ${run.org}/${run.project}, ${run.status}${run.kind ? `, ${run.kind}` : ''}`,
    `created ${when(run.createdAt) || '-'} by ${run.createdBy ?? '-'}; started ${when(run.startedAt) || '-'}, finished ${when(run.finishedAt) || '-'}`,
    run.description ? `description: ${run.description}` : '',
    `tags: ${list(run.tags)}`,
    '',
    'Statuses:',
    table(
      ['WHEN', 'STATUS', 'REASON', 'MESSAGE'],
      run.statusConditions.map(c => [when(c.when), c.type, c.reason, c.message]),
    ),
    '',
    'Inputs:',
    table(
      ['NAME', 'VALUE'],
      Object.entries(run.inputs).map(([k, v]) => [k, JSON.stringify(v)]),
    ),
    '',
    'Outputs:',
    table(
      ['NAME', 'VALUE'],
      Object.entries(run.outputs).map(([k, v]) => [k, JSON.stringify(v)]),
    ),
    '',
    'Metrics:',
    run.metricsUnavailable ?? table(['NAME', 'LATEST', 'STEPS'], metricRows),
    '',
    'Lineage (what a promote can register):',
    table(
      ['NAME', 'KIND', 'PATH', 'INPUT'],
      run.lineage.map(l => [l.name, l.kind, l.path, l.isInput ? 'yes' : 'no']),
    ),
    '',
    'Artifacts:',
    table(['PATH', 'SIZE'], [...run.artifacts.dirs.map(d => [`${d}/`, '']), ...run.artifacts.files.map(f => [f.path, bytes(f.size)])]),
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  return { data: run, text };
}
