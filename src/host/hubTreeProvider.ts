import * as vscode from 'vscode';
import type { HubClient } from '../core/client';
import { Disposable } from './disposable';
import type { HubSession } from './session';
import { ShownTree } from './shownTree';
import { reportStoreError } from './storeErrors';

/**
 * A tree over the hub, as the current user sees it: children read through `session.hub`, on every session change
 * a refresh of what changed in what it shows (ShownTree), and a store that cannot be read shown once as an error
 * (with the way out) and as an empty tree.
 */
export abstract class HubTreeProvider<Node extends vscode.TreeItem> extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly shownTree = new ShownTree<Node>(
    node => this.childrenOf(this.session.hub, node),
    node => this.changed.fire(node),
    () => this.forget(),
  );

  constructor(protected readonly session: HubSession) {
    super();
    this._register(session.onDidChange(() => void this.shownTree.check()));
  }

  /** The children of `node` (the roots when undefined). */
  protected abstract childrenOf(hub: HubClient, node: Node | undefined): Promise<Node[]>;

  /** Drops what the tree keeps between refreshes, so that the next reads are fresh. */
  protected forget(): void {}

  /** Reads the whole tree again, changed or not. */
  refresh(): void {
    this.forget();
    this.shownTree.refreshAll();
  }

  /** Asks VS Code for the children of `node` again (the very object it was given), not for the whole tree. */
  protected refreshNode(node: Node): void {
    this.shownTree.refresh(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const hub = this.session.hub;
    if (node) {
      // the record vanished or the user's role changed since the parent was read: empty now, read again by the next check
      return this.shownTree.children(node).catch(() => []);
    }
    try {
      const roots = await this.shownTree.children(undefined);
      await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', false);
      return roots;
    } catch (error) {
      await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', true);
      reportStoreError(error, hub.location);
      return [];
    }
  }
}
