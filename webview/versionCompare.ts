import type { CompareRow, VersionComparePageRequests, VersionComparePageState } from '../src/protocol/versionCompare';
import { linkBundledStylesheet, metricChart, resetCharts, seriesColor } from './shared/chart';
import { connectToHost } from './shared/host';
import { el } from './shared/ui';
import './shared/registry.css';
import { redraw } from './shared/redraw';

linkBundledStylesheet();
const app = document.getElementById('app')!;

/** A side-by-side table: a column per version; rows whose values differ are marked. */
function compareTable(id: string, title: string, versions: string[], rows: CompareRow[]): HTMLElement {
  const body = rows.length
    ? el(
        'table',
        { id, 'aria-label': title },
        el('thead', {}, el('tr', {}, el('th', {}, 'Name'), ...versions.map(v => el('th', {}, v)))),
        el(
          'tbody',
          {},
          ...rows.map(r => el('tr', r.differs ? { class: 'differs' } : {}, el('td', {}, r.name), ...r.values.map(v => el('td', { class: 'num' }, v ?? '—')))),
        ),
      )
    : el('p', { class: 'muted' }, `No ${title.toLowerCase()}.`);
  const differing = rows.filter(r => r.differs).length;
  return el(
    'section',
    { id: `${id}-section` },
    el(
      'h2',
      {},
      title,
      ' ',
      el('span', { class: 'badge' }, String(rows.length)),
      ...(differing ? [el('span', { class: 'muted' }, `${differing} differ${differing === 1 ? 's' : ''}`)] : []),
    ),
    body,
  );
}

function render(s: VersionComparePageState): void {
  document.title = `Compare ${s.versions.map(v => v.version).join(', ')}`;
  resetCharts();
  const names = s.versions.map(v => v.ref);
  redraw(
    app,
    el('header', {}, el('h1', {}, 'Compare model versions')),
    el(
      'table',
      { id: 'compared-versions', 'aria-label': 'Compared versions' },
      el('thead', {}, el('tr', {}, ...['Version', 'Stage', 'Framework', 'Run', 'Created'].map(t => el('th', {}, t)))),
      el(
        'tbody',
        {},
        ...s.versions.map((v, i) => {
          const swatch = el('span', { class: 'swatch' });
          swatch.style.background = seriesColor(i); // CSSOM, not an inline style attribute: allowed by the CSP
          const link = el('a', { href: '#' }, v.ref);
          link.addEventListener('click', e => {
            e.preventDefault();
            void host.request('open', { ref: v.ref });
          });
          return el(
            'tr',
            {},
            el('td', {}, swatch, link),
            el('td', {}, v.stage),
            el('td', {}, v.framework),
            el('td', {}, v.run ?? '—'),
            el('td', {}, new Date(v.createdAt).toLocaleString()),
          );
        }),
      ),
    ),
    compareTable('params', 'Parameters', names, s.params),
    compareTable('metrics', 'Metrics (latest)', names, s.metrics),
    compareTable('best', 'Metrics (best)', names, s.best),
    compareTable('artifacts', 'Artifacts', names, s.artifacts),
    el(
      'section',
      { id: 'curves-section' },
      el('h2', {}, 'Metric curves', ' ', el('span', { class: 'badge' }, String(s.curves.length))),
      s.curves.length
        ? el('div', { class: 'charts', id: 'charts' }, ...s.curves.map(c => metricChart(c.name, names, c.series)))
        : el('p', { class: 'muted' }, 'None of these versions has a metric history.'),
    ),
  );
}

const host = connectToHost<VersionComparePageState, VersionComparePageRequests>({
  onState: render,
  onUnavailable: message => {
    resetCharts();
    app.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
  },
});
