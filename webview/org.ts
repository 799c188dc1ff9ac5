import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';
import type { OrgMemberRow, OrgPageCommand, OrgPageRequests, OrgPageState } from '../src/protocol/org';
import { connectToHost } from './shared/host';
import { button, countedSection, dropdown, el, notOffered, statusLine, submitOnEnter, table, unavailable } from './shared/ui';
import { redraw } from './shared/redraw';
import { pagedTable } from './shared/pagedTable';

// Form controls, badges and tags are native elements styled from the theme (media/page.css): the toolkit's
// dropdown, badge and tag templates bind inline style attributes, which a strict CSP without 'unsafe-inline' blocks.
provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());

const app = document.getElementById('app')!;
// a refused change left the store as it was: redraw from it, so a control never shows the refused value
// (the status line is kept across renders)
const status = statusLine(() => void host.request('refresh', {}).catch(() => undefined));

/** Runs a request; a refusal from the host is shown on the page, in words the core chose. */
function send<K extends keyof OrgPageRequests & string>(command: K, args: OrgPageRequests[K]['args']): Promise<void> {
  return status.run(() => host.request(command, args));
}

function memberRow(state: OrgPageState, m: OrgMemberRow): (Node | string)[] {
  const manage = state.allowed.includes('member.manage') && state.grantableRoles.includes(m.role);
  const role: Node | string = manage
    ? (() => {
        const d = dropdown(state.grantableRoles, m.role, { 'aria-label': `Role of ${m.user}` });
        d.addEventListener('change', () => {
          if (d.value !== m.role) void send('setMemberRole', { user: m.user, role: d.value });
        });
        return d;
      })()
    : m.role;
  const self = m.user === state.me;
  const remove =
    manage || self
      ? button(self ? 'Leave' : 'Remove', () => send('removeMember', { user: m.user }), {
          appearance: 'secondary',
          'aria-label': `${self ? 'Leave' : 'Remove'} ${m.user}`,
        })
      : '';
  return [m.user + (self ? ' (you)' : ''), role, m.displayName ?? '', m.email ?? '', remove];
}

function addMemberForm(state: OrgPageState): HTMLElement[] {
  const user = el('input', { type: 'text', placeholder: 'username', 'aria-label': 'Username to add', spellcheck: 'false' });
  const role = dropdown(state.grantableRoles, 'member', { 'aria-label': 'Role of the new member' });
  const add = () => {
    if (user.value.trim()) void send('addMember', { user: user.value.trim(), role: role.value });
  };
  submitOnEnter([user], add);
  return [user, role, button('Add Member', add)];
}

function commandButton(state: OrgPageState, action: string, command: OrgPageCommand, label: string, secondary = true): HTMLElement | string {
  return state.allowed.includes(action) ? button(label, () => send('run', { command }), secondary ? { appearance: 'secondary' } : {}) : '';
}

function render(state: OrgPageState): void {
  document.title = state.name;
  redraw(
    app,
    el(
      'header',
      {},
      el('h1', { id: 'org-name' }, state.name),
      el('span', { class: 'tag' }, state.isPublic ? 'public' : 'private'),
      el('span', { class: 'tag', id: 'my-role' }, state.myRole ? `you: ${state.myRole}` : 'not a member'),
    ),
    el('p', { id: 'org-description', class: state.description ? '' : 'muted' }, state.description || 'No description.'),
    state.createdAt ? el('p', { class: 'muted' }, `Created by ${state.createdBy} on ${new Date(state.createdAt).toLocaleString()}`) : '',
    el(
      'div',
      { class: 'toolbar' },
      commandButton(state, 'org.settings', 'org.editDescription', 'Edit Description'),
      commandButton(state, 'org.visibility', 'org.setVisibility', 'Change Visibility'),
      commandButton(state, 'org.rename', 'org.rename', 'Rename'),
      commandButton(state, 'org.delete', 'org.delete', 'Delete Organization'),
    ),
    status.element,
    el('vscode-divider'),
    notOffered('Members', state.notOffered?.members) ??
      countedSection(
        'Members',
        state.members.total,
        () =>
          pagedTable(
            'members',
            ['User', 'Role', 'Name', 'Email', ''],
            state.members,
            m => memberRow(state, m),
            () => void send('showMore', { list: 'members' }),
          ),
        'No members.',
        ...(state.allowed.includes('member.manage') ? addMemberForm(state) : []),
      ),
    notOffered('Teams', state.notOffered?.teams) ??
      countedSection(
        'Teams',
        state.teams.total,
        () =>
          pagedTable(
            'teams',
            ['Team', 'Description', 'Members', 'Projects'],
            state.teams,
            t => [t.name, t.description, String(t.members), String(t.projects)],
            () => void send('showMore', { list: 'teams' }),
          ),
        'No teams yet.',
        commandButton(state, 'team.manage', 'team.create', 'Create Team', false),
      ),
    countedSection(
      'Projects',
      state.projects.total,
      () =>
        pagedTable(
          'projects',
          ['Project', 'Description', 'Visibility', 'Tags'],
          state.projects,
          p => [p.name, p.description, p.isPublic ? 'public' : 'private', p.tags.join(', ')],
          () => void send('showMore', { list: 'projects' }),
        ),
      'No projects yet.',
      commandButton(state, 'project.create', 'project.create', 'Create Project', false),
    ),
    notOffered('Recent activity', state.notOffered?.activity) ??
      (state.activity
        ? el(
            'section',
            {},
            el('h2', {}, 'Recent activity'),
            table(
              ['When', 'Who', 'Action', 'Target'],
              state.activity.map(e => [new Date(e.when).toLocaleString(), e.who, e.action, e.target]),
              'activity',
            ),
          )
        : ''),
  );
}

const host = connectToHost<OrgPageState, OrgPageRequests>({
  onState: render,
  onUnavailable: message => app.replaceChildren(unavailable(message)),
});
