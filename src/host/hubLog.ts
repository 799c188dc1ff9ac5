import * as vscode from 'vscode';
import { HubError } from '../core/errors';
import type { HubSession } from './session';

export const SHOW_LOG_COMMAND = 'polyaxonHub.showLog';
const LOG_NAME = 'Polyaxon Hub';

let channel: vscode.LogOutputChannel | undefined;

/**
 * The "Polyaxon Hub" log (Output panel): the backend and user in use, every refusal and every failure, so a
 * notification that went by too fast can be read again. Made on first use: showError may run before activate
 * has finished.
 */
export function hubLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel(LOG_NAME, { log: true });
  return channel;
}

/** Records a refusal (a rule said no: a warning) or a failure (an error, with its stack). */
export function logProblem(error: unknown): void {
  if (error instanceof HubError) hubLog().warn(`refused (${error.code}): ${error.message}`);
  else if (error instanceof Error) hubLog().error(error);
  else hubLog().error(String(error));
}

/** The Show Log command, and a line whenever the backend (store path or server) or the user changes. */
export function registerHubLog(context: vscode.ExtensionContext, session: HubSession): void {
  const log = hubLog();
  let last = '';
  const record = () => {
    const b = session.backend;
    const line =
      b.kind === 'local'
        ? `local store ${b.location} as ${b.user}`
        : `server ${b.location}${b.server ? ` (${b.server})` : ''} as ${b.user}${b.problem ? `: ${b.problem}` : ''}`;
    if (line === last) return;
    last = line;
    log.info(`using ${line}`);
  };
  record();
  context.subscriptions.push(
    session.onDidChange(record),
    vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show(true)),
    {
      dispose: () => {
        channel?.dispose();
        channel = undefined;
      },
    },
  );
}
