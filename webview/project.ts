import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';
import type { ProjectPageCommand, ProjectPageRequests, ProjectPageState } from '../src/protocol/project';
import { connectToHost } from './shared/host';
import { renderMarkdown } from './shared/markdown';
import { button, countedSection, dropdown, el, notOffered, statusLine, submitOnEnter, table, unavailable } from './shared/ui';
import { redraw } from './shared/redraw';
import { pagedTable } from './shared/pagedTable';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());

const app = document.getElementById('app')!;
const status = statusLine(() => void host.request('refresh', {}).catch(() => undefined));
/** whether the readme is being edited: kept across state pushes, so a change elsewhere does not close the editor */
let editingReadme = false;

function send<K extends keyof ProjectPageRequests & string>(command: K, args: ProjectPageRequests[K]['args']): Promise<void> {
  return status.run(() => host.request(command, args));
}

function commandButton(command: ProjectPageCommand, label: string): HTMLElement {
  return button(label, () => send('run', { command }), { appearance: 'secondary' });
}

function link(label: string, onClick: () => unknown, aria: string): HTMLElement {
  const a = el('a', { href: '#', 'aria-label': aria }, label);
  a.addEventListener('click', event => {
    event.preventDefault();
    void onClick();
  });
  return a;
}

/** A text field saved when it is left or Enter is pressed (only when it changed). */
function savedField(value: string, label: string, save: (value: string) => void, placeholder = ''): HTMLInputElement {
  const input = el('input', { type: 'text', value, 'aria-label': label, placeholder, spellcheck: 'false' });
  const commit = () => {
    if (input.value !== value) save(input.value);
  };
  input.addEventListener('change', commit);
  // Enter saves and keeps the focus here (the redraw after the save gives it back to the new field)
  submitOnEnter([input], commit);
  return input;
}

function details(state: ProjectPageState): HTMLElement {
  if (!state.canConfigure) {
    return el(
      'div',
      {},
      el('p', { id: 'project-description', class: state.description ? '' : 'muted' }, state.description || 'No description.'),
      el('p', {}, ...state.tags.map(t => el('span', { class: 'tag' }, t))),
    );
  }
  const visibility = dropdown(['private', 'public'], state.isPublic ? 'public' : 'private', { 'aria-label': 'Visibility' });
  visibility.addEventListener('change', () => void send('update', { isPublic: visibility.value === 'public' }));
  return el(
    'div',
    { class: 'form' },
    el(
      'label',
      {},
      'Description ',
      savedField(state.description, 'Description', description => void send('update', { description }), 'What the project is for'),
    ),
    el(
      'label',
      {},
      'Tags ',
      savedField(state.tags.join(', '), 'Tags', tags => void send('update', { tags: tags.split(',') }), 'comma-separated'),
    ),
    el('label', {}, 'Visibility ', visibility),
  );
}

function readme(state: ProjectPageState): HTMLElement {
  const body = el('div', { id: 'readme', class: 'readme' });
  if (editingReadme && state.canConfigure) {
    const text = el('textarea', { 'aria-label': 'Readme (Markdown)', rows: '14', spellcheck: 'true' });
    // its default value, not only its value: the redraw after a change elsewhere keeps only text typed since
    text.defaultValue = state.readme;
    body.append(
      text,
      el(
        'div',
        { class: 'toolbar' },
        button('Save Readme', async () => {
          editingReadme = false;
          await send('update', { readme: text.value });
          await host.request('refresh', {});
        }),
        button(
          'Cancel',
          () => {
            editingReadme = false;
            render(state);
          },
          { appearance: 'secondary' },
        ),
      ),
    );
  } else if (state.readme.trim()) {
    body.append(renderMarkdown(state.readme, href => void send('openLink', { href })));
  } else {
    body.append(el('p', { class: 'muted' }, 'No readme yet.'));
  }
  return el(
    'section',
    {},
    el('h2', {}, 'Readme'),
    ...(state.canConfigure && !editingReadme
      ? [
          el(
            'div',
            { class: 'toolbar' },
            button(
              'Edit Readme',
              () => {
                editingReadme = true;
                render(state);
              },
              { appearance: 'secondary' },
            ),
          ),
        ]
      : []),
    body,
  );
}

