import * as vscode from 'vscode';
import type { ComponentPageRequests, ComponentPageState, ComponentVersionView, IOView } from '../../protocol/component';
import { HubError, keyRef, type ComponentVersionSummary, type IOView as IOFields } from '../../core/client';
import { inlineYaml } from '../../core/hub/snippet';
import type { HubSession } from '../../host/session';
import { LegacyWebviewPage } from '../../host/legacyWebviewPage';

/** Page requests that are just a version command run on the version shown. */
const VERSION_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['openVersion', 'polyaxonHub.hub.openVersion'],
  ['pull', 'polyaxonHub.hub.pull'],
  ['diffWithFile', 'polyaxonHub.hub.diffWithFile'],
  ['setStage', 'polyaxonHub.hub.setStage'],
  ['deleteVersion', 'polyaxonHub.hub.deleteVersion'],
]);

export const COMPONENT_PAGE_VIEW_TYPE = 'polyaxonHub.componentPage';

export interface ComponentPageTarget { org: string; component: string; version?: string }

function io(list: IOFields[]): IOView[] {
  return list.map(i => ({ name: i.name, type: i.type, isOptional: i.isOptional, value: i.value === undefined ? undefined : inlineYaml(i.value), description: i.description }));
}

function view(v: ComponentVersionSummary): ComponentVersionView {
  return {
    name: v.name, hubRef: v.hubRef, stage: v.stage, publishedBy: v.publishedBy, publishedAt: v.publishedAt,
    contentHash: v.contentHash, runKind: v.runKind, sourcePath: v.sourcePath, replaced: v.timesReplaced,
  };
}

/** The component page: description, tags, inputs/outputs, run kind, an operation snippet, versions. One panel per component. */
export class ComponentPage extends LegacyWebviewPage<ComponentPageState, ComponentPageRequests> {
  private static readonly open = new Map<string, ComponentPage>();

  static show(session: HubSession, extensionUri: vscode.Uri, target: ComponentPageTarget): ComponentPage {
    const id = `${target.org}/${target.component}`;
    const existing = ComponentPage.open.get(id);
    if (existing) {
      if (target.version) existing.select(target.version);
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(COMPONENT_PAGE_VIEW_TYPE, id, vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    return new ComponentPage(panel, session, extensionUri, target);
  }

  /** Restores a page after a reload (the serializer passes the state the page saved). */
  static revive(panel: vscode.WebviewPanel, session: HubSession, extensionUri: vscode.Uri, target: ComponentPageTarget): ComponentPage {
    return new ComponentPage(panel, session, extensionUri, target);
  }

  private version: string | undefined;

  private constructor(panel: vscode.WebviewPanel, private readonly session: HubSession, extensionUri: vscode.Uri, private target: ComponentPageTarget) {
    super(panel, extensionUri, 'component.js', session.onDidChange);
    this.version = target.version;
    ComponentPage.open.set(this.id, this);
    this.disposables.push({ dispose: () => { if (ComponentPage.open.get(this.id) === this) ComponentPage.open.delete(this.id); } });
  }

  private get id(): string { return `${this.target.org}/${this.target.component}`; }

  /** Follows the component's org to its new name after a rename (made here, in another window or by the CLI). */
  private async followOrg(): Promise<void> {
    const org = await this.session.hub.orgs.currentName(this.target.org);
    if (org === undefined || org === this.target.org) return;
    if (ComponentPage.open.get(this.id) === this) ComponentPage.open.delete(this.id);
    this.target = { ...this.target, org };
    if (!ComponentPage.open.has(this.id)) ComponentPage.open.set(this.id, this);
    this.panel.title = this.id;
  }

  private select(version: string): void {
    this.version = version;
    void this.pushState();
  }

  protected async loadState(): Promise<ComponentPageState> {
    const hub = this.session.hub;
    await this.followOrg();
    const { org, component: name } = this.target;
    const component = await hub.components.get(org, name);
    // a selected version that was deleted falls back to latest/newest rather than an error page
    const selected = this.version && component.versions.some(v => v.name === this.version) ? this.version : undefined;
    const shown = await hub.components.version(org, name, selected);
    return {
      org, name, description: component.description, tags: component.tags,
      version: view(shown), inputs: io(shown.inputs), outputs: io(shown.outputs), snippet: shown.operationSnippet,
      versions: component.versions.map(view),
      canStage: shown.actions.includes('componentVersion.write'),
      canDelete: shown.actions.includes('version.delete'),
    };
  }

  protected async handle<K extends keyof ComponentPageRequests & string>(command: K, args: ComponentPageRequests[K]['args']): Promise<ComponentPageRequests[K]['result']> {
    const key = (version: string) => ({ org: this.target.org, component: this.target.component, version });
    const a = args as { version?: string };
    switch (command) {
      case 'selectVersion':
        return this.select(a.version!);
      case 'copySnippet': {
        const state = await this.loadState();
        await vscode.env.clipboard.writeText(state.snippet);
        void vscode.window.setStatusBarMessage(`Copied an operation using ${state.version.hubRef}`, 4000);
        return;
      }
    }
    // the rest run the version's command: it checks the role again and asks what it needs (stage, confirmation)
    const forwarded = VERSION_COMMANDS.get(command);
    if (forwarded) {
      await vscode.commands.executeCommand(forwarded, key(a.version!));
      return undefined as ComponentPageRequests[K]['result'];
    }
    throw new HubError(`Unknown request ${command} for ${keyRef(key(this.version ?? 'latest'))}.`);
  }
}
