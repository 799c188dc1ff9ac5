import * as vscode from 'vscode';
import type { HubClient, ModelSummary, ModelVersionRef, ModelVersionSummary, OrgSummary } from '../../core/client';
import { HubTreeProvider } from '../../host/hubTreeProvider';
import { contextValue, formatBytes, formatWhen, plural } from './format';

export const REGISTRY_VIEW_ID = 'polyaxonHub.modelRegistry';

const STAGE_ICONS: Record<string, [icon: string, color?: string]> = {
  testing: ['beaker'],
  staging: ['milestone', 'charts.blue'],
  production: ['verified-filled', 'charts.green'],
  disabled: ['circle-slash', 'disabledForeground'],
};

export function stageIcon(stage: string): vscode.ThemeIcon {
  const [icon, color] = STAGE_ICONS[stage] ?? ['tag'];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

export class RegistryOrgItem extends vscode.TreeItem {
  readonly kind = 'org';
  constructor(
    readonly org: OrgSummary,
    /** undefined when it could not be read (a slow server): the row stays expandable, and its children say why */
    modelCount: number | undefined,
  ) {
    // a row that turns into a leaf for one refresh loses its expansion: only a known 0 makes it one
    super(org.name, modelCount === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `registry:${org.name}`;
    this.description = modelCount === undefined ? '' : modelCount ? plural(modelCount, 'model') : 'no models';
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = contextValue('registryOrg', org.actions);
  }
}

export class ModelItem extends vscode.TreeItem {
  readonly kind = 'model';
  readonly modelKey: { org: string; model: string };
  constructor(readonly model: ModelSummary) {
    super(model.name, model.versionCount ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.modelKey = { org: model.org, model: model.name };
    this.id = `registry:${model.org}/${model.name}`;
    this.description = [
      plural(model.versionCount, 'version'),
      model.production.length ? `production: ${model.production.join(', ')}` : '',
      model.project ? `project ${model.project}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${model.org}/${model.name}**\n\n`);
    if (model.description) md.appendText(`${model.description}\n\n`);
    md.appendText(`Created by ${model.createdBy} on ${formatWhen(model.createdAt)} UTC` + (model.tags.length ? `\nTags: ${model.tags.join(', ')}` : ''));
    this.tooltip = md;
    this.iconPath = new vscode.ThemeIcon('package');
    this.contextValue = contextValue('model', model.actions);
  }
}

export class ModelVersionItem extends vscode.TreeItem {
  readonly kind = 'version';
  readonly versionRef: ModelVersionRef;
  constructor(
    readonly version: ModelVersionSummary,
    actions: readonly string[],
  ) {
    super(version.name, vscode.TreeItemCollapsibleState.None);
    this.versionRef = { org: version.org, model: version.model, version: version.name };
    this.id = `registry:${version.ref}`;
    this.description = [version.stage, version.framework, `${version.createdBy} · ${formatWhen(version.createdAt)}`].filter(Boolean).join(' · ');
    // read out whole: "v2" alone does not say which model's version a screen reader is on
    this.accessibilityInformation = { label: `${version.ref}, ${this.description}` };
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${version.ref}**\n\n`);
    md.appendText(
      `Stage: ${version.stage}\nFramework: ${version.framework ?? '—'}\n${plural(version.fileCount, 'file')}, ${formatBytes(version.totalBytes)}\n` +
        (version.runId ? `Run: ${version.runId}\n` : '') +
        `Promoted by ${version.createdBy} on ${formatWhen(version.createdAt)} UTC`,
    );
    this.tooltip = md;
    this.iconPath = stageIcon(version.stage);
    // menus match the role (`can:modelVersion.write`, `can:version.delete`) and the stage
    this.contextValue = contextValue('modelVersion', actions, `stage:${version.stage}`);
    this.command = { command: 'polyaxonHub.registry.openVersion', title: 'Open Model Version', arguments: [this.versionRef] };
  }
}

export type RegistryNode = RegistryOrgItem | ModelItem | ModelVersionItem;

/** Model Registry: org → model → versions (stage as icon and description), menus limited to what the user's role allows. */
export class RegistryTree extends HubTreeProvider<RegistryNode> {
  /** the items last handed out, for `getParent` (reveal) */
  private readonly parents = new Map<string, RegistryNode>();

  getParent(node: RegistryNode): RegistryNode | undefined {
    return node.id ? this.parents.get(node.id) : undefined;
  }

  protected async childrenOf(hub: HubClient, node: RegistryNode | undefined): Promise<RegistryNode[]> {
    let children: RegistryNode[];
    if (!node) {
      const orgs = await hub.orgs.list();
      const counts = await Promise.all(
        orgs.map(o =>
          hub.registry.list(o.name).then(
            m => m.length,
            () => undefined,
          ),
        ),
      );
      children = orgs.map((o, i) => new RegistryOrgItem(o, counts[i]));
    } else if (node instanceof RegistryOrgItem) {
      children = (await hub.registry.list(node.org.name)).map(m => new ModelItem(m));
    } else if (node instanceof ModelItem) {
      const model = await hub.registry.model(node.model.org, node.model.name);
      children = model.versions.map(v => new ModelVersionItem(v, model.actions));
    } else {
      children = [];
    }
    for (const child of children) if (child.id) this.parents.set(child.id, node as RegistryNode);
    return children;
  }

  /** The tree item of a version read afresh (for `TreeView.reveal` right after a promote or a stage change). */
  async findVersion(ref: ModelVersionRef): Promise<ModelVersionItem | undefined> {
    const hub = this.session.hub;
    const orgs = await hub.orgs.list();
    const org = orgs.find(o => o.name === ref.org);
    if (!org) return undefined;
    const models = await hub.registry.list(ref.org);
    const summary = models.find(m => m.name === ref.model);
    if (!summary) return undefined;
    const model = await hub.registry.model(ref.org, ref.model);
    const version = model.versions.find(v => v.name === ref.version);
    if (!version) return undefined;
    const orgItem = new RegistryOrgItem(org, models.length);
    const modelItem = new ModelItem(summary);
    const item = new ModelVersionItem(version, model.actions);
    this.parents.set(modelItem.id!, orgItem);
    this.parents.set(item.id!, modelItem);
    return item;
  }
}
