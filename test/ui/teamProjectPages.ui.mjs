// The team page and the project page as a user meets them: click a team or a project in the tree, manage members
// and access in place, read a readme rendered from Markdown. Every user-controlled field shown carries HTML,
// script and javascript: URL payloads: nothing runs, nothing is injected, and the console logs no CSP violation.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const ORG = 'pages-lab';
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const README = [
  '# Detector',
  '',
  'Trains **object detectors**. See [the docs](https://example.com/docs) and [a trap](javascript:window.__pwned=3).',
  '',
  `Raw HTML stays text: ${XSS}`,
  '',
  '![remote pixel](https://example.com/pixel.png)',
  '',
  '| metric | value |',
  '|:--|--:|',
  '| mAP | 0.61 |',
].join('\n');

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', 'tester', ...args], { encoding: 'utf8' });
  const node = label => ui.treeItem(label, 'Organizations');
  const pwned = async web => web.locator('body').evaluate(() => globalThis.__pwned);

  await step('an org with a team and a project, every text field carrying markup and script', async () => {
    const readme = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'readme-')), 'README.md');
    fs.writeFileSync(readme, README);
    cli('org', 'create', ORG);
    cli('project', 'create', ORG, 'detector', '--description', `Detection ${XSS}`, '--tag', 'vision', '--readme', readme);
    cli('team', 'create', ORG, 'research', '--description', `Research ${XSS}`);
    cli('team', 'member', 'add', ORG, 'research', 'alice', '--role', 'member');
    cli('team', 'grant', ORG, 'research', 'detector', '--role', 'viewer');
    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    await node(ORG).locator('.monaco-tl-twistie').click();
  });

  await step('clicking the team opens its page: description as text, members and access with roles', async () => {
    await node('Teams').click();
    await node('research').click();
    const web = ui.webview();
    await web.locator('#team-name', { hasText: 'research' }).waitFor();
    assert.equal((await web.locator('#team-description').textContent())?.trim(), `Research ${XSS}`);
    await web.locator('#team-members td', { hasText: /^alice$/ }).waitFor();
    await web.locator('#team-projects', { hasText: 'detector' }).waitFor();
    assert.equal(await web.locator('select[aria-label="Team role of the new member"]').inputValue(), 'member', 'the new-member role defaults to member');
    assert.equal(await pwned(web), undefined, 'a payload ran');
    // a fresh code-server starts in the light theme: this shot is the light one
    assert.match(await web.locator('body').getAttribute('class'), /\bvscode-light\b/);
    await ui.screenshot('team-page-Light');
  });

  await step('changing a team role and adding a member on the page lands in the store', async () => {
    const web = ui.webview();
    await web.locator('select[aria-label="Team role of alice"]').selectOption('admin');
    // the page redraws from the store after the change: wait for that before typing into it
    await web.locator('#team-activity td', { hasText: 'team.member.role' }).waitFor();
    await web.locator('input[aria-label="Username to add to the team"]').fill('bob');
    await web.locator('vscode-button', { hasText: 'Add to Team' }).click();
    await web.locator('#team-members td', { hasText: /^bob$/ }).waitFor();
    const shown = JSON.parse(cli('team', 'show', ORG, 'research', '--json'));
    const roles = Object.fromEntries((shown.team ?? shown).members.map(m => [m.user, m.role]));
    assert.deepEqual(roles, { alice: 'admin', bob: 'member' });
  });

  await step('the team page links to the project page: readme rendered, sanitised, links kept safe', async () => {
    await ui.webview().locator('a[aria-label="Open project detector"]').click();
    const web = ui.webview();
    await web.locator('#project-name', { hasText: 'detector' }).waitFor();
    await web.locator('#readme h1', { hasText: 'Detector' }).waitFor();
    await web.locator('#readme strong', { hasText: 'object detectors' }).waitFor();
    await web.locator('#readme table td', { hasText: '0.61' }).waitFor();
    // typed-in HTML is text, not elements; the javascript: link is not a link; the remote image became a link
    assert.equal(await web.locator('#readme script, #readme img[src="x"], #readme [onerror]').count(), 0);
    assert.equal(await web.locator('#readme a[href^="javascript"]').count(), 0);
    await web.locator('#readme a[href="https://example.com/pixel.png"]').waitFor();
    assert.equal(await web.locator('#readme img').count(), 0, 'a remote image was left for the CSP to block');
    assert.equal(await web.locator('input[aria-label="Description"]').inputValue(), `Detection ${XSS}`);
    assert.equal(await pwned(web), undefined, 'a payload ran');
    await ui.screenshot('project-page-Light');
  });

  await step('editing the description on the project page saves it', async () => {
    const web = ui.webview();
    const field = web.locator('input[aria-label="Description"]');
    await field.fill('Object detection');
    await field.press('Enter');
    for (const end = Date.now() + 60_000; !cli('project', 'show', ORG, 'detector').includes('Object detection') && Date.now() < end;) {
      await page.waitForTimeout(100);
    }
    assert.match(cli('project', 'show', ORG, 'detector'), /Object detection/);
  });

  // VS Code 1.99 names them "Default Dark Modern" / "Default High Contrast", 1.139 "Dark Modern" / "Dark High Contrast"
  for (const [theme, search, label, bodyClass] of [
    ['Dark Modern', 'Dark Modern', /^(Default )?Dark Modern/, /\bvscode-dark\b/],
    ['High Contrast', 'High Contrast', /^(Default|Dark) High Contrast(?! Light)/, /\bvscode-high-contrast\b/],
  ]) {
    await step(`the pages read well in ${theme}`, async () => {
      await ui.runCommand('Preferences: Color Theme');
      // pick the theme's own row: on VS Code 1.139 an Enter before the list has filtered takes "Browse Additional
      // Color Themes…", which opens the Extensions view instead
      await ui.quickInput().fill(search);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
      await row.waitFor();
      await row.click();
      await page.waitForTimeout(500);
      await ui.openViewContainer('Polyaxon Hub');
      await node('research').click();
      await ui.webview().locator('#team-name', { hasText: 'research' }).waitFor();
      // the page itself took the theme (VS Code sets the class on the webview's body)
      assert.match(await ui.webview().locator('body').getAttribute('class'), bodyClass);
      await ui.screenshot(`team-page-${theme}`);
      await ui.webview().locator('a[aria-label="Open project detector"]').click();
      await ui.webview().locator('#project-name', { hasText: 'detector' }).waitFor();
      await ui.screenshot(`project-page-${theme}`);
    });
  }

  await step('the pages logged no CSP violation', async () => ui.expectNoCspViolations());
}
