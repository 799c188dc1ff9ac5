import * as vscode from 'vscode';
import { looksLikePolyaxonFile } from '../../../core/hub/validator';
import { Disposable } from '../../../host/disposable';

/** The context key the Explorer's "Publish to Component Hub" entry tests: `resourcePath in polyaxonHub.polyaxonFiles`. */
export const POLYAXON_FILES_CONTEXT = 'polyaxonHub.polyaxonFiles';
/**
 * Set once the first scan's list is in POLYAXON_FILES_CONTEXT. Until then (before activation, or while a slow
 * findFiles runs) the Explorer offers publishing on every YAML file, and the command checks the file: a menu opened
 * in that window would otherwise lack the entry on a Polyaxon file, and a menu does not change once open.
 */
const POLYAXON_FILES_KNOWN_CONTEXT = 'polyaxonHub.polyaxonFilesKnown';
const YAML_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** a workspace with more YAML than this keeps the first ones only: the menu must not cost a long scan */
const MAX_FILES = 5000;
/** bursts of file events (a checkout, a generator) update the context once */
const UPDATE_DELAY_MS = 100;

/**
 * Which workspace YAML files are Polyaxon files (`kind: component|operation`), kept in a context key so
 * the Explorer offers publishing only on them. Follows files created, changed and deleted on disk, and
 * what an open editor holds (typing `kind: component` makes a file publishable, as the editor title does).
 */
export class PolyaxonFiles extends Disposable {
  private readonly paths = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** the first scan has finished: the next update also says the list is known */
  private scanned = false;

  constructor() {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(YAML_GLOB));
    this._register(watcher.onDidCreate(uri => void this.check(uri)));
    this._register(watcher.onDidChange(uri => void this.check(uri)));
    this._register(watcher.onDidDelete(uri => this.set(uri, false)));
    this._register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length) this.checkText(e.document);
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()));
    this._register({ dispose: () => clearTimeout(this.timer) });
    void this.scan();
  }

  private async scan(): Promise<void> {
    this.paths.clear();
    const files = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDE_GLOB, MAX_FILES);
    await Promise.all(files.map(uri => this.check(uri)));
    this.scanned = true;
    this.schedule();
  }

  private async check(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file') return;
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open) return this.checkText(open);
    try {
      this.set(uri, looksLikePolyaxonFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))));
    } catch {
      this.set(uri, false); // gone or unreadable: nothing to publish
    }
  }

  private checkText(doc: vscode.TextDocument): void {
    if (doc.uri.scheme === 'file' && /\.ya?ml$/i.test(doc.uri.path)) this.set(doc.uri, looksLikePolyaxonFile(doc.getText()));
  }

  private set(uri: vscode.Uri, isPolyaxon: boolean): void {
    if (isPolyaxon === this.paths.has(uri.fsPath)) return;
    if (isPolyaxon) this.paths.add(uri.fsPath);
    else this.paths.delete(uri.fsPath);
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // an object, so the `in` test is a key lookup however many files there are
      const value = Object.fromEntries([...this.paths].map(p => [p, true]));
      const scanned = this.scanned;
      // the list first, then that it is known: no menu may see "known" with the list not yet in place
      void Promise.resolve(vscode.commands.executeCommand('setContext', POLYAXON_FILES_CONTEXT, value)).then(() =>
        scanned ? vscode.commands.executeCommand('setContext', POLYAXON_FILES_KNOWN_CONTEXT, true) : undefined,
      );
    }, UPDATE_DELAY_MS);
  }
}
