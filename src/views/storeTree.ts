import * as vscode from 'vscode';
import type { Database } from '../core/model';
import type { HubSession } from '../host/session';
import { reportStoreError } from '../host/storeErrors';

/**
 * A tree over the store: one read per refresh shared by every level, a refresh on every session change,
 * and a store that cannot be read shown once as an error (with the way out) and as an empty tree.
 */
export abstract class StoreTree<Node extends vscode.TreeItem> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private reading: Promise<Database> | undefined;
  /** the last snapshot read, for synchronous lookups such as `getParent` */
  protected latest: Database | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(protected readonly session: HubSession) {
    this.subscription = session.onDidChange(() => this.refresh());
  }

  /** The children of `node` (the roots when undefined) in this snapshot of the store. */
  protected abstract childrenOf(db: Database, node: Node | undefined): Node[];

  refresh(): void {
    this.reading = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem { return node; }

  /**
   * Makes a snapshot read right after a write the one the tree shows, at once: a `reveal` must not walk
   * the snapshot cached before the write (the session's coalesced refresh comes a moment later).
   */
  protected adopt(db: Database): void {
    this.latest = db;
    this.reading = Promise.resolve(db);
    this.changed.fire(undefined);
  }

  protected async database(): Promise<Database> {
    this.reading ??= this.session.store.read().then(db => (this.latest = db));
    return this.reading;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    let db: Database;
    try {
      db = await this.database();
      if (!node) await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', false);
    } catch (error) {
      this.reading = undefined;
      await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', true);
      reportStoreError(error, this.session.store.location);
      return [];
    }
    try {
      return this.childrenOf(db, node);
    } catch {
      // the record vanished or the user's role changed since this snapshot: the refresh on its way shows the truth
      return [];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
