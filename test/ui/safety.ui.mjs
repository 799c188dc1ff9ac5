// Every page (organization, team, project, component, model version, version comparison) with every
// user-controlled field it shows carrying HTML, <script>, event-handler, javascript: URL and Markdown-link payloads,
// in the real VS Code: nothing runs (each payload would set window.__pwned and document.title in its frame), the
// payload text is shown as text, no javascript:/command: link is clickable, and no frame reports a CSP violation
// (a `securitypolicyviolation` listener in each page across a re-render, plus the console for the first render).
// The data comes in as users make it: the CLI, Polyaxon's own tracking client for the runs, and for the fields no
// face or tool of ours writes (metric names, a version's readme and tags, a user's display name) the store file,
// as another client of a shared store could.
/* global document, HTMLInputElement, HTMLTextAreaElement -- in the functions page.evaluate runs in the pages */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const PYTHON = path.join(ROOT, '.cache/py/polyaxon/bin/python');
const ORG = 'lab';

/** what every payload tries to do; its effects are the canary */
const RUN = "window.__pwned=1;document.title='PWNED'";
const PAYLOADS = {
  script: `<script>${RUN}</script>`,
  img: `<img src=x onerror="${RUN}">`,
  svg: `<svg onload="${RUN}"></svg>`,
  anchor: `<a href="javascript:${RUN}">anchor</a>`,
  jsUrl: `javascript:${RUN}`,
  mdLink: `[md link](javascript:${RUN})`,
  html: '<b>bold</b><style>body{display:none}</style>',
};
/** all payloads in one string: what most fields carry */
const XSS = Object.values(PAYLOADS).join(' ');
/** a file or folder name cannot hold "/" */
const FILE_XSS = `<img src=x onerror=window.__pwned=1>`;
/** a second set, written while the pages are open: the re-render must be as inert as the first render */
const XSS2 = `<iframe src="javascript:${RUN}"></iframe><object data="javascript:${RUN}"></object><math><mtext></p><img src=x onerror="${RUN}">`;

const README = [
  '# Payload readme',
  '',
  `Raw HTML stays text: ${XSS}`,
  '',
  `[plain](javascript:${RUN}) [mixed case](JaVaScRiPt:${RUN}) [entity](&#106;avascript:${RUN}) [vb](vbscript:msgbox) ` +
    `[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+) [command](command:polyaxonHub.org.delete) ` +
    `[file](file:///etc/passwd) <javascript:${RUN}>`,
  '',
  `[reference][evil] and ![image](x" onerror="${RUN}) and ![remote](https://example.com/p.png)`,
  '',
  `[evil]: javascript:${RUN}`,
  '',
  'A [safe link](https://example.com/docs).',
].join('\n');

