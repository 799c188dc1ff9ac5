import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';
import type { TeamPageCommand, TeamPageRequests, TeamPageState } from '../src/protocol/team';
import { connectToHost } from './shared/host';
import { button, countedSection, dropdown, el, plural, statusLine, table, unavailable } from './shared/ui';

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
  return [
    user,
    role,
    button('Add to Team', () => {
      if (user.value.trim()) void send('setMember', { user: user.value.trim(), role: role.value });
    }),
  ];
}

function grantForm(state: TeamPageState): HTMLElement[] {
  if (!state.grantable.length) return [];
  const project = dropdown(state.grantable, state.grantable[0], { 'aria-label': 'Project to grant' });
  const role = dropdown(state.roles, 'member', { 'aria-label': 'Role on the project' });
  return [project, role, button('Grant Access', () => send('grant', { project: project.value, role: role.value }))];
}

function render(state: TeamPageState): void {
  document.title = `${state.name} · ${state.org}`;
  const quota = [
    state.quota.storage ? `${state.quota.storage} of registry storage` : 'unlimited registry storage',
    state.quota.modelVersions !== undefined ? plural(state.quota.modelVersions, 'model version') : 'unlimited model versions',
  ].join(' · ');
  app.replaceChildren(
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
    el('p', { id: 'team-quota' }, `Quota: ${quota}`),
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
      state.members.length,
      () => [
        table(
          ['User', 'Team role', ''],
          state.members.map(m => [
            m.user + (m.isMe ? ' (you)' : ''),
            roleCell(state, `Team role of ${m.user}`, m.role, role => void send('setMember', { user: m.user, role })),
            state.canManage || m.isMe
              ? button(m.isMe ? 'Leave' : 'Remove', () => send('removeMember', { user: m.user }), {
                  appearance: 'secondary',
                  'aria-label': `Remove ${m.user} from the team`,
                })
              : '',
          ]),
          'team-members',
        ),
      ],
      'No members yet.',
      ...(state.canManage ? addMemberForm(state) : []),
    ),
    countedSection(
      'Project access',
      state.projects.length,
      () => [
        table(
          ['Project', 'Role', ''],
          state.projects.map(p => [
            link(p.project, () => send('openProject', { project: p.project }), `Open project ${p.project}`),
            roleCell(state, `Role of the team on ${p.project}`, p.role, role => void send('grant', { project: p.project, role })),
            state.canManage
              ? button('Revoke', () => send('revoke', { project: p.project }), { appearance: 'secondary', 'aria-label': `Revoke access to ${p.project}` })
              : '',
          ]),
          'team-projects',
        ),
      ],
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
