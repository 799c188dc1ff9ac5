import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import type { RunDiscovery } from './runDiscovery';
import { RUNS_VIEW_ID, type RunItem, type RunsNode } from './runsTree';
import { formatRef, resolveVersion } from './targets';

export interface RevealDeps {
  discovery: RunDiscovery;
  findRun(keyOrId: string): Promise<RunItem | undefined>;
  view: vscode.TreeView<RunsNode>;
  /** fires once the view has fetched its top level */
  onDidServeRoots: vscode.Event<void>;
}

/** Resolves when `event` fires, or after `ms`. */
function once(event: vscode.Event<void>, ms: number): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const sub = event(done);
    const timer = setTimeout(done, ms);
  });
}

/** Shows the run a version was promoted from: in the Runs tree when it is still discovered, else its folder. */
export async function revealRun(session: HubSession, deps: RevealDeps, target?: unknown): Promise<RunItem | undefined> {
  try {
    const ref = await resolveVersion(session.hub, target, 'Reveal Source Run');
    if (!ref) return undefined;
    const v = await session.hub.registry.version(ref.org, ref.model, ref.version);
    const l = v.lineage;
    await deps.discovery.settle();
    const item = (l.runKey && (await deps.findRun(l.runKey))) || (l.runId && (await deps.findRun(l.runId))) || undefined;
    if (item) {
      // a view shown just now fetches its rows first: wait for them, or the reveal finds no node
      const served = deps.view.visible ? Promise.resolve() : once(deps.onDidServeRoots, 3000);
      await vscode.commands.executeCommand(`${RUNS_VIEW_ID}.focus`);
      await served;
      // and the workbench may still be rendering them ("Data tree node not found"): let it catch up
      for (let attempt = 0; ; attempt++) {
        try {
          await deps.view.reveal(item, { select: true, focus: true, expand: true });
          return item;
        } catch (error) {
          if (attempt >= 30) throw error;
          await new Promise(r => setTimeout(r, 100));
        }
      }
    }
    if (l.sourcePath && fs.existsSync(l.sourcePath)) {
      await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(l.sourcePath));
      void vscode.window.showInformationMessage(
        `${formatRef(ref)} came from ${l.runName ?? l.runId ?? 'a manual promote'} (${l.source}) in ${l.sourcePath}; it is not among the runs discovered in this workspace.`,
      );
      return undefined;
    }
    void vscode.window.showWarningMessage(
      `The source run of ${formatRef(ref)} (${l.runName ?? l.runId ?? 'manual'}, ${l.source}${l.sourcePath ? ` at ${l.sourcePath}` : ''}) is no longer on disk. Its lineage is kept in the version.`,
    );
    return undefined;
  } catch (error) {
    return showError(error);
  }
}
