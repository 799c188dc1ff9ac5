import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';
import type { ComponentPageRequests, ComponentPageState, IOView } from '../src/protocol/component';
import { connectToHost } from './shared/host';
import { el } from './shared/ui';
import { redraw } from './shared/redraw';

// Tables, tags, badges and the version picker are native elements styled by media/page.css: the toolkit's
// grid, dropdown, badge and tag bind inline style attributes, which the page's strict CSP blocks.
provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());

const app = document.getElementById('app')!;

/** A table of text cells: user values are text nodes, never markup. */
function table(id: string, columns: [key: string, title: string][], rows: Record<string, string>[]): HTMLElement {
  return el(
    'table',
    { id, 'aria-label': id },
    el('thead', {}, el('tr', {}, ...columns.map(([, title]) => el('th', {}, title)))),
    el('tbody', {}, ...rows.map(row => el('tr', {}, ...columns.map(([key]) => el('td', {}, row[key] ?? ''))))),
  );
}

function badge(n: number): HTMLElement {
  return el('span', { class: 'badge' }, String(n));
}

function ioTable(id: string, title: string, list: IOView[]): HTMLElement {
  const body = list.length
    ? table(
        id,
        [
          ['name', 'Name'],
          ['type', 'Type'],
          ['optional', 'Optional'],
          ['value', 'Default'],
          ['description', 'Description'],
        ],
        list.map(i => ({ name: i.name, type: i.type ?? 'any', optional: i.isOptional ? 'yes' : 'no', value: i.value ?? '', description: i.description ?? '' })),
      )
    : el('p', { class: 'muted' }, `No ${title.toLowerCase()}.`);
  return el('section', {}, el('h2', {}, title, ' ', badge(list.length)), body);
}

function button(label: string, onClick: () => Promise<unknown>, attrs: Record<string, string> = {}): HTMLElement {
  const b = el('vscode-button', attrs, label);
  b.addEventListener('click', () => {
    onClick().catch((e: Error) => showError(e.message));
  });
  return b;
}

function showError(message: string): void {
  document.getElementById('error')?.replaceChildren(message);
}

function render(state: ComponentPageState): void {
  document.title = `${state.org}/${state.name}`;
  const v = state.version;
  // a native select: the toolkit's dropdown writes inline styles that the page's CSP (rightly) blocks
  const picker = el('select', { id: 'version-picker', 'aria-label': 'Version' });
  for (const option of state.versions) {
    const o = el('option', { value: option.name }, `${option.name} · ${option.stage}`);
    o.selected = option.name === v.name;
    picker.append(o);
  }
  picker.addEventListener('change', () => {
    if (picker.value && picker.value !== v.name) void host.request('selectVersion', { version: picker.value });
  });
  redraw(
    app,
    el(
      'header',
      {},
      el('h1', { id: 'component-name' }, state.name),
      el('span', { class: 'muted', id: 'component-org' }, `in ${state.org}`),
      ...state.tags.map(t => el('span', { class: 'tag' }, t)),
    ),
    el('p', { id: 'component-description', class: state.description ? '' : 'muted' }, state.description || 'No description.'),
    el(
      'div',
      { class: 'toolbar' },
      picker,
      el('span', { class: 'tag', id: 'version-stage' }, v.stage),
      button('Open YAML', () => host.request('openVersion', { version: v.name }), { appearance: 'secondary' }),
      button('Compare with File…', () => host.request('diffWithFile', { version: v.name }), { appearance: 'secondary' }),
      button('Pull into Workspace…', () => host.request('pull', { version: v.name }), { appearance: 'secondary' }),
      // shown only to roles that may use them; the host checks again
      ...(state.canStage ? [button('Set Stage…', () => host.request('setStage', { version: v.name }), { appearance: 'secondary', id: 'set-stage' })] : []),
      ...(state.canDelete
        ? [button('Delete Version…', () => host.request('deleteVersion', { version: v.name }), { appearance: 'secondary', id: 'delete-version' })]
        : []),
    ),
    el('p', { id: 'error', class: 'error', role: 'alert' }),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'hubRef'),
      el('dd', {}, el('code', { id: 'hub-ref' }, v.hubRef)),
      el('dt', {}, 'Run kind'),
      el('dd', { id: 'run-kind' }, v.runKind ?? '—'),
      el('dt', {}, 'Published'),
      el('dd', {}, `by ${v.publishedBy} on ${new Date(v.publishedAt).toLocaleString()}`),
      el('dt', {}, 'sha256'),
      el('dd', {}, el('code', {}, v.contentHash)),
      ...(v.sourcePath ? [el('dt', {}, 'Source'), el('dd', {}, v.sourcePath)] : []),
      ...(v.replaced ? [el('dt', {}, 'History'), el('dd', {}, `content replaced ${v.replaced} time${v.replaced === 1 ? '' : 's'} by an admin`)] : []),
    ),
    el('vscode-divider'),
    ioTable('inputs', 'Inputs', state.inputs),
    ioTable('outputs', 'Outputs', state.outputs),
    el(
      'section',
      {},
      el('h2', {}, 'Use it in an operation'),
      el('pre', { id: 'snippet' }, state.snippet),
      button('Copy Operation', () => host.request('copySnippet', {}), { id: 'copy-snippet' }),
    ),
    el('vscode-divider'),
    el(
      'section',
      {},
      el('h2', {}, 'Versions', ' ', badge(state.versions.length)),
      table(
        'versions',
        [
          ['name', 'Version'],
          ['stage', 'Stage'],
          ['by', 'Published by'],
          ['at', 'Published'],
          ['kind', 'Run kind'],
          ['hash', 'sha256'],
        ],
        state.versions.map(x => ({
          name: x.name,
          stage: x.stage,
          by: x.publishedBy,
          at: new Date(x.publishedAt).toLocaleString(),
          kind: x.runKind ?? '',
          hash: x.contentHash.slice(0, 12),
        })),
      ),
    ),
  );
}

const host = connectToHost<ComponentPageState, ComponentPageRequests>({
  onState: render,
  onUnavailable: message => app.replaceChildren(el('p', { class: 'error', role: 'alert' }, message)),
});