function connectionForm(): HTMLElement[] {
  const name = el('input', { type: 'text', placeholder: 'name', 'aria-label': 'Connection name', spellcheck: 'false' });
  const kind = el('input', { type: 'text', placeholder: 'kind (s3, git, …)', 'aria-label': 'Connection kind', spellcheck: 'false' });
  const description = el('input', { type: 'text', placeholder: 'description', 'aria-label': 'Connection description' });
  const add = () => {
    if (name.value.trim()) void send('setConnection', { name: name.value.trim(), kind: kind.value.trim(), description: description.value });
  };
  submitOnEnter([name, kind, description], add);
  return [name, kind, description, button('Add Connection', add)];
}

function render(state: ProjectPageState): void {
  document.title = `${state.name} · ${state.org}`;
  redraw(
    app,
    el(
      'header',
      {},
      el('h1', { id: 'project-name' }, state.name),
      el('span', { class: 'tag', id: 'project-visibility' }, state.isPublic ? 'public' : 'private'),
      el(
        'span',
        { class: 'muted' },
        'project of ',
        link(state.org, () => send('openOrg', {}), `Open organization ${state.org}`),
      ),
    ),
    details(state),
    el(
      'p',
      { class: 'muted' },
      `Created by ${state.createdBy} on ${new Date(state.createdAt).toLocaleString()}; updated ${new Date(state.updatedAt).toLocaleString()}`,
    ),
    el(
      'div',
      { class: 'toolbar' },
      ...(state.canDelete
        ? [
            state.notOffered?.access ? '' : commandButton('project.restrict', 'Restrict to Teams'),
            state.notOffered?.rename ? '' : commandButton('project.rename', 'Rename'),
            commandButton('project.delete', 'Delete Project'),
          ]
        : []),
    ),
    status.element,
    el('vscode-divider'),
    readme(state),
    notOffered('Connections', state.notOffered?.connections) ??
      countedSection(
        'Connections',
        state.connections.length,
        () => [
          table(
            ['Name', 'Kind', 'Description', ''],
            state.connections.map(c => [
              c.name,
              c.kind,
              c.description,
              state.canConfigure
                ? button('Remove', () => send('removeConnection', { name: c.name }), { appearance: 'secondary', 'aria-label': `Remove connection ${c.name}` })
                : '',
            ]),
            'connections',
          ),
        ],
        'No connections.',
        ...(state.canConfigure ? connectionForm() : []),
      ),
    notOffered('Teams with access', state.notOffered?.access) ??
      countedSection(
        'Teams with access',
        state.teamAccess.total,
        () =>
          pagedTable(
            'team-access',
            ['Team', 'Role'],
            state.teamAccess,
            t => [link(t.team, () => send('openTeam', { team: t.team }), `Open team ${t.team}`), t.role],
            () => void send('showMore', { list: 'team-access' }),
          ),
        state.restrictedTo.length
          ? `Restricted to ${state.restrictedTo.join(', ')}; no team has a role on it.`
          : 'No team has a role on it; everyone in the organization may see it.',
      ),
    countedSection(
      'Models',
      state.models.total,
      () =>
        pagedTable(
          'project-models',
          ['Model', 'Description', 'Versions', 'In production'],
          state.models,
          m => [
            m.latest ? link(m.name, () => send('openModel', { model: m.name, version: m.latest! }), `Open model ${m.name}, version ${m.latest}`) : m.name,
            m.description,
            String(m.versionCount),
            m.production.join(', '),
          ],
          () => void send('showMore', { list: 'project-models' }),
        ),
      'No models in this project yet.',
    ),
  );
}

const host = connectToHost<ProjectPageState, ProjectPageRequests>({
  onState: render,
  onUnavailable: message => app.replaceChildren(unavailable(message, { label: 'Open the Organization', onClick: () => host.request('openOrg', {}) })),
});
