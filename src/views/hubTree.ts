import * as vscode from 'vscode';
import { actionsContextValue, allowedActions, type Action } from '../core/access';
import { listComponents, versionRef, viewableOrgs } from '../core/hub/components';
import type { Component, ComponentVersion, Database } from '../core/model';
import { StoreTree } from './storeTree';

export const HUB_VIEW_ID = 'polyaxonHub.componentHub';

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export class HubOrgItem extends vscode.TreeItem {
  constructor(readonly org: string, count: number, actions: Action[]) {
    super(org, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `hub:${org}`;
    this.description = count ? `${count} component${count === 1 ? '' : 's'}` : 'no components';
    this.iconPath = new vscode.ThemeIcon('organization');
    // menus match what the role allows: `viewItem =~ /\bcan:componentVersion\.write\b/`
    this.contextValue = actionsContextValue('hubOrg', actions);
  }
}

export class ComponentItem extends vscode.TreeItem {
  constructor(readonly component: Component, readonly versions: ComponentVersion[], readonly actions: Action[]) {
    super(component.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `hub:${component.org}/${component.name}`;
    this.description = `${versions.length} version${versions.length === 1 ? '' : 's'}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${component.org}/${component.name}**\n\n`);
    if (component.description) md.appendText(component.description + '\n\n');
    if (component.tags.length) md.appendText(`Tags: ${component.tags.join(', ')}`);
    this.tooltip = md;
    this.iconPath = new vscode.ThemeIcon('symbol-module');
    this.contextValue = 'component';
  }
}

export class VersionItem extends vscode.TreeItem {
  constructor(readonly version: ComponentVersion, actions: Action[]) {
    super(version.name, vscode.TreeItemCollapsibleState.None);
    const ref = versionRef(version);
    this.id = `hub:${ref}`;
    this.description = `${version.stage} · ${version.publishedBy} · ${when(version.publishedAt)}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${ref}**\n\n`);
    md.appendText(`Stage: ${version.stage}\nPublished by ${version.publishedBy} on ${when(version.publishedAt)} UTC\n` +
      `Run kind: ${version.runKind ?? '—'}\nInputs: ${version.inputs.length}, outputs: ${version.outputs.length}\n` +
      `sha256: ${version.contentHash.slice(0, 16)}…` + (version.sourcePath ? `\nFrom: ${version.sourcePath}` : '') +
      (version.history.length ? `\nReplaced ${version.history.length} time${version.history.length === 1 ? '' : 's'}` : ''));
    this.tooltip = md;
    this.iconPath = new vscode.ThemeIcon(version.stage === 'production' ? 'verified' : version.stage === 'disabled' ? 'circle-slash' : 'tag');
    this.contextValue = actionsContextValue('componentVersion', actions);
    this.command = { command: 'polyaxonHub.hub.openVersion', title: 'Open Version', arguments: [this] };
  }

  get key() { return { org: this.version.org, component: this.version.component, version: this.version.name }; }
}

export type HubNode = HubOrgItem | ComponentItem | VersionItem;

/** Component Hub: org → component → versions (stage, author, date), with menus limited to what the user's role allows. */
export class HubTree extends StoreTree<HubNode> {
  /** Lets `reveal` find a node's parent (used after publishing, to show the new version). */
  getParent(node: HubNode): HubNode | undefined {
    if (node instanceof VersionItem && this.latest) {
      return this.componentItems(this.latest, node.version.org).find(c => c.component.name === node.version.component);
    }
    if (node instanceof ComponentItem && this.latest) return this.orgItem(this.latest, node.component.org);
    return undefined;
  }

  private actions(db: Database, org: string): Action[] {
    return allowedActions(db, this.session.user.username, { org });
  }

  private orgItem(db: Database, org: string): HubOrgItem {
    return new HubOrgItem(org, db.components.filter(c => c.org === org).length, this.actions(db, org));
  }

  private componentItems(db: Database, org: string): ComponentItem[] {
    const actions = this.actions(db, org);
    return listComponents(db, this.session.user.username, org).map(l => new ComponentItem(l.component, l.versions, actions));
  }

  protected childrenOf(db: Database, node: HubNode | undefined): HubNode[] {
    if (!node) return viewableOrgs(db, this.session.user.username).map(org => this.orgItem(db, org));
    if (node instanceof HubOrgItem) return this.componentItems(db, node.org);
    if (node instanceof ComponentItem) return node.versions.map(v => new VersionItem(v, node.actions));
    return [];
  }

  /** The tree item of a version, for `TreeView.reveal` right after a write: read afresh, not from the last snapshot. */
  async findVersion(org: string, component: string, version: string): Promise<VersionItem | undefined> {
    const db = await this.session.store.read();
    this.adopt(db);
    const comp = this.componentItems(db, org).find(c => c.component.name === component);
    const v = comp?.versions.find(x => x.name === version);
    return v && comp ? new VersionItem(v, comp.actions) : undefined;
  }
}
