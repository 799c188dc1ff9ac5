import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';
import type { TeamPageCommand, TeamPageRequests, TeamPageState } from '../src/protocol/team';
import { connectToHost } from './shared/host';
import { button, countedSection, dropdown, el, plural, statusLine, submitOnEnter, table, unavailable } from './shared/ui';
import { redraw } from './shared/redraw';
import { pagedTable } from './shared/pagedTable';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());

const app = document.getElementById('app')!;
const status = statusLine(() => void host.request('refresh', {}).catch(() => undefined));

function send<K extends keyof TeamPageRequests & string>(command: K, args: TeamPageRequests[K]['args']): Promise<void> {
  return status.run(() => host.request(command, args));
}

function commandButton(state: TeamPageState, command: TeamPageCommand, label: string): HTMLElement | string {
  return state.canManage ? button(label, () => send('run', { command }), { appearance: 'secondary' }) : '';
}

function link(label: string, onClick: () => unknown, aria: string): HTMLElement {
  const a = el('a', { href: '#', 'aria-label': aria }, label);
  a.addEventListener('click', event => {
    event.preventDefault();
    void onClick();
  });
  return a;
}

function roleCell(state: TeamPageState, label: string, role: string, change: (role: string) => void): Node | string {
  if (!state.canManage) return role;
  const d = dropdown(state.roles, role, { 'aria-label': label });
  d.addEventListener('change', () => {
    if (d.value !== role) change(d.value);
  });
  return d;
}

function addMemberForm(state: TeamPageState): HTMLElement[] {
  const user = el('input', { type: 'text', placeholder: 'username', 'aria-label': 'Username to add to the team', spellcheck: 'false' });
  // the least powerful role is the one offered: raising it is a deliberate choice
  const role = dropdown(state.roles, 'member', { 'aria-label': 'Team role of the new member' });
  const add = () => {
    if (user.value.trim()) void send('setMember', { user: user.value.trim(), role: role.value });
  };
  submitOnEnter([user], add);
  return [user, role, button('Add to Team', add)];
}

/** Past this many projects to grant, the project is typed (with the names suggested), not found in a long select. */
const SELECT_AT_MOST = 50;

function grantForm(state: TeamPageState): HTMLElement[] {
  if (!state.grantable.length) return [];
  const role = dropdown(state.roles, 'member', { 'aria-label': 'Role on the project' });
  if (state.grantable.length <= SELECT_AT_MOST) {
    const project = dropdown(state.grantable, state.grantable[0], { 'aria-label': 'Project to grant' });
    return [project, role, button('Grant Access', () => send('grant', { project: project.value, role: role.value }))];
  }
  // the browser's own suggestions filter thousands of names as one types; a name that is none of them is refused inline
  const names = el('datalist', { id: 'grantable-projects' }, ...state.grantable.map(name => el('option', { value: name })));
  const project = el('input', {
    type: 'text',
    list: 'grantable-projects',
    'aria-label': 'Project to grant',
    placeholder: `Search ${state.grantable.length.toLocaleString('en-US')} projects`,
    spellcheck: 'false',
  });
  const grant = () => void send('grant', { project: project.value.trim(), role: role.value });
  submitOnEnter([project], grant);
  return [project, names, role, button('Grant Access', grant)];
}

/** Each quota beside what it counts now: "1.2 MiB of 5 GB (0%)", "3 of 10 model versions". */
function quotaTable(state: TeamPageState): HTMLElement {
  const q = state.quota;
  const storage =
    q.storage === undefined
      ? `${q.storageUsed ?? '—'} used · no limit`
      : `${q.storageUsed ?? '?'} of ${q.storage}${q.storageShare !== undefined ? ` (${Math.round(q.storageShare * 100)}%)` : ''}`;
  const versions =
    q.modelVersions === undefined
      ? `${q.modelVersionsUsed === undefined ? '—' : plural(q.modelVersionsUsed, 'model version')} · no limit`
      : `${q.modelVersionsUsed ?? '?'} of ${plural(q.modelVersions, 'model version')}`;
  return el(
    'section',
    { id: 'team-quota' },
    el('h2', {}, 'Quota'),
    table(
      ['Registry', 'Usage'],
      [
        ['Storage', storage],
        ['Model versions', versions],
      ],
      'team-quota-usage',
    ),
  );
}

function render(state: TeamPageState): void {
  document.title = `${state.name} · ${state.org}`;
  redraw(
    app,
    el(
      'header',
      {},
      el('h1', { id: 'team-name' }, state.name),
      el(
        'span',
        { class: 'muted' },
        'team of ',
        link(state.org, () => send('openOrg', {}), `Open organization ${state.org}`),
      ),
    ),
    el('p', { id: 'team-description', class: state.description ? '' : 'muted' }, state.description || 'No description.'),
    quotaTable(state),
    el(
      'div',
      { class: 'toolbar' },
      commandButton(state, 'team.edit', 'Edit Description'),
      commandButton(state, 'team.setQuota', 'Set Quota'),
      commandButton(state, 'team.rename', 'Rename'),
      commandButton(state, 'team.delete', 'Delete Team'),
    ),
    status.element,
    el('vscode-divider'),
    countedSection(
      'Members',
      state.members.total,
      () =>
        pagedTable(
          'team-members',
          ['User', 'Team role', ''],
          state.members,
          m => [
            m.user + (m.isMe ? ' (you)' : ''),
            roleCell(state, `Team role of ${m.user}`, m.role, role => void send('setMember', { user: m.user, role })),
            state.canManage || m.isMe
              ? button(m.isMe ? 'Leave' : 'Remove', () => send('removeMember', { user: m.user }), {
                  appearance: 'secondary',
                  'aria-label': `Remove ${m.user} from the team`,
                })
              : '',
          ],
          () => void send('showMore', { list: 'team-members' }),
        ),
      'No members yet.',
      ...(state.canManage ? addMemberForm(state) : []),
    ),
    countedSection(
      'Project access',
      state.projects.total,
      () =>
        pagedTable(
          'team-projects',
          ['Project', 'Role', ''],
          state.projects,
          p => [
            link(p.project, () => send('openProject', { project: p.project }), `Open project ${p.project}`),
            roleCell(state, `Role of the team on ${p.project}`, p.role, role => void send('grant', { project: p.project, role })),
            state.canManage
              ? button('Revoke', () => send('revoke', { project: p.project }), { appearance: 'secondary', 'aria-label': `Revoke access to ${p.project}` })
              : '',
          ],
          () => void send('showMore', { list: 'team-projects' }),
        ),
      'No project access yet.',
      ...(state.canManage ? grantForm(state) : []),
    ),
    state.activity
      ? el(
          'section',
          {},
          el('h2', {}, 'Recent activity'),
          state.activity.length
            ? table(
                ['When', 'Who', 'Action', 'Target'],
                state.activity.map(e => [new Date(e.when).toLocaleString(), e.who, e.action, e.target]),
                'team-activity',
              )
            : el('p', { class: 'muted' }, 'Nothing yet.'),
        )
      : '',
  );
}

const host = connectToHost<TeamPageState, TeamPageRequests>({
  onState: render,
  onUnavailable: message => app.replaceChildren(unavailable(message, { label: 'Open the Organization', onClick: () => host.request('openOrg', {}) })),
});
