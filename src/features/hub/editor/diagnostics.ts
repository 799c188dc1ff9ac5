import * as vscode from 'vscode';
import type { Problem, RefIndex } from '../../../core/client';
import { looksLikePolyaxonFile, validatePolyaxonYaml } from '../../../core/hub/validator';
import type { HubSession } from '../../../host/session';

export const DIAGNOSTIC_SOURCE = 'Polyaxon';
/** a short pause after a keystroke, so a burst of typing validates once */
const TYPING_DELAY_MS = 200;
/** copies of files (git history, published hub versions) are not where a user fixes problems */
const IGNORED_SCHEMES = new Set(['git', 'polyaxon-hub', 'output']);

export function isYamlDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri.path);
}

export function toRange(p: Problem): vscode.Range {
  return new vscode.Range(p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column);
}

/** The validator's replacement text per shown problem, by document; read by the quick fix provider. */
const suggestions = new Map<string, Map<string, string>>();
const problemKey = (range: vscode.Range, message: string) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${message}`;

/** The replacement the validator proposed for this diagnostic (e.g. key `default` → `value`), if any. */
export function suggestionFor(uri: vscode.Uri, d: vscode.Diagnostic): string | undefined {
  return suggestions.get(uri.toString())?.get(problemKey(d.range, d.message));
}

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = DIAGNOSTIC_SOURCE;
  // the code links to the spec section that explains the rule (clickable in the Problems panel and hover)
  d.code = p.docs ? { value: p.code, target: vscode.Uri.parse(p.docs) } : p.code;
  return d;
}

/**
 * Problems of Polyaxon YAML files in the Problems panel: on open, as you type (after a short pause),
 * after a store change (a hubRef may now resolve), and cleared on close. Files that are not Polyaxon
 * files (`kind: component|operation`) are left alone, so other YAML is never flagged.
 */
export class PolyaxonDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('polyaxon');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Files the user tried to publish: validated even when they do not look like Polyaxon files, so the
   * problems a refused publish counted are the ones the Problems panel lists.
   */
  private readonly claimed = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** what hubRefs resolve to for the current user, read once per store change (typing re-validates without a read) */
  private refs: RefIndex | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** fires after a document's diagnostics were updated (lets tests wait for the result, not for time) */
  readonly onDidUpdate = this.changed.event;

  constructor(private readonly session: HubSession) {
    this.disposables.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument(d => this.validate(d)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument(d => this.clear(d.uri)),
      // the references read before the change serve until the new ones are read, so nothing flickers
      session.onDidChange(() => this.revalidateAll()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateActiveContext()),
      vscode.window.tabGroups.onDidChangeTabs(e => this.tabsChanged(e)),
    );
    this.revalidateAll();
    this.updateActiveContext();
  }

  private async loadRefs(): Promise<void> {
    try {
      this.refs = await this.session.hub.components.refIndex();
    } catch {
      // references cannot be checked now; the views report the store error
      this.refs = undefined;
    }
  }

  private revalidateAll(): void {
    void this.loadRefs().then(() => {
      for (const d of vscode.workspace.textDocuments) if (this.isShown(d.uri) || this.collection.has(d.uri)) this.validate(d);
    });
  }

  /** Whether a tab shows the document (as a text editor or the editable side of a diff). */
  private isShown(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.window.tabGroups.all.some(g =>
      g.tabs.some(
        t =>
          (t.input instanceof vscode.TabInputText && t.input.uri.toString() === key) ||
          (t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key),
      ),
    );
  }

  /**
   * VS Code keeps a closed file's document alive for a while (onDidCloseTextDocument comes late, or not
   * at all for documents an extension opened), so closing the last tab of a file is what clears its
   * problems; reopening it validates again.
   */
  private tabsChanged(e: vscode.TabChangeEvent): void {
    for (const tab of e.closed) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : tab.input instanceof vscode.TabInputTextDiff ? tab.input.modified : undefined;
      if (uri && this.collection.has(uri) && !this.isShown(uri)) this.clear(uri);
    }
    for (const tab of e.opened) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const doc = uri && vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
      if (doc && !this.collection.has(doc.uri)) this.validate(doc);
    }
  }

  /** `polyaxonHub.activeEditorIsPolyaxon` shows the publish button in the editor title only on Polyaxon files. */
  private updateActiveContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const value = !!doc && isYamlDocument(doc) && !IGNORED_SCHEMES.has(doc.uri.scheme) && looksLikePolyaxonFile(doc.getText());
    if (value !== this.activeIsPolyaxon) {
      this.activeIsPolyaxon = value;
      void vscode.commands.executeCommand('setContext', 'polyaxonHub.activeEditorIsPolyaxon', value);
    }
  }
  private activeIsPolyaxon: boolean | undefined;

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    // typing `kind: component` into a YAML file makes it a Polyaxon file: the editor title's publish button follows
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.validate(doc);
        this.updateActiveContext();
      }, TYPING_DELAY_MS),
    );
  }

  /** Validates now; returns the problems (used by publish, which must see the same verdict). */
  validate(doc: vscode.TextDocument): readonly vscode.Diagnostic[] {
    if (doc.isClosed || !isYamlDocument(doc) || IGNORED_SCHEMES.has(doc.uri.scheme)) return [];
    const text = doc.getText();
    if (!looksLikePolyaxonFile(text) && !this.claimed.has(doc.uri.toString())) {
      if (this.collection.has(doc.uri)) {
        this.collection.delete(doc.uri);
        suggestions.delete(doc.uri.toString());
        this.changed.fire(doc.uri);
      }
      return [];
    }
    const fileName = doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
    const refs = this.refs;
    const result = validatePolyaxonYaml(text, { fileName, resolveRef: ref => refs?.status(ref, fileName) ?? 'unknown' });
    const diagnostics = result.problems.map(toDiagnostic);
    const fixes = new Map<string, string>();
    result.problems.forEach((p, i) => {
      if (p.suggestion !== undefined) fixes.set(problemKey(diagnostics[i].range, p.message), p.suggestion);
    });
    suggestions.set(doc.uri.toString(), fixes);
    this.collection.set(doc.uri, diagnostics);
    this.changed.fire(doc.uri);
    if (doc === vscode.window.activeTextEditor?.document) this.updateActiveContext();
    return diagnostics;
  }

  /** Validates the file as a Polyaxon file from now until its last tab closes, whatever it looks like. */
  claim(doc: vscode.TextDocument): readonly vscode.Diagnostic[] {
    this.claimed.add(doc.uri.toString());
    return this.validate(doc);
  }

  private clear(uri: vscode.Uri): void {
    this.claimed.delete(uri.toString());
    suggestions.delete(uri.toString());
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
