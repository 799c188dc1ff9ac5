import * as vscode from 'vscode';
import { HubError } from '../core/errors';

/** Shows a refusal or failure to the user; rule refusals are shown as written, other faults with a prefix. */
export function showError(error: unknown): undefined {
  const message = error instanceof HubError ? error.message : `Polyaxon Hub failed: ${error instanceof Error ? error.message : String(error)}`;
  void vscode.window.showErrorMessage(message);
  return undefined;
}