const COMPONENT = `version: 1.1
kind: component
name: trainer
description: ${JSON.stringify(`Trains ${XSS}`)}
tags: [${JSON.stringify(`tag ${PAYLOADS.script}`)}, vision]
inputs:
- name: lr
  type: float
  value: 0.1
  isOptional: true
  description: ${JSON.stringify(`learning rate ${XSS}`)}
- name: note
  type: str
  value: ${JSON.stringify(XSS)}
  isOptional: true
outputs:
- name: acc
  type: float
  description: ${JSON.stringify(`accuracy ${PAYLOADS.anchor}`)}
run:
  kind: job
  container:
    image: python:3.11
    command: [python, -c, ${JSON.stringify(`print("${PAYLOADS.html}")`)}]
`;

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', 'tester', ...args], { encoding: 'utf8' });
  const cliAs = (user, ...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', user, ...args], { encoding: 'utf8' });
  const runsDir = path.join(ui.workspace, `experiments ${FILE_XSS}`);

  /**
   * What would show that a payload got through in this frame: a canary that fired, an element or attribute no
   * page makes (scripts, frames, event handlers, styles), a link or image to anything but the web, mail or the
   * extension's own files.
   */
  async function breaches(web) {
    return web.locator('body').evaluate(() => {
      const found = [];
      if (globalThis.__pwned !== undefined) found.push(`window.__pwned = ${globalThis.__pwned}`);
      if (/PWNED/.test(document.title)) found.push(`document.title = ${document.title}`);
      const app = document.getElementById('app');
      for (const e of app.querySelectorAll('script, iframe, object, embed, style, form, base, meta, link')) found.push(`<${e.localName}> in the page`);
      for (const e of app.querySelectorAll('*')) {
        // (a style attribute may be the CSSOM's doing, as uPlot's: one from markup is a CSP violation, counted apart)
        for (const a of e.attributes) if (/^on/i.test(a.name)) found.push(`${a.name} on <${e.localName}>`);
      }
      for (const a of app.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href');
        if (!/^(https?:|mailto:|#)/i.test(href)) found.push(`link to ${href}`);
      }
      for (const img of app.querySelectorAll('img')) {
        const src = img.getAttribute('src') ?? '';
        if (!/^data:image\/|^https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\//.test(src)) found.push(`image ${src}`);
      }
      return found;
    });
  }

  /** Starts counting CSP violations in the page's frame (its own listener, independent of the console). */
  async function listenForViolations(web) {
    await web.locator('body').evaluate(() => {
      globalThis.__violations = [];
      document.addEventListener('securitypolicyviolation', e => globalThis.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }

  /**
   * Checks one page: each listed field shows its payload as text; nothing got through; then a change made
   * underneath (by `rerender`, waited for by `after`) redraws the page with new payloads, and the redraw is as
   * inert and reports no CSP violation.
   */
  async function checkPage(name, fields, rerender, after) {
    const web = ui.webview();
    for (const [selector, text] of fields) {
      const field = web.locator(selector).first();
      await field.waitFor({ state: 'attached' });
      const shown = await field.evaluate(e => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement ? e.value : e.textContent));
      assert.ok(shown?.includes(text), `${name}: ${selector} does not show its payload as text: ${JSON.stringify(shown?.slice(0, 200))}`);
    }
    assert.deepEqual(await breaches(web), [], `${name}: a payload got through`);
    await listenForViolations(web);
    rerender();
    await web.locator(after[0], { hasText: after[1] }).first().waitFor();
    assert.deepEqual(await breaches(web), [], `${name}: a payload got through on the redraw`);
    assert.deepEqual(await web.locator('body').evaluate(() => globalThis.__violations), [], `${name}: CSP violations in the page`);
    await ui.screenshot(`${name}-payloads`);
  }

  async function closeEditors() {
    await ui.runCommand('View: Close All Editors');
    await page.locator('iframe.webview.ready').waitFor({ state: 'detached' });
  }

  const org = label => ui.treeItem(label, 'Organizations');
  async function expand(item) {
    await item.waitFor();
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.monaco-tl-twistie').click();
  }

  await step('seed: every text field of an org, team, project, component and two model versions carries payloads', async () => {
    if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run scripts/setup-python once (the runs are written by Polyaxon itself)`);
    const r = spawnSync(PYTHON, [path.join(ROOT, 'test/fixtures/make-payload-runs.py'), runsDir, XSS, FILE_XSS], {
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, PYTHONWARNINGS: 'ignore' },
    });
    if (r.status !== 0) throw new Error(`make-payload-runs.py failed: ${(r.stderr || '').slice(-2000)}`);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'payloads-'));
    fs.writeFileSync(path.join(tmp, 'README.md'), README);
    const componentFile = path.join(tmp, `trainer ${FILE_XSS}.yaml`);
    fs.writeFileSync(componentFile, COMPONENT);

    cli('org', 'create', ORG);
    cli('org', 'update', ORG, '--description', `Org ${XSS}`);
    cli('member', 'add', ORG, 'alice', '--role', 'member');
    // a tag holds at most 128 bytes: one payload each
    const tags = Object.values(PAYLOADS).flatMap(p => ['--tag', p]);
    cli('project', 'create', ORG, 'detector', '--description', `Project ${XSS}`, ...tags);
    cli('project', 'update', ORG, 'detector', '--readme', path.join(tmp, 'README.md'));
    cli('project', 'connection', 'set', ORG, 'detector', 'bucket', '--kind', 's3', '--description', `Connection ${XSS}`);
    cli('team', 'create', ORG, 'research', '--description', `Team ${XSS}`);
    cli('team', 'member', 'add', ORG, 'research', 'alice', '--role', 'member');
    cli('team', 'grant', ORG, 'research', 'detector', '--role', 'viewer');
    cli('publish', componentFile, '--org', ORG, '--version', '1.0');
    const runs = fs.readdirSync(path.join(runsDir, 'runs')).map(id => path.join(runsDir, 'runs', id));
    const byName = Object.fromEntries(runs.map(dir => [JSON.parse(fs.readFileSync(path.join(dir, 'run.plx.json'), 'utf8')).name.split(' ')[0], dir]));
    for (const n of ['run1', 'run2']) {
      cli(
        'promote',
        path.join(byName[n], 'outputs'),
        '--model',
        `${ORG}/detector-model`,
        '--project',
        'detector',
        '--description',
        `Version ${XSS}`,
        '--notes',
        `Notes ${XSS}`,
      );
    }
    cli('models', 'stage', `${ORG}/detector-model:v1`, 'staging', '--reason', `Reason ${XSS}`);
    // an org of alice's where the tester is a viewer: the pages' read-only views show the same fields as text
    cliAs('alice', 'org', 'create', 'partner');
    cliAs('alice', 'org', 'update', 'partner', '--description', `Partner ${XSS}`);
    cliAs('alice', 'member', 'add', 'partner', 'tester', '--role', 'viewer');
    cliAs('alice', 'project', 'create', 'partner', 'atlas', '--description', `Atlas ${XSS}`, ...tags);
    cliAs('alice', 'project', 'create', 'partner', 'globe');
    cliAs('alice', 'team', 'create', 'partner', 'ops', '--description', `Ops ${XSS}`);
    cliAs('alice', 'team', 'grant', 'partner', 'ops', 'atlas', '--role', 'viewer');

    // what no face of ours writes, written as another client of the shared store could
    const db = JSON.parse(fs.readFileSync(ui.storePath, 'utf8'));
    for (const v of db.modelVersions) {
      v.readme = `Readme ${XSS}`;
      v.tags = Object.values(PAYLOADS);
      const metric = `metric ${XSS}`;
      v.lineage.metrics[metric] = { ...v.lineage.metrics.loss };
      v.lineage.metricHistory[metric] = v.lineage.metricHistory.loss;
      v.lineage.params[`param ${XSS}`] = `value ${XSS}`;
    }
    for (const m of db.models) m.description = `Model ${XSS}`;
    const alice = db.users.find(u => u.username === 'alice');
    Object.assign(alice, { displayName: `Alice ${XSS}`, email: `alice@example.com ${PAYLOADS.mdLink}` });
    fs.writeFileSync(ui.storePath, JSON.stringify(db, null, 2));

    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    await expand(org(ORG));
    await ui.treeItem(`run1 ${XSS}`, 'Runs').waitFor();
  });

  await step('the side bar shows the payloads as text: the workbench holds no element made from them', async () => {
    const made = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[onerror], [onload], a[href^="javascript"]')).map(e => {
        const where = e.closest('[id], .pane, .monaco-list-row');
        return `${e.outerHTML.slice(0, 120)} in ${where?.id || where?.className || '?'} (${where?.getAttribute('aria-label') ?? ''})`;
      }),
    );
    assert.deepEqual(made, []);
    assert.equal(await page.evaluate(() => globalThis.__pwned), undefined, 'a payload ran in the workbench');
  });

  await step('organization page: description, member names and emails, team and project descriptions and tags', async () => {
    await org(ORG).locator('.label-name').click();
    await ui.webview().locator('#org-name', { hasText: ORG }).waitFor();
    await checkPage(
      'org-page',
      [
        ['#org-description', `Org ${XSS}`],
        ['#members', `Alice ${XSS}`],
        ['#members', `alice@example.com ${PAYLOADS.mdLink}`],
        ['#teams', `Team ${XSS}`],
        ['#projects', `Project ${XSS}`],
        ['#projects', PAYLOADS.jsUrl],
      ],
      () => cli('org', 'update', ORG, '--description', `Org again ${XSS2}`),
      ['#org-description', 'Org again'],
    );
    await closeEditors();
  });

  await step('team page: description, members, project access, activity', async () => {
    await expand(org('Teams'));
    await org('research').click();
    await ui.webview().locator('#team-name', { hasText: 'research' }).waitFor();
    await checkPage(
      'team-page',
      [
        ['#team-description', `Team ${XSS}`],
        ['#team-members', 'alice'],
        ['#team-projects', 'detector'],
      ],
      () => cli('team', 'update', ORG, 'research', '--description', `Team again ${XSS2}`),
      ['#team-description', 'Team again'],
    );
    await closeEditors();
  });

  await step('project page: description, tags, readme (rendered and sanitised), connections, model descriptions', async () => {
    await expand(org('Projects'));
    await org('detector').click();
    const web = ui.webview();
    await web.locator('#project-name', { hasText: 'detector' }).waitFor();
    await web.locator('#readme h1', { hasText: 'Payload readme' }).waitFor();
    // the links that are no links: text, with no href to click
    for (const text of ['[plain](javascript:', '[mixed case](JaVaScRiPt:', '[vb](vbscript:', '[data](data:text/html', '[file](file:///etc/passwd)']) {
      assert.ok((await web.locator('#readme').textContent()).includes(text), `the readme does not show ${text} as text`);
    }
    for (const a of await web.locator('#readme a').all()) {
      const href = await a.getAttribute('href');
      assert.ok(href === null || /^https:\/\/example\.com\//.test(href), `a readme link goes to ${href}`);
    }
    await web.locator('#readme a[href="https://example.com/docs"]', { hasText: 'safe link' }).waitFor();
    // what javascript: and command: links became is text, not a link; a click on it runs and opens nothing
    assert.equal(await web.locator('#readme a', { hasText: /command|plain|vb|data|file|mixed/ }).count(), 0, 'a refused link still looks like a link');
    await web.locator('#readme p', { hasText: '[plain](javascript:' }).click();
    await checkPage(
      'project-page',
      [
        ['input[aria-label="Description"]', `Project ${XSS}`],
        ['input[aria-label="Tags"]', PAYLOADS.img],
        ['input[aria-label="Tags"]', PAYLOADS.mdLink],
        ['#readme', `Raw HTML stays text: ${XSS}`],
        ['#connections', `Connection ${XSS}`],
        ['#team-access', 'research'],
        ['#project-models', `Model ${XSS}`],
      ],
      () => cli('project', 'update', ORG, 'detector', '--description', `Project again ${XSS2}`),
      ['#project-name', 'detector'],
    );
    assert.equal(await web.locator('input[aria-label="Description"]').inputValue(), `Project again ${XSS2}`);
    await closeEditors();
  });

  await step('component page: description, tags, input and output descriptions and defaults, source file, snippet', async () => {
    const hubOrg = ui.treeItem(ORG, 'Component Hub');
    await hubOrg.waitFor();
    if ((await hubOrg.getAttribute('aria-expanded')) !== 'true') await hubOrg.click();
    await ui.contextMenu(ui.treeItem('trainer', 'Component Hub'), 'Open Component Page');
    await ui.webview().locator('#component-name', { hasText: 'trainer' }).waitFor();
    await checkPage(
      'component-page',
      [
        ['#component-description', `Trains ${XSS}`],
        ['header', `tag ${PAYLOADS.script}`],
        ['#inputs', `learning rate ${XSS}`],
        ['#inputs', XSS],
        ['#outputs', `accuracy ${PAYLOADS.anchor}`],
        ['.facts', `trainer ${FILE_XSS}.yaml`],
      ],
      () => cli('components', 'stage', `${ORG}/trainer:1.0`, 'staging'),
      ['#version-stage', 'staging'],
    );
    await closeEditors();
  });

  await step('model version page: description, tags, notes, run name, params, metric names, files, stage reason, readme', async () => {
    const registryOrg = ui.treeItem(ORG, 'Model Registry');
    await registryOrg.waitFor();
    if ((await registryOrg.getAttribute('aria-expanded')) !== 'true') await registryOrg.click();
    const model = ui.treeItem('detector-model', 'Model Registry');
    await model.waitFor();
    if ((await model.getAttribute('aria-expanded')) !== 'true') await model.click();
    await ui.treeItem('v1', 'Model Registry').click();
    const web = ui.webview();
    await web.locator('#version-ref', { hasText: `${ORG}/detector-model:v1` }).waitFor();
    await web.locator('#charts canvas').first().waitFor();
    await checkPage(
      'version-page',
      [
        ['#version-description', `Version ${XSS}`],
        ['header', PAYLOADS.img],
        ['#deployment-notes', `Notes ${XSS}`],
        ['#source-run', `run1 ${XSS}`],
        ['#lineage-graph title', `run1 ${XSS}`],
        ['#params', `sgd ${XSS}`],
        ['#params', `param ${XSS}`],
        ['#metrics', `metric ${XSS}`],
        ['#charts', `metric ${XSS}`],
        ['#artifacts', `weights ${FILE_XSS}.bin`],
        ['#stage-history', `Reason ${XSS}`],
        ['#readme', `Readme ${XSS}`],
      ],
      () => cli('models', 'stage', `${ORG}/detector-model:v1`, 'production', '--reason', `Again ${XSS2}`),
      ['#stage-history', 'Again'],
    );
    await closeEditors();
  });

  await step('comparison page: params, metric names, files and curves of both versions', async () => {
    await ui.contextMenu(ui.treeItem('v1', 'Model Registry'), 'Compare Model Versions…');
    const web = ui.webview();
    await web.locator('#params').waitFor();
    await checkPage(
      'compare-page',
      [
        ['#params', `sgd ${XSS}`],
        ['#params', `param ${XSS}`],
        ['#metrics', `metric ${XSS}`],
        ['#best', `metric ${XSS}`],
        ['#artifacts', `weights ${FILE_XSS}.bin`],
        ['#charts', `metric ${XSS}`],
      ],
      () => cli('models', 'stage', `${ORG}/detector-model:v2`, 'staging', '--reason', 'redraw'),
      ['#compared-versions', 'staging'],
    );
    await closeEditors();
  });

  await step("a viewer's read-only pages: the project's description and tags, the team's description, as text", async () => {
    for (const [command, pick, ready, fields, rerender, after] of [
      [
        'Polyaxon: Open Project Page',
        'atlas',
        '#project-name',
        [
          ['#project-description', `Atlas ${XSS}`],
          ['#app', PAYLOADS.img],
        ],
        () => cliAs('alice', 'project', 'update', 'partner', 'atlas', '--description', `Atlas again ${XSS2}`),
        ['#project-description', 'Atlas again'],
      ],
      [
        'Polyaxon: Open Team Page',
        'ops',
        '#team-name',
        [['#team-description', `Ops ${XSS}`]],
        () => cliAs('alice', 'team', 'update', 'partner', 'ops', '--description', `Ops again ${XSS2}`),
        ['#team-description', 'Ops again'],
      ],
    ]) {
      await ui.runCommand(command);
      await ui.answerInput('partner', { prompt: 'Organization' });
      await ui.answerInput(pick);
      await ui.webview().locator(ready, { hasText: pick }).waitFor();
      assert.equal(await ui.webview().locator('#app input, #app select, #app vscode-button').count(), 0, `${pick}: a viewer is offered controls`);
      await checkPage(`${pick}-read-only`, fields, rerender, after);
      await closeEditors();
    }
  });

  await step('the Runs view shows the payload run names as text, and their tooltips run nothing', async () => {
    const run = ui.view('Runs').getByRole('treeitem', { name: /run1/ }).first();
    await run.waitFor();
    await run.hover();
    const hover = page.locator('.workbench-hover:visible, .monaco-hover:visible', { hasText: 'run1' }).first();
    await hover.waitFor();
    assert.ok(
      (await hover.innerText()).replace(/\u00a0/g, ' ').includes(`run1 ${XSS}`),
      `the tooltip does not show the run name as text: ${await hover.innerText()}`,
    );
    assert.equal(await hover.locator('img, a[href^="javascript"], script').count(), 0, 'the tooltip holds an element from the run name');
    assert.equal(await page.evaluate(() => globalThis.__pwned), undefined, 'a payload ran in the workbench');
  });
}
