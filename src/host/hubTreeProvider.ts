import * as vscode from 'vscode';
import type { HubClient } from '../core/client';
import { Disposable } from './disposable';
import type { HubSession } from './session';
import { reportStoreError } from './storeErrors';

/**
 * A tree over the hub, as the current user sees it: children read through `session.hub`, a refresh on every
 * session change, and a store that cannot be read shown once as an error (with the way out) and as an empty tree.
 */
export abstract class HubTreeProvider<Node extends vscode.TreeItem> extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(protected readonly session: HubSession) {
    super();
    this._register(session.onDidChange(() => this.refresh()));
  }

  /** The children of `node` (the roots when undefined). */
  protected abstract childrenOf(hub: HubClient, node: Node | undefined): Promise<Node[]>;

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Asks VS Code for the children of `node` again (the very object it was given), not for the whole tree. */
  protected refreshNode(node: Node): void {
    this.changed.fire(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const hub = this.session.hub;
    if (node) {
      // the record vanished or the user's role changed since the parent was read: the refresh on its way shows the truth
      return this.childrenOf(hub, node).catch(() => []);
    }
    try {
      const roots = await this.childrenOf(hub, undefined);
      await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', false);
      return roots;
    } catch (error) {
      await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', true);
      reportStoreError(error, hub.location);
      return [];
    }
  }
}
