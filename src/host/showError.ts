import * as vscode from 'vscode';
import { HubError } from '../core/errors';
import { SHOW_LOG_COMMAND, logProblem } from './hubLog';

const SHOW_LOG = 'Show Log';

/**
 * Shows a refusal or failure to the user; rule refusals are shown as written, other faults with a prefix. Both
 * are written to the Polyaxon Hub log, which the notification's "Show Log" reveals.
 */
export function showError(error: unknown): undefined {
  const message = error instanceof HubError ? error.message : `Polyaxon Hub failed: ${error instanceof Error ? error.message : String(error)}`;
  logProblem(error);
  void vscode.window.showErrorMessage(message, SHOW_LOG).then(choice => {
    if (choice === SHOW_LOG) void vscode.commands.executeCommand(SHOW_LOG_COMMAND);
  });
  return undefined;
}
