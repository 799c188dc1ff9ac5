// Helpers handed to every UI test file as `ui` (see run.mjs for the file contract). Selectors are the ones
// proved on code-server 4.99 (VS Code 1.99) up to 1.139 in ../shared/TESTING.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Console messages that mean a Content Security Policy blocked something. */
export const CSP_PATTERN = /Content Security Policy|Refused to/i;

export class Ui {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ url: string, workspace: string, storePath: string, shotsDir: string, log: (m: string) => void }} env
   */
  constructor(page, { url, workspace, storePath, shotsDir, log }) {
    this.page = page;
    this.url = url;
    /** the workspace folder the workbench opened (seeded from the test file's `workspace` export) */
    this.workspace = workspace;
    /** the fresh `polyaxonHub.storePath` of this test file */
    this.storePath = storePath;
    this.shotsDir = shotsDir;
    this.log = log;
    /** @type {string[]} every console message that matched CSP_PATTERN, from the workbench and all webview frames */
    this.cspViolations = [];
    /** @type {string[]} console errors and page errors (for diagnostics, not asserted) */
    this.errors = [];
    this.console = [];
    this.assert = assert;
    this.shots = 0;
    page.on('console', m => {
      const text = m.text();
      this.console.push(`[${m.type()}] ${text}`);
      // where it happened (which webview script and line) is what makes a violation fixable
      const at = m.location()?.url ? ` (at ${m.location().url.replace(/^.*\/(?=[^/]+$)/, '')}:${m.location().lineNumber})` : '';
      if (CSP_PATTERN.test(text)) this.cspViolations.push(text + at);
      else if (m.type() === 'error') this.errors.push(text);
    });
    page.on('pageerror', e => {
      this.console.push(`[pageerror] ${e.message}`);
      this.errors.push(e.message);
    });
  }

  /** Opens the workbench on the workspace and waits until it is rendered. */
  async openWorkbench() {
    await this.page.goto(this.url);
    await this.page.locator('.monaco-workbench').waitFor();
  }

  /** The activity bar entry of a view container, by its title. */
  activityBarItem(title) {
    return this.page.locator(`.activitybar a.action-label[aria-label="${title}"]`);
  }

  /** Shows a view container in the side bar (a click on an already active entry would close the side bar). */
  async openViewContainer(title) {
    const item = this.activityBarItem(title);
    await item.waitFor();
    const active = await item.evaluate(a => a.closest('.action-item')?.classList.contains('checked') ?? false);
    if (!active) await item.click();
    await this.page.locator('[id="workbench.parts.sidebar"]').waitFor();
  }

  /** A view's pane (header + body) in the side bar, by the view's name. */
  view(name) {
    return this.page.locator('[id="workbench.parts.sidebar"] .pane', {
      has: this.page.locator('.pane-header', { hasText: name }),
    });
  }

  /** A button of a view's welcome content (viewsWelcome), not the view's title actions of the same name. */
  welcomeButton(viewName, label) {
    return this.view(viewName).locator('.welcome-view-content').getByRole('button', { name: label, exact: true });
  }

  /** Runs a command from the palette (F1) by its full title, e.g. "Polyaxon: Create Organization". */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(`>${title}`);
    // the exact row, not a fuzzy neighbour ("Create Organization" vs "Create Organization Team")
    const row = this.page.locator('.quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    });
    await row.first().waitFor();
    await row.first().click();
  }

  /** The quick input's text box (palette, showInputBox, showQuickPick). */
  quickInput() {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /**
   * Types into the open input box and accepts it with Enter. With `prompt`, first waits for the box showing that
   * text (prompt, placeholder or title), so a chain of input boxes is answered in order.
   */
  async answerInput(text, { prompt } = {}) {
    if (prompt) {
      await this.page
        .locator('.quick-input-widget', { hasText: prompt })
        .or(this.page.locator(`.quick-input-widget input[placeholder*="${prompt.replace(/"/g, '\\"')}"]`))
        .first()
        .waitFor();
    }
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
    // the next input box reuses this element: wait until this answer was taken (box closed, or emptied/refilled
    // for the next question) so a following answerInput cannot type into the box that is closing. A rejected
    // value keeps the box as it is: give up after 5 s and let the caller look at quickInputMessage().
    for (const until = Date.now() + 5000; Date.now() < until;) {
      if (!(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== text) return;
      await this.page.waitForTimeout(50);
    }
  }

  /** The validation message under the quick input (showInputBox's validateInput). */
  quickInputMessage() {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  /**
   * A tree item whose label is exactly `label` (its description is not part of it), inside the view named
   * `viewName` when given (the same name may be listed by several views), else anywhere in the workbench.
   */
  treeItem(label, viewName) {
    const scope = viewName ? this.view(viewName) : this.page;
    return scope.getByRole('treeitem').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  /** Right-clicks a file of the workspace root in the Explorer and picks a context menu entry. */
  async explorerContextMenu(fileName, menuItem) {
    await this.page.keyboard.press('Control+Shift+E');
    const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${fileName}"]`);
    await row.waitFor();
    await this.contextMenu(row, menuItem);
  }

  /** Right-clicks an element (a tree item, an Explorer row) and picks an entry of its context menu. */
  async contextMenu(target, menuItem) {
    await target.click({ button: 'right' });
    const item = this.page.getByRole('menuitem', { name: menuItem });
    await item.waitFor();
    // VS Code's menu ignores a click that arrives right after it opened: hover, let it settle, then click
    await item.hover();
    await this.page.waitForTimeout(200);
    await item.click();
    // a menu that stays open did not run the entry: say so here, not as a later wait for what it should have shown
    await item.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {
      throw new Error(`the context menu did not take the click on "${menuItem}"`);
    });
  }

  /** The content frame of a webview panel (the workbench nests it: iframe.webview > iframe#active-frame). */
  webview(nth = -1) {
    const outer = this.page.frameLocator('iframe.webview.ready');
    const pick = nth < 0 ? outer.last() : outer.nth(nth);
    return pick.frameLocator('iframe#active-frame');
  }

  /** A notification toast containing the text. */
  notification(text) {
    return this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text });
  }

  /** Fails with the offending messages when any CSP violation was logged so far. */
  expectNoCspViolations() {
    assert.deepEqual(this.cspViolations, [], `${this.cspViolations.length} CSP violation(s) in the console`);
  }

  /** Screenshot into test-results/ui/<test file>/NN-name.png (test-results/ui-newest/... on the newest VS Code). */
  async screenshot(name) {
    fs.mkdirSync(this.shotsDir, { recursive: true });
    const file = path.join(this.shotsDir, `${String(++this.shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
