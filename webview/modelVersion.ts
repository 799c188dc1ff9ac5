import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';
import type { ModelVersionCommand, ModelVersionPageRequests, ModelVersionPageState } from '../src/protocol/modelVersion';
import { linkBundledStylesheet, metricChart, resetCharts } from './shared/chart';
import { connectToHost } from './shared/host';
import { el } from './shared/ui';
import { formatBytes, lineageGraph } from './shared/lineageGraph';
import './shared/registry.css';
import { redraw } from './shared/redraw';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());
linkBundledStylesheet();

const app = document.getElementById('app')!;

function table(id: string, columns: [key: string, title: string, numeric?: boolean][], rows: Record<string, string>[]): HTMLElement {
  return el(
    'table',
    { id, 'aria-label': id },
    el('thead', {}, el('tr', {}, ...columns.map(([, title]) => el('th', {}, title)))),
    el('tbody', {}, ...rows.map(row => el('tr', {}, ...columns.map(([key, , numeric]) => el('td', numeric ? { class: 'num' } : {}, row[key] ?? ''))))),
  );
}

function number(n: number | undefined): string {
  return n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, '');
}

function section(id: string, title: string, count: number | undefined, ...body: (Node | string)[]): HTMLElement {
  return el(
    'section',
    { id: `${id}-section` },
    el('h2', {}, title, ...(count === undefined ? [] : [' ', el('span', { class: 'badge' }, String(count))])),
    ...body,
  );
}

function empty(text: string): HTMLElement {
  return el('p', { class: 'muted' }, text);
}

function button(label: string, command: ModelVersionCommand, primary = false): HTMLElement {
  const b = el('vscode-button', { id: `action-${command}`, ...(primary ? {} : { appearance: 'secondary' }) }, label);
  b.addEventListener('click', () => {
    host.request('run', { command }).catch((e: Error) => document.getElementById('error')?.replaceChildren(e.message));
  });
  return b;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

function render(s: ModelVersionPageState): void {
  document.title = s.ref;
  resetCharts();
  const l = s.lineage;
  redraw(
    app,
    el(
      'header',
      {},
      el('h1', { id: 'version-ref' }, s.ref),
      el('span', { class: `tag stage-${s.stage}`, id: 'version-stage' }, s.stage),
      ...s.tags.map(t => el('span', { class: 'tag' }, t)),
    ),
    el('p', { class: s.description ? '' : 'muted', id: 'version-description' }, s.description || 'No description.'),
    el(
      'div',
      { class: 'toolbar' },
      ...(s.canWrite ? [button('Set Stage…', 'setStage', true)] : []),
      button('Verify', 'verify'),
      button('Compare with…', 'compare'),
      button('Download…', 'download'),
      button('Export…', 'export'),
      button('Reveal Source Run', 'revealRun'),
      button('Copy Reference', 'copyRef'),
      ...(s.canDelete ? [button('Delete…', 'delete')] : []),
    ),
    el('p', { id: 'error', class: 'error', role: 'alert' }),
    section(
      'overview',
      'Overview',
      undefined,
      el(
        'dl',
        { class: 'facts', id: 'overview' },
        el('dt', {}, 'Model'),
        el('dd', {}, `${s.org}${s.project ? ` / ${s.project}` : ''} / ${s.model}`),
        el('dt', {}, 'Framework'),
        el('dd', { id: 'framework' }, s.framework),
        el('dt', {}, 'Created'),
        el('dd', {}, `by ${s.createdBy} on ${when(s.createdAt)}`),
        el('dt', {}, 'Source run'),
        el('dd', { id: 'source-run' }, l.runName || l.runId ? `${l.runName ?? ''}${l.runId ? ` (${l.runId})` : ''} · ${l.source}` : `${l.source} (no run)`),
        ...(l.sourcePath ? [el('dt', {}, 'Source path'), el('dd', {}, el('code', {}, l.sourcePath))] : []),
        el('dt', {}, 'Git'),
        el(
          'dd',
          { id: 'git' },
          l.gitCommit ? `${l.gitCommit.slice(0, 12)}${l.gitBranch ? ` on ${l.gitBranch}` : ''}${l.gitDirty ? ' (uncommitted changes)' : ''}` : 'not recorded',
        ),
        ...(s.deploymentNotes ? [el('dt', {}, 'Deployment'), el('dd', { id: 'deployment-notes' }, s.deploymentNotes)] : []),
      ),
    ),
    section('lineage', 'Lineage', undefined, lineageGraph(l, s.artifacts, { ref: s.ref, stage: s.stage })),
    el('vscode-divider'),
    section(
      'params',
      'Parameters',
      s.params.length,
      s.params.length
        ? table(
            'params',
            [
              ['name', 'Name'],
              ['value', 'Value'],
            ],
            s.params,
          )
        : empty('No parameters recorded.'),
    ),
    section(
      'metrics',
      'Metrics',
      s.metrics.length,
      s.metrics.length
        ? table(
            'metrics',
            [
              ['name', 'Name'],
              ['latest', 'Latest', true],
              ['best', 'Best', true],
            ],
            s.metrics.map(m => ({ name: m.name, latest: number(m.latest), best: number(m.best) })),
          )
        : empty('No metrics recorded.'),
    ),
    section(
      'curves',
      'Metric curves',
      s.curves.length,
      s.curves.length
        ? el('div', { class: 'charts', id: 'charts' }, ...s.curves.map(c => metricChart(c.name, [s.version], [c])))
        : empty('The source run recorded no metric history.'),
    ),
    section(
      'artifacts',
      'Artifacts',
      s.artifacts.length,
      s.artifacts.length
        ? table(
            'artifacts',
            [
              ['path', 'Path'],
              ['size', 'Size', true],
              ['sha256', 'sha256'],
            ],
            s.artifacts.map(a => ({ path: a.path, size: formatBytes(a.size), sha256: a.sha256 })),
          )
        : empty('No artifacts.'),
    ),
    section(
      'stages',
      'Stage history',
      s.stageHistory.length,
      table(
        'stage-history',
        [
          ['stage', 'Stage'],
          ['who', 'By'],
          ['when', 'When'],
          ['reason', 'Reason'],
        ],
        [...s.stageHistory].reverse().map(h => ({ stage: h.stage, who: h.who, when: when(h.when), reason: h.reason })),
      ),
    ),
    section('readme', 'Readme', undefined, s.readme ? el('div', { class: 'readme', id: 'readme' }, s.readme) : empty('No readme.')),
  );
}

const host = connectToHost<ModelVersionPageState, ModelVersionPageRequests>({
  onState: render,
  onUnavailable: message => {
    resetCharts();
    app.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
  },
});
