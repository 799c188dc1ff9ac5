import * as vscode from 'vscode';
import type { HubClient, HubFeature } from '../core/client';
import { Disposable } from './disposable';
import type { HubSession } from './session';

/** Every feature a backend may lack: one `polyaxonHub.lacks.<feature>` context key each (menus and the palette hide on it). */
const FEATURES: readonly HubFeature[] = [
  'orgs.manage',
  'members',
  'teams',
  'audit',
  'project.rename',
  'project.access',
  'project.connections',
  'component.replace',
  'component.visibility',
  'registry.files',
  'backups',
];

/** Why this backend does not offer `feature` (the sentence a face shows instead of the action), or undefined when it does. */
export function lacks(hub: HubClient, feature: HubFeature): string | undefined {
  return hub.capabilities?.unsupported[feature];
}

/** The backend's kind: 'local' (a store file) or 'server' (a Polyaxon server). */
export function backendKind(hub: HubClient): 'local' | 'server' {
  return hub.capabilities?.backend ?? 'local';
}

/**
 * Keeps the `when`-clause context in step with the session's backend: `polyaxonHub.backend` ('local' | 'server')
 * and `polyaxonHub.lacks.<feature>` for each feature it does not offer, so the palette, view titles and item menus
 * show no action the backend would refuse. Set again on every session change (switching backends needs no reload).
 */
export class CapabilityContext extends Disposable {
  private last = '';
  /** settles when the context keys of the latest change are set (tests wait on it before reading `values`) */
  applied: Promise<void> = Promise.resolve();
  /** the context keys as last set (`polyaxonHub.backend`, `polyaxonHub.lacks.teams`…): VS Code has no API to read them back */
  readonly values: Record<string, string | boolean> = {};

  constructor(private readonly session: HubSession) {
    super();
    this._register(session.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const hub = this.session.hub;
    const kind = backendKind(hub);
    const missing = FEATURES.filter(f => lacks(hub, f) !== undefined);
    const signature = `${kind}:${missing.join(',')}`;
    if (signature === this.last) return;
    this.last = signature;
    const set = (key: string, value: string | boolean) => {
      this.values[key] = value;
      return vscode.commands.executeCommand('setContext', key, value);
    };
    this.applied = Promise.all([set('polyaxonHub.backend', kind), ...FEATURES.map(f => set(`polyaxonHub.lacks.${f}`, missing.includes(f)))]).then(
      () => undefined,
      () => undefined,
    );
  }
}
