import {
  provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow,
  vsCodeDivider, vsCodeTag,
} from '@vscode/webview-ui-toolkit';
import type { OrgPageRequests, OrgPageState } from './shared/protocol';
import { connectToHost, el } from './shared/host';

provideVSCodeDesignSystem().register(
  vsCodeBadge(), vsCodeButton(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(), vsCodeDivider(), vsCodeTag(),
);

const app = document.getElementById('app')!;

/** A toolkit data grid from plain rows; cells are text, so user values stay inert. */
function grid(id: string, columns: [key: string, title: string][], rows: Record<string, string>[]): HTMLElement {
  const table = el('vscode-data-grid', { id, 'aria-label': id, 'grid-template-columns': columns.map(() => '1fr').join(' ') });
  const header = el('vscode-data-grid-row', { 'row-type': 'header' });
  columns.forEach(([, title], i) => header.append(el('vscode-data-grid-cell', { 'cell-type': 'columnheader', 'grid-column': String(i + 1) }, title)));
  table.append(header);
  for (const row of rows) {
    const line = el('vscode-data-grid-row');
    columns.forEach(([key], i) => line.append(el('vscode-data-grid-cell', { 'grid-column': String(i + 1) }, row[key] ?? '')));
    table.append(line);
  }
  return table;
}

function section(title: string, count: number, body: HTMLElement): HTMLElement {
  return el('section', {}, el('h2', {}, title, ' ', el('vscode-badge', {}, String(count))), body);
}

function render(state: OrgPageState): void {
  host.persist({ org: state.name });
  document.title = state.name;
  app.replaceChildren(
    el('header', {},
      el('h1', { id: 'org-name' }, state.name),
      el('vscode-tag', {}, state.isPublic ? 'public' : 'private'),
      state.myRole ? el('vscode-tag', { id: 'my-role' }, `you: ${state.myRole}`) : '',
    ),
    el('p', { id: 'org-description', class: state.description ? '' : 'muted' }, state.description || 'No description.'),
    el('p', { class: 'muted' }, `Created by ${state.createdBy} on ${new Date(state.createdAt).toLocaleString()}`),
    el('vscode-divider'),
    section('Members', state.members.length, grid('members', [['user', 'User'], ['role', 'Role'], ['name', 'Name'], ['email', 'Email']],
      state.members.map(m => ({ user: m.user, role: m.role, name: m.displayName ?? '', email: m.email ?? '' })))),
    section('Teams', state.teams.length, state.teams.length
      ? grid('teams', [['name', 'Team'], ['description', 'Description'], ['members', 'Members'], ['projects', 'Projects']],
        state.teams.map(t => ({ name: t.name, description: t.description, members: String(t.members), projects: String(t.projects) })))
      : el('p', { class: 'muted' }, 'No teams yet.')),
    section('Projects', state.projects.length, state.projects.length
      ? grid('projects', [['name', 'Project'], ['description', 'Description'], ['visibility', 'Visibility'], ['tags', 'Tags']],
        state.projects.map(p => ({ name: p.name, description: p.description, visibility: p.isPublic ? 'public' : 'private', tags: p.tags.join(', ') })))
      : el('p', { class: 'muted' }, 'No projects yet.')),
  );
}

const host = connectToHost<OrgPageState, OrgPageRequests>({
  onState: render,
  onUnavailable: message => app.replaceChildren(el('p', { class: 'error', role: 'alert' }, message)),
});
