// The team page used by keyboard alone, in the real VS Code: opened from the palette, Tab visits every control once
// in reading order, each named and showing a visible focus ring; a role is changed with the arrow keys, a member
// added with Enter and another with the button, one removed, and after each change (the page redraws from the
// store) the focus is where the user left it, not back at the top of the page. Then the project page, reached with
// Enter on the team page's project link: Tab visits its every control; the description is saved with Enter, the
// visibility changed with an arrow key, the readme edited and saved with Space, a connection added with Enter and
// removed with Enter on its Remove button, all without the mouse.
/* global document, getComputedStyle, innerHeight -- in the functions page.evaluate runs in the webview */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const ORG = 'keys-lab';

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', 'tester', ...args], { encoding: 'utf8' });
  const teamRoles = () => {
    const shown = JSON.parse(cli('team', 'show', ORG, 'research', '--json'));
    return Object.fromEntries((shown.team ?? shown).members.map(m => [m.user, m.role]));
  };
  const project = () => JSON.parse(cli('project', 'show', ORG, 'detector', '--json'));
  const until = async (what, check) => {
    for (const end = Date.now() + 60_000; Date.now() < end; await page.waitForTimeout(100)) if (check()) return;
    assert.fail(`timed out waiting for ${what}`);
  };

  /**
   * The focused control of the page: what names it, whether the page's frame has the focus, whether it shows a
   * focus ring (an outline on it or, for a toolkit button, on the button inside its shadow root) and whether it is
   * on screen.
   */
  const focused = () =>
    ui
      .webview()
      .locator('body')
      .evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body || !document.hasFocus()) return { name: null };
        const inner = e.shadowRoot?.activeElement ?? e.shadowRoot?.querySelector('.control') ?? e;
        const style = getComputedStyle(inner);
        const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const r = e.getBoundingClientRect();
        const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
        return { name: `${e.localName} ${e.getAttribute('aria-label') ?? e.textContent.trim()}`, ring, onScreen };
      });

  /** Every control of the page in document order, named as `focused` names them. */
  const controls = () =>
    ui
      .webview()
      .locator('#app')
      .evaluate(app =>
        Array.from(app.querySelectorAll('a[href], button, input, select, textarea, vscode-button'))
          .filter(e => !e.hasAttribute('disabled') && e.getAttribute('tabindex') !== '-1')
          .map(e => `${e.localName} ${e.getAttribute('aria-label') ?? e.textContent.trim()}`),
      );

  /** Tabs forward (or back) until the control named `name` has the focus. */
  async function tabTo(name, { back = false, max = 40 } = {}) {
    for (let i = 0; i < max; i++) {
      if ((await focused()).name === name) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    assert.fail(`${name} never got the focus in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
  }

  /**
   * Tabs from the page's first control through all of them: each must have the focus once, in reading order, with a
   * focus ring, on screen — and every control named in `required` among them. Takes the screenshot `shot` with the
   * focus on control number `shotAt`.
   */
  async function walkTabOrder(shotAt, shot, required) {
    const expected = await controls();
    await tabTo(expected[0]);
    const visited = [];
    for (let i = 0; i < expected.length; i++) {
      const f = await focused();
      assert.ok(f.name, `after ${visited.length} presses of Tab the focus left the page (visited: ${visited.join(' → ')})`);
      assert.ok(f.ring, `${f.name} shows no focus ring`);
      assert.ok(f.onScreen, `${f.name} has the focus but is off screen`);
      visited.push(f.name);
      if (i === shotAt) await ui.screenshot(shot);
      if (i < expected.length - 1) await page.keyboard.press('Tab');
    }
    assert.deepEqual(visited, expected, 'Tab order is not the reading order');
    for (const name of required) assert.ok(visited.includes(name), `${name} is not reachable by Tab: ${visited.join(' → ')}`);
    return visited;
  }

  await step('an org with a team (one member, one project granted) and a second project to grant', async () => {
    cli('org', 'create', ORG);
    cli('member', 'add', ORG, 'alice', '--role', 'member');
    cli('project', 'create', ORG, 'detector');
    cli('project', 'create', ORG, 'tracker');
    cli('team', 'create', ORG, 'research', '--description', 'Vision research');
    cli('team', 'member', 'add', ORG, 'research', 'alice', '--role', 'member');
    cli('team', 'grant', ORG, 'research', 'detector', '--role', 'viewer');
    await ui.openWorkbench();
    await ui.activityBarItem('Polyaxon Hub').waitFor();
  });

  await step('the palette opens the team page and the page takes the focus', async () => {
    await page.keyboard.press('F1');
    await ui.quickInput().waitFor();
    // F1 opens the palette with its ">" already typed
    await page.keyboard.type('Polyaxon: Open Team Page');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Team Page' }).first().waitFor();
    await page.keyboard.press('Enter');
    // an org and a team to pick, unless there is only one (the picker then asks nothing)
    for (const name of [ORG, 'research']) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      if (
        await row.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        )
      ) {
        await page.keyboard.type(name);
        await page.waitForTimeout(200);
        await page.keyboard.press('Enter');
      }
    }
    await ui.webview().locator('#team-name', { hasText: 'research' }).waitFor();
    await ui
      .webview()
      .locator('#team-members td', { hasText: /^alice$/ })
      .waitFor();
  });

  await step('Tab visits every control once, in reading order, each named, on screen and with a visible focus ring', async () => {
    // what a team manager needs, all reachable: the org link, the team's commands, the member and access forms
    const visited = await walkTabOrder(4, 'keyboard-team-page-focus', [
      'a Open organization keys-lab',
      'vscode-button Edit Description',
      'input Username to add to the team',
      'select Team role of the new member',
      'vscode-button Add to Team',
      'select Team role of alice',
      'vscode-button Remove alice from the team',
      'select Project to grant',
      'vscode-button Grant Access',
      'a Open project detector',
      'select Role of the team on detector',
      'vscode-button Revoke access to detector',
    ]);
    // and back: Shift+Tab retraces the order (a Tab past the last control leaves the page for the workbench)
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused()).name, visited.at(-2));
  });

  await step('the arrow keys change a role; the focus stays on that role after the page redraws', async () => {
    await tabTo('select Team role of alice', { back: true });
    const before = await ui.webview().locator('select[aria-label="Team role of alice"]').inputValue();
    assert.equal(before, 'member');
    await page.keyboard.press('ArrowDown');
    await until('alice to become admin', () => teamRoles().alice === 'admin');
    await ui.webview().locator('#team-activity td', { hasText: 'team.member.role' }).waitFor();
    assert.equal(await ui.webview().locator('select[aria-label="Team role of alice"]').inputValue(), 'admin');
    assert.equal((await focused()).name, 'select Team role of alice', 'the redraw after the change moved the focus');
  });

  await step('Enter in the username field adds a member; the focus stays in the (emptied) field', async () => {
    await tabTo('input Username to add to the team', { back: true });
    await page.keyboard.type('carol');
    await page.keyboard.press('Enter');
    await until('carol to join the team', () => teamRoles().carol === 'member');
    await ui
      .webview()
      .locator('#team-members td', { hasText: /^carol$/ })
      .waitFor();
    const f = await focused();
    assert.equal(f.name, 'input Username to add to the team');
    assert.equal(await ui.webview().locator('input[aria-label="Username to add to the team"]').inputValue(), '');
  });

  await step('the role picker and the button of the form work from the keyboard too (Space on Add to Team)', async () => {
    await page.keyboard.type('dave');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).name, 'select Team role of the new member');
    await page.keyboard.press('ArrowUp'); // member → viewer (least powerful first)
    await page.keyboard.press('Tab');
    assert.equal((await focused()).name, 'vscode-button Add to Team');
    await page.keyboard.press('Space');
    await until('dave to join the team as viewer', () => teamRoles().dave === 'viewer');
    await ui
      .webview()
      .locator('#team-members td', { hasText: /^dave$/ })
      .waitFor();
    assert.equal((await focused()).name, 'vscode-button Add to Team');
  });

  await step('Enter on Remove takes a member out; the focus goes to the control now in its place', async () => {
    await tabTo('vscode-button Remove dave from the team');
    await page.keyboard.press('Enter');
    await until('dave to leave the team', () => !('dave' in teamRoles()));
    await ui
      .webview()
      .locator('#team-members td', { hasText: /^dave$/ })
      .waitFor({ state: 'detached' });
    const f = await focused();
    assert.ok(f.name, 'the focus fell out of the page');
    assert.ok(f.ring, `${f.name} shows no focus ring`);
    await ui.screenshot('keyboard-team-page-after-remove');
  });

  await step('Enter on the project link opens the project page; Tab visits every control once, in reading order', async () => {
    await tabTo('a Open project detector');
    await page.keyboard.press('Enter');
    await ui.webview().locator('#project-name', { hasText: 'detector' }).waitFor();
    await walkTabOrder(2, 'keyboard-project-page-focus', [
      'a Open organization keys-lab',
      'input Description',
      'input Tags',
      'select Visibility',
      'vscode-button Restrict to Teams',
      'vscode-button Rename',
      'vscode-button Delete Project',
      'vscode-button Edit Readme',
      'input Connection name',
      'input Connection kind',
      'input Connection description',
      'vscode-button Add Connection',
      'a Open team research',
    ]);
  });

  await step('Enter in the description saves it; an arrow key on Visibility makes the project public; the focus stays', async () => {
    await tabTo('input Description', { back: true });
    // End, Shift+Home select the old text: Ctrl+A in a webview is echoed by the workbench's own Select All a
    // moment later, which on a loaded machine lands after the first typed letter and selects it to be overwritten
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('Found by keyboard');
    assert.equal(await ui.webview().locator('input[aria-label="Description"]').inputValue(), 'Found by keyboard', 'what was typed is in the field');
    await page.keyboard.press('Enter');
    await until('the description to be saved', () => project().description === 'Found by keyboard');
    await ui.webview().locator('#project-visibility', { hasText: 'private' }).waitFor();
    assert.equal((await focused()).name, 'input Description', 'the redraw after the save moved the focus');
    await tabTo('select Visibility');
    await page.keyboard.press('ArrowDown'); // private → public
    await until('the project to become public', () => project().isPublic === true);
    await ui.webview().locator('#project-visibility', { hasText: 'public' }).waitFor();
    assert.equal((await focused()).name, 'select Visibility', 'the redraw after the change moved the focus');
  });

  await step('Enter on Edit Readme opens the editor; Space on Save Readme saves what was typed', async () => {
    await tabTo('vscode-button Edit Readme');
    await page.keyboard.press('Enter');
    await ui.webview().locator('textarea[aria-label="Readme (Markdown)"]').waitFor();
    await tabTo('textarea Readme (Markdown)');
    await page.keyboard.type('# Keys only');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).name, 'vscode-button Save Readme');
    await page.keyboard.press('Space');
    await until('the readme to be saved', () => project().readme === '# Keys only');
    await ui.webview().locator('#readme h1', { hasText: 'Keys only' }).waitFor();
    const f = await focused();
    assert.ok(f.name, 'the focus fell out of the page after saving the readme');
    assert.ok(f.ring, `${f.name} shows no focus ring`);
  });

  await step('a connection is added with Enter in its form and removed with Enter on its Remove button', async () => {
    await tabTo('input Connection name');
    await page.keyboard.type('bucket');
    await page.keyboard.press('Tab');
    await page.keyboard.type('s3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('training data');
    await page.keyboard.press('Enter');
    await until('the connection to be added', () => project().connections.some(c => c.name === 'bucket' && c.kind === 's3'));
    await ui
      .webview()
      .locator('#connections td', { hasText: /^bucket$/ })
      .waitFor();
    await tabTo('vscode-button Remove connection bucket');
    await page.keyboard.press('Enter');
    await until('the connection to be removed', () => !project().connections.some(c => c.name === 'bucket'));
    await ui.webview().locator('#connections').waitFor({ state: 'detached' });
    const f = await focused();
    assert.ok(f.name, 'the focus fell out of the page after the removal');
    assert.ok(f.ring, `${f.name} shows no focus ring`);
    await ui.screenshot('keyboard-project-page-after-remove');
  });

  await step('the page logged no CSP violation', async () => ui.expectNoCspViolations());
}
