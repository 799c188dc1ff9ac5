import * as vscode from 'vscode';
import { actionsContextValue } from '../../core/access';
import type { Action, ComponentSummary, ComponentVersionSummary, HubClient, VersionKey } from '../../core/client';
import { Disposable } from '../../host/disposable';
import type { HubSession } from '../../host/session';
import { reportStoreError } from '../../host/storeErrors';

export const HUB_VIEW_ID = 'polyaxonHub.componentHub';

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class HubOrgItem extends vscode.TreeItem {
  constructor(readonly org: string, count: number, readonly actions: Action[]) {
    super(org, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `hub:${org}`;
    this.description = count ? plural(count, 'component') : 'no components';
    this.iconPath = new vscode.ThemeIcon('organization');
    // menus match what the role allows: `viewItem =~ /\bcan:componentVersion\.write\b/`
    this.contextValue = actionsContextValue('hubOrg', actions);
  }
}

export class ComponentItem extends vscode.TreeItem {
  constructor(readonly component: ComponentSummary, readonly actions: Action[]) {
    super(component.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `hub:${component.org}/${component.name}`;
    this.description = plural(component.versions.length, 'version');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${component.org}/${component.name}**\n\n`);
    if (component.description) md.appendText(component.description + '\n\n');
    if (component.tags.length) md.appendText(`Tags: ${component.tags.join(', ')}`);
    this.tooltip = md;
    this.iconPath = new vscode.ThemeIcon('symbol-module');
    this.contextValue = 'component';
  }

  get versions(): ComponentVersionSummary[] { return this.component.versions; }
}

export class VersionItem extends vscode.TreeItem {
  constructor(readonly version: ComponentVersionSummary, actions: Action[]) {
    super(version.name, vscode.TreeItemCollapsibleState.None);
    this.id = `hub:${version.hubRef}`;
    this.description = `${version.stage} · ${version.publishedBy} · ${when(version.publishedAt)}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${version.hubRef}**\n\n`);
    md.appendText(`Stage: ${version.stage}\nPublished by ${version.publishedBy} on ${when(version.publishedAt)} UTC\n` +
      `Run kind: ${version.runKind ?? '—'}\nInputs: ${version.inputCount}, outputs: ${version.outputCount}\n` +
      `sha256: ${version.contentHash.slice(0, 16)}…` + (version.sourcePath ? `\nFrom: ${version.sourcePath}` : '') +
      (version.timesReplaced ? `\nReplaced ${plural(version.timesReplaced, 'time')}` : ''));
    this.tooltip = md;
    this.iconPath = new vscode.ThemeIcon(version.stage === 'production' ? 'verified' : version.stage === 'disabled' ? 'circle-slash' : 'tag');
    this.contextValue = actionsContextValue('componentVersion', actions);
    this.command = { command: 'polyaxonHub.hub.openVersion', title: 'Open Version', arguments: [this] };
  }

  get key(): VersionKey { return { org: this.version.org, component: this.version.component, version: this.version.name }; }
}

export type HubNode = HubOrgItem | ComponentItem | VersionItem;

/**
 * Component Hub: org → component → versions (stage, author, date), with menus limited to what the user's
 * role allows. Each level is read once per refresh through the hub client; a store that cannot be read
 * is shown once as an error (with the way out) and as an empty tree.
 */
export class HubTree extends Disposable implements vscode.TreeDataProvider<HubNode> {
  private readonly changed = this._register(new vscode.EventEmitter<HubNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<HubOrgItem[]> | undefined;
  private readonly components = new Map<string, Promise<ComponentItem[]>>();

  constructor(private readonly session: HubSession) {
    super();
    this._register(session.onDidChange(() => this.refresh()));
  }

  private get hub(): HubClient { return this.session.hub; }

  refresh(): void {
    this.roots = undefined;
    this.components.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: HubNode): vscode.TreeItem { return node; }

  private orgItems(): Promise<HubOrgItem[]> {
    this.roots ??= this.hub.orgs.list({ can: 'view' }).then(orgs => orgs.map(o => new HubOrgItem(o.name, o.componentCount, o.actions)));
    return this.roots;
  }

  private componentItems(org: string, actions: Action[]): Promise<ComponentItem[]> {
    let items = this.components.get(org);
    if (!items) {
      items = this.hub.components.list(org).then(list => list.map(c => new ComponentItem(c, actions)));
      this.components.set(org, items);
    }
    return items;
  }

  async getChildren(node?: HubNode): Promise<HubNode[]> {
    if (!node) {
      try {
        const roots = await this.orgItems();
        await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', false);
        return roots;
      } catch (error) {
        this.roots = undefined;
        await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', true);
        reportStoreError(error, this.hub.location);
        return [];
      }
    }
    if (node instanceof HubOrgItem) {
      try {
        return await this.componentItems(node.org, node.actions);
      } catch {
        // the org vanished or the user's role changed since the last refresh: the refresh on its way shows the truth
        this.components.delete(node.org);
        return [];
      }
    }
    if (node instanceof ComponentItem) return node.versions.map(v => new VersionItem(v, node.actions));
    return [];
  }

  /** Lets `reveal` find a node's parent (used after publishing, to show the new version). */
  async getParent(node: HubNode): Promise<HubNode | undefined> {
    if (node instanceof HubOrgItem) return undefined;
    const org = node instanceof VersionItem ? node.version.org : node.component.org;
    const orgItem = (await this.orgItems()).find(o => o.org === org);
    if (!orgItem || node instanceof ComponentItem) return orgItem;
    return (await this.componentItems(org, orgItem.actions)).find(c => c.component.name === node.version.component);
  }

  /**
   * The tree item of a version, for `TreeView.reveal` right after a write: the tree reads afresh at once,
   * so the reveal does not walk what was read before the write (the session's coalesced refresh comes later).
   */
  async findVersion(org: string, component: string, version: string): Promise<VersionItem | undefined> {
    this.refresh();
    const orgItem = (await this.orgItems()).find(o => o.org === org);
    if (!orgItem) return undefined;
    const comp = (await this.componentItems(org, orgItem.actions)).find(c => c.component.name === component);
    const v = comp?.versions.find(x => x.name === version);
    return v && comp ? new VersionItem(v, comp.actions) : undefined;
  }
}
