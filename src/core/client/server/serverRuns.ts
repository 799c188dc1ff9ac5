// Runs a Polyaxon server records: /api/v1/{owner}/{project}/runs[/{uuid}[/statuses|/lineage/artifacts]] and the
// streams API (/streams/v1/{namespace}/{owner}/{project}/runs/{uuid}/events|artifacts) for metrics and files.
import { HubError } from '../../errors';
import { parseMetricEvents } from '../../registry/runs/polyaxonOffline';
import type { MetricPoint, ProjectRunService, ServerRunArtifact, ServerRunSummary, ServerRunView, ServerStatusCondition } from '../types';
import { projectPath, type ServerContext } from './context';
import { allPages } from './paginate';
import type { Json } from './wire';

export class ServerRuns implements ProjectRunService {
  constructor(private readonly ctx: ServerContext) {}

  async list(org: string, project: string, options: { limit?: number; signal?: AbortSignal } = {}): Promise<ServerRunSummary[]> {
    this.ctx.checkOwner(org);
    const rows = await allPages(this.ctx.http, `${projectPath(org, project)}/runs`, {
      query: { sort: '-created_at' },
      limit: options.limit,
      signal: options.signal,
      subject: `the runs of ${org}/${project}`,
    });
    return rows.map(r => this.summary(org, project, this.ctx.wire.record(r, 'run')));
  }

  async get(org: string, project: string, uuid: string, options: { signal?: AbortSignal } = {}): Promise<ServerRunView> {
    this.ctx.checkOwner(org);
    const w = this.ctx.wire;
    const base = `${projectPath(org, project)}/runs/${encodeURIComponent(uuid)}`;
    const subject = `run ${uuid} of ${org}/${project}`;
    const signal = options.signal;
    const run = w.record(await this.ctx.http.json(base, { signal, subject }), 'run');
    const [statuses, lineage] = await Promise.all([
      this.ctx.http.json(`${base}/statuses`, { signal, subject: `the statuses of ${subject}` }).then(s => w.record(s, 'run statuses')),
      allPages(this.ctx.http, `${base}/lineage/artifacts`, { signal, subject: `the artifacts lineage of ${subject}` }),
    ]);
    const streams = this.streams(run, org, project, uuid);
    const metaInfo = w.dict(run, 'meta_info');
    const [metrics, artifacts] = await Promise.all([
      metaInfo.has_metrics ? this.metrics(streams, uuid, signal) : Promise.resolve({ metrics: {} }),
      this.tree(streams, uuid, '', signal),
    ]);
    return {
      ...this.summary(org, project, run),
      description: w.optStr(run, 'description') ?? '',
      statusConditions: w.list(statuses, 'status_conditions').map(c => statusCondition(w.record(c, 'status condition'))),
      lineage: lineage.map(a => this.artifact(w.record(a, 'lineage artifact'))),
      ...metrics,
      artifacts,
    };
  }

  async artifacts(org: string, project: string, uuid: string, path = ''): Promise<{ files: { path: string; size: number }[]; dirs: string[] }> {
    this.ctx.checkOwner(org);
    const run = this.ctx.wire.record(
      await this.ctx.http.json(`${projectPath(org, project)}/runs/${encodeURIComponent(uuid)}`, { subject: `run ${uuid}` }),
      'run',
    );
    return this.tree(this.streams(run, org, project, uuid), uuid, path);
  }

  /** the run's streams API root: its files and events are served per namespace (the run's settings say which) */
  private streams(run: Json, org: string, project: string, uuid: string): string {
    const namespace = this.ctx.wire.optStr(this.ctx.wire.dict(run, 'settings'), 'namespace') ?? 'polyaxon';
    return `/streams/v1/${encodeURIComponent(namespace)}/${projectPath(org, project)}/runs/${encodeURIComponent(uuid)}`;
  }

  /**
   * The run's metric curves. The names come from the run's own event files (`events/metric/<name>.plx`: the
   * events API reads only the names it is given). The server's parsed events come first; when it fails on them,
   * the raw event files it also serves are read instead; when both fail the view still stands, saying why.
   * Only a cancel propagates.
   */
  private async metrics(streams: string, uuid: string, signal?: AbortSignal): Promise<{ metrics: Record<string, MetricPoint[]>; metricsUnavailable?: string }> {
    let names: string[];
    try {
      const tree = await this.tree(streams, uuid, METRIC_EVENTS, signal);
      names = tree.files
        .map(f => f.path.slice(METRIC_EVENTS.length + 1))
        .filter(n => n.endsWith('.plx'))
        .map(n => n.slice(0, -'.plx'.length));
    } catch (err) {
      return { metrics: {}, metricsUnavailable: unavailable(err) };
    }
    if (!names.length) return { metrics: {} };
    try {
      return { metrics: await this.parsedEvents(streams, uuid, names, signal) };
    } catch (parsedError) {
      rethrowCancel(parsedError);
      try {
        return { metrics: await this.rawEvents(streams, uuid, names, signal) };
      } catch (rawError) {
        rethrowCancel(rawError);
        return { metrics: {}, metricsUnavailable: unavailable(parsedError) };
      }
    }
  }

