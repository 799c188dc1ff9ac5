import * as vscode from 'vscode';
import { plural } from '../../core/plural';
import { actionsContextValue } from '../../core/access';
import type { Action, ComponentSummary, ComponentVersionSummary, HubClient, VersionKey } from '../../core/client';
import { HubTreeProvider } from '../../host/hubTreeProvider';

export const HUB_VIEW_ID = 'polyaxonHub.componentHub';

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export class HubOrgItem extends vscode.TreeItem {
  constructor(
    readonly org: string,
    count: number,
    readonly actions: Action[],
  ) {
    super(org, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `hub:${org}`;
    this.description = count ? plural(count, 'component') : 'no components';
    this.iconPath = new vscode.ThemeIcon('organization');
    // menus match what the role allows: `viewItem =~ /\bcan:componentVersion\.write\b/`
    this.contextValue = actionsContextValue('hubOrg', actions);
  }
}

export class ComponentItem extends vscode.TreeItem {
  constructor(
    readonly component: ComponentSummary,
    readonly actions: Action[],
  ) {
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

  get versions(): ComponentVersionSummary[] {
    return this.component.versions;
  }
}

export class VersionItem extends vscode.TreeItem {
  constructor(
    readonly version: ComponentVersionSummary,
    actions: Action[],
  ) {
    super(version.name, vscode.TreeItemCollapsibleState.None);
    this.id = `hub:${version.hubRef}`;
    this.description = `${version.stage} · ${version.publishedBy} · ${when(version.publishedAt)}`;
    // read out whole: "v1" alone does not say which component's version a screen reader is on
    this.accessibilityInformation = { label: `${version.hubRef}, ${this.description}` };
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${version.hubRef}**\n\n`);
    md.appendText(
      `Stage: ${version.stage}\nPublished by ${version.publishedBy} on ${when(version.publishedAt)} UTC\n` +
        `Run kind: ${version.runKind ?? '—'}\nInputs: ${version.inputCount}, outputs: ${version.outputCount}\n` +
        `sha256: ${version.contentHash.slice(0, 16)}…` +
        (version.sourcePath ? `\nFrom: ${version.sourcePath}` : '') +
        (version.timesReplaced ? `\nReplaced ${plural(version.timesReplaced, 'time')}` : ''),
    );
    this.tooltip = md;
    this.iconPath = new vscode.ThemeIcon(version.stage === 'production' ? 'verified' : version.stage === 'disabled' ? 'circle-slash' : 'tag');
    this.contextValue = actionsContextValue('componentVersion', actions);
    this.command = { command: 'polyaxonHub.hub.openVersion', title: 'Open Version', arguments: [this] };
  }

  get key(): VersionKey {
    return { org: this.version.org, component: this.version.component, version: this.version.name };
  }
}

export type HubNode = HubOrgItem | ComponentItem | VersionItem;

/**
 * Component Hub: org → component → versions (stage, author, date), with menus limited to what the user's
 * role allows. Each level is read once per refresh and kept, so `reveal` can walk up through `getParent`.
 */
export class HubTree extends HubTreeProvider<HubNode> {
  private roots: Promise<HubOrgItem[]> | undefined;
  private readonly components = new Map<string, Promise<ComponentItem[]>>();

  protected override forget(): void {
    this.roots = undefined;
    this.components.clear();
  }

  private orgItems(hub: HubClient): Promise<HubOrgItem[]> {
    if (!this.roots) {
      const roots = hub.orgs.list({ can: 'view' }).then(orgs => orgs.map(o => new HubOrgItem(o.name, o.componentCount, o.actions)));
      // a failed read is not kept: the next look tries again
      roots.catch(() => {
        if (this.roots === roots) this.roots = undefined;
      });
      this.roots = roots;
    }
    return this.roots;
  }

  private componentItems(hub: HubClient, org: string, actions: Action[]): Promise<ComponentItem[]> {
    let items = this.components.get(org);
    if (!items) {
      const read = hub.components.list(org).then(list => list.map(c => new ComponentItem(c, actions)));
      read.catch(() => {
        if (this.components.get(org) === read) this.components.delete(org);
      });
      this.components.set(org, read);
      items = read;
    }
    return items;
  }

  protected async childrenOf(hub: HubClient, node: HubNode | undefined): Promise<HubNode[]> {
    if (!node) return this.orgItems(hub);
    if (node instanceof HubOrgItem) return this.componentItems(hub, node.org, node.actions);
    if (node instanceof ComponentItem) return node.versions.map(v => new VersionItem(v, node.actions));
    return [];
  }

  /** Lets `reveal` find a node's parent (used after publishing, to show the new version). */
  async getParent(node: HubNode): Promise<HubNode | undefined> {
    if (node instanceof HubOrgItem) return undefined;
    const hub = this.session.hub;
    const org = node instanceof VersionItem ? node.version.org : node.component.org;
    const orgItem = (await this.orgItems(hub)).find(o => o.org === org);
    if (!orgItem || node instanceof ComponentItem) return orgItem;
    return (await this.componentItems(hub, org, orgItem.actions)).find(c => c.component.name === node.version.component);
  }

  /**
   * The tree item of a version, for `TreeView.reveal` right after a write: the tree reads afresh at once,
   * so the reveal does not walk what was read before the write.
   */
  async findVersion(org: string, component: string, version: string): Promise<VersionItem | undefined> {
    this.refresh();
    const hub = this.session.hub;
    const orgItem = (await this.orgItems(hub)).find(o => o.org === org);
    if (!orgItem) return undefined;
    const comp = (await this.componentItems(hub, org, orgItem.actions)).find(c => c.component.name === component);
    const v = comp?.versions.find(x => x.name === version);
    return v && comp ? new VersionItem(v, comp.actions) : undefined;
  }
}
