import * as vscode from 'vscode';
import type { ComponentPageKey, ComponentPageRequests, ComponentPageState, ComponentVersionView, IOView } from '../../protocol/component';
import type { RequestHandlers } from '../../protocol/page';
import type { ComponentVersionSummary, IOView as IOFields } from '../../core/client';
import { inlineYaml } from '../../core/hub/snippet';
import type { HubSession } from '../../host/session';
import { PageRegistry, WebviewPage, type PageKind } from '../../host/webviewPage';

export const COMPONENT_PAGE: PageKind<ComponentPageKey> = {
  viewType: 'polyaxonHub.componentPage',
  script: 'component.js',
  id: key => `${key.org}/${key.component}`,
  title: key => `${key.org}/${key.component}`,
  keyFrom: saved => {
    const s = saved as Partial<ComponentPageKey> | undefined;
    if (typeof s?.org !== 'string' || typeof s.component !== 'string') return undefined;
    return { org: s.org, component: s.component, version: typeof s.version === 'string' ? s.version : undefined };
  },
};

function io(list: IOFields[]): IOView[] {
  return list.map(i => ({
    name: i.name,
    type: i.type,
    isOptional: i.isOptional,
    value: i.value === undefined ? undefined : inlineYaml(i.value),
    description: i.description,
  }));
}

function view(v: ComponentVersionSummary): ComponentVersionView {
  return {
    name: v.name,
    hubRef: v.hubRef,
    stage: v.stage,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    contentHash: v.contentHash,
    runKind: v.runKind,
    sourcePath: v.sourcePath,
    replaced: v.timesReplaced,
  };
}

/** The component page: description, tags, inputs/outputs, run kind, an operation snippet, versions. One panel per component. */
export class ComponentPage extends WebviewPage<ComponentPageKey, ComponentPageState, ComponentPageRequests> {
  static register(session: HubSession, extensionUri: vscode.Uri): PageRegistry<ComponentPageKey, ComponentPage> {
    return new PageRegistry(COMPONENT_PAGE, (panel, key) => new ComponentPage(panel, session, extensionUri, key));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly session: HubSession,
    extensionUri: vscode.Uri,
    key: ComponentPageKey,
  ) {
    super(panel, COMPONENT_PAGE, key, extensionUri, session.onDidChange);
  }

  /** Shows another version of the component (a version picked in the page, or asked for by the tree). */
  select(version: string): Promise<void> {
    this.rekey({ ...this.key, version });
    return this.pushState();
  }

  protected async loadState(): Promise<ComponentPageState> {
    const hub = this.session.hub;
    // follows the component's org to its new name (renamed here, in another window or by the CLI)
    const renamed = await hub.orgs.currentName(this.key.org);
    if (renamed !== undefined && renamed !== this.key.org) this.rekey({ ...this.key, org: renamed });
    const { org, component: name, version } = this.key;
    const component = await hub.components.get(org, name);
    // a selected version that was deleted falls back to latest/newest rather than an error page
    const selected = version && component.versions.some(v => v.name === version) ? version : undefined;
    const shown = await hub.components.version(org, name, selected);
    return {
      org,
      name,
      description: component.description,
      tags: component.tags,
      version: view(shown),
      inputs: io(shown.inputs),
      outputs: io(shown.outputs),
      snippet: shown.operationSnippet,
      versions: component.versions.map(view),
      canStage: shown.actions.includes('componentVersion.write'),
      canDelete: shown.actions.includes('version.delete'),
    };
  }

  /** A request that runs a version command on one of this component's versions: it checks the role again and asks what it needs. */
  private forward(command: string) {
    return async ({ version }: { version: string }): Promise<void> => {
      await vscode.commands.executeCommand(command, { org: this.key.org, component: this.key.component, version });
    };
  }

  protected readonly handlers: RequestHandlers<ComponentPageRequests> = {
    selectVersion: ({ version }) => this.select(version),
    copySnippet: async () => {
      const state = await this.loadState();
      await vscode.env.clipboard.writeText(state.snippet);
      void vscode.window.setStatusBarMessage(`Copied an operation using ${state.version.hubRef}`, 4000);
    },
    openVersion: this.forward('polyaxonHub.hub.openVersion'),
    pull: this.forward('polyaxonHub.hub.pull'),
    diffWithFile: this.forward('polyaxonHub.hub.diffWithFile'),
    setStage: this.forward('polyaxonHub.hub.setStage'),
    deleteVersion: this.forward('polyaxonHub.hub.deleteVersion'),
  };
}
