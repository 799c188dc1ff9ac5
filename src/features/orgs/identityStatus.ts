import * as vscode from 'vscode';
import type { HubSession } from '../../host/session';

/** Status bar entry: who Polyaxon Hub acts as and which store it writes; a click opens the settings. */
export function createIdentityStatus(session: HubSession): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('polyaxonHub.identity', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Polyaxon Hub identity';
  item.command = { command: 'workbench.action.openSettings', title: 'Polyaxon Hub settings', arguments: ['polyaxonHub.'] };
  const update = () => {
    item.text = `$(account) ${session.hub.user.username}`;
    item.tooltip = new vscode.MarkdownString(
      `**Polyaxon Hub** acts as \`${session.hub.user.username}\`\n\nStore: \`${session.hub.location}\`\n\nClick to change (settings \`polyaxonHub.user\`, \`polyaxonHub.storePath\`).`,
    );
  };
  update();
  item.show();
  const subscription = session.onDidChange(update);
  return vscode.Disposable.from(item, subscription);
}