  /** `events/metric?names=…`: the server parses the event files into {step, metric, timestamp} columns */
  private async parsedEvents(streams: string, uuid: string, names: string[], signal?: AbortSignal): Promise<Record<string, MetricPoint[]>> {
    const w = this.ctx.wire;
    const answer = w.record(
      await this.ctx.http.json(`${streams}/events/metric`, { query: { names: names.join(','), force: 'true' }, signal, subject: `the metrics of run ${uuid}` }),
      'metric events',
    );
    const out: Record<string, MetricPoint[]> = {};
    for (const item of w.list(answer, 'data')) {
      const event = w.record(item, 'metric event');
      const data = w.dict(event, 'data');
      const steps = w.list(data, 'step'),
        values = w.list(data, 'metric'),
        times = w.list(data, 'timestamp');
      out[w.str(event, 'name', 'metric event')] = values
        .map((v, i) => ({
          step: typeof steps[i] === 'number' ? (steps[i] as number) : i,
          value: Number(v),
          ...(typeof times[i] === 'string' && !Number.isNaN(Date.parse(times[i] as string)) ? { timestamp: Date.parse(times[i] as string) } : {}),
        }))
        .filter(p => Number.isFinite(p.value));
    }
    return out;
  }

  /** each `events/metric/<name>.plx` as the file the tracking client wrote (`artifact?path=…&stream=true`), parsed here */
  private async rawEvents(streams: string, uuid: string, names: string[], signal?: AbortSignal): Promise<Record<string, MetricPoint[]>> {
    const out: Record<string, MetricPoint[]> = {};
    for (const name of names) {
      const path = `${METRIC_EVENTS}/${name}.plx`;
      const text = await this.ctx.http.text(`${streams}/artifact`, {
        query: { path, stream: 'true', force: 'true' },
        signal,
        subject: `${path} of run ${uuid}`,
      });
      try {
        out[name] = parseMetricEvents(text).filter(p => Number.isFinite(p.value));
      } catch (err) {
        throw this.ctx.wire.malformed(`metric event file ${path}`, `is not a Polyaxon event file (${(err as Error).message})`);
      }
    }
    return out;
  }

  private async tree(streams: string, uuid: string, path: string, signal?: AbortSignal) {
    const w = this.ctx.wire;
    const t = w.record(
      await this.ctx.http.json(`${streams}/artifacts/tree`, { query: { path: path || undefined }, signal, subject: `the artifacts of run ${uuid}` }),
      'artifacts tree',
    );
    const prefix = path ? `${path.replace(/\/+$/, '')}/` : '';
    const files = Object.entries(w.dict(t, 'files')).map(([name, size]) => ({ path: `${prefix}${name}`, size: typeof size === 'number' ? size : 0 }));
    return { files, dirs: w.strings(t, 'dirs').map(d => `${prefix}${d}`) };
  }

  summary(org: string, project: string, r: Json): ServerRunSummary {
    const w = this.ctx.wire;
    return {
      org,
      project,
      uuid: w.str(r, 'uuid', 'run'),
      name: w.optStr(r, 'name') ?? w.str(r, 'uuid', 'run'),
      status: w.optStr(r, 'status') ?? 'unknown',
      kind: w.optStr(r, 'kind'),
      createdAt: w.optStr(r, 'created_at') ?? '',
      startedAt: w.optStr(r, 'started_at'),
      finishedAt: w.optStr(r, 'finished_at'),
      duration: w.num(r, 'duration'),
      tags: w.strings(r, 'tags'),
      inputs: w.dict(r, 'inputs'),
      outputs: w.dict(r, 'outputs'),
      createdBy: w.optStr(r, 'user'),
    };
  }

  private artifact(a: Json): ServerRunArtifact {
    const w = this.ctx.wire;
    return {
      name: w.str(a, 'name', 'lineage artifact'),
      kind: w.optStr(a, 'kind') ?? 'file',
      path: w.optStr(a, 'path'),
      isInput: a.is_input === true,
      summary: w.dict(a, 'summary'),
    };
  }
}

const METRIC_EVENTS = 'events/metric';

function rethrowCancel(err: unknown): void {
  if (err instanceof HubError && err.code === 'cancelled') throw err;
}

function unavailable(err: unknown): string {
  rethrowCancel(err);
  return `metrics unavailable: ${err instanceof Error ? err.message : String(err)}`;
}

function statusCondition(c: Json): ServerStatusCondition {
  return {
    type: typeof c.type === 'string' ? c.type : 'unknown',
    reason: typeof c.reason === 'string' ? c.reason : undefined,
    message: typeof c.message === 'string' ? c.message : undefined,
    when: typeof c.last_transition_time === 'string' ? c.last_transition_time : typeof c.last_update_time === 'string' ? c.last_update_time : '',
  };
}
