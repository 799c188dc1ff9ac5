import * as vscode from 'vscode';

/** The walkthrough contributed in package.json (`contributes.walkthroughs`), as `<extension id>#<walkthrough id>`. */
const WALKTHROUGH = 'polyaxon-hub.polyaxon-hub#gettingStarted';

/** Polyaxon: Get Started with Polyaxon Hub — opens the walkthrough. */
export function registerGettingStarted(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('polyaxonHub.gettingStarted', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false)),
  );
}
