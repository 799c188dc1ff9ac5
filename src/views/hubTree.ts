import * as vscode from 'vscode';
import { can } from '../core/access';
import { listComponents, versionRef, viewableOrgs } from '../core/hub/components';
import type { Component, ComponentVersion, Database } from '../core/model';
import type { HubSession } from '../hubSession';
import { reportStoreError } from '../storeErrors';

export const HUB_VIEW_ID = 'polyaxonHub.componentHub';

/** What the user's role allows on an org's hub, as words for contextValues (menus match them with `viewItem =~`). */
interface Rights { canPublish: boolean; canStage: boolean; canDelete: boolean }

function flags(rights: Rights, ...names: (keyof Rights)[]): string {
  return names.filter(n => rights[n]).join(' ');
}

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export class HubOrgItem extends vscode.TreeItem {
  constructor(readonly org: string, count: number, readonly rights: Rights) {
    super(org, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `hub:${org}`;
    this.description = count ? `${count} component${count === 1 ? '' : 's'}` : 'no components';
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = `hubOrg ${flags(rights, 'canPublish')}`.trim();
  }
}

export class ComponentItem extends vscode.TreeItem {
  constructor(readonly component: Component, readonly versions: ComponentVersion[], readonly rights: Rights) {
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
  constructor(readonly version: ComponentVersion, readonly rights: Rights) {
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
    this.contextValue = `componentVersion ${flags(rights, 'canStage', 'canDelete')}`.trim();
    this.command = { command: 'polyaxonHub.hub.openVersion', title: 'Open Version', arguments: [this] };
  }

  get key() { return { org: this.version.org, component: this.version.component, version: this.version.name }; }
}

export type HubNode = HubOrgItem | ComponentItem | VersionItem;

/** Component Hub: org → component → versions (stage, author, date), with menus limited to what the user's role allows. */
export class HubTree implements vscode.TreeDataProvider<HubNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HubNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: Database | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: HubSession) {
    this.subscription = session.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.snapshot = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: HubNode): vscode.TreeItem { return node; }

  /** Lets `reveal` find a node's parent (used after publishing, to show the new version). */
  getParent(node: HubNode): HubNode | undefined {
    if (node instanceof VersionItem && this.snapshot) {
      return this.componentItems(this.snapshot, node.version.org).find(c => c.component.name === node.version.component);
    }
    if (node instanceof ComponentItem && this.snapshot) return this.orgItem(this.snapshot, node.component.org);
    return undefined;
  }

  private rights(db: Database, org: string): Rights {
    const me = this.session.user.username;
    return {
      canPublish: can(db, me, 'componentVersion.write', { org }),
      canStage: can(db, me, 'componentVersion.write', { org }),
      canDelete: can(db, me, 'version.delete', { org }),
    };
  }

  private orgItem(db: Database, org: string): HubOrgItem {
    return new HubOrgItem(org, db.components.filter(c => c.org === org).length, this.rights(db, org));
  }

  private componentItems(db: Database, org: string): ComponentItem[] {
    const rights = this.rights(db, org);
    return listComponents(db, this.session.user.username, org).map(l => new ComponentItem(l.component, l.versions, rights));
  }

  async getChildren(node?: HubNode): Promise<HubNode[]> {
    if (!node || !this.snapshot) {
      try {
        this.snapshot = await this.session.store.read();
      } catch (error) {
        reportStoreError(error, this.session.store.location);
        return [];
      }
    }
    const db = this.snapshot;
    try {
      if (!node) return viewableOrgs(db, this.session.user.username).map(org => this.orgItem(db, org));
      if (node instanceof HubOrgItem) return this.componentItems(db, node.org);
      if (node instanceof ComponentItem) return node.versions.map(v => new VersionItem(v, node.rights));
    } catch {
      // the org vanished or the user's role changed between two reads: the next refresh shows the truth
      return [];
    }
    return [];
  }

  /** The tree item of a version, for `TreeView.reveal`. */
  async findVersion(org: string, component: string, version: string): Promise<VersionItem | undefined> {
    this.snapshot ??= await this.session.store.read();
    const comp = this.componentItems(this.snapshot, org).find(c => c.component.name === component);
    const v = comp?.versions.find(x => x.name === version);
    return v && comp ? new VersionItem(v, comp.rights) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
