import * as vscode from 'vscode';
import { openServerHub, parseCredentials } from '../core/client/server';
import { normalizeBaseUrl } from '../core/client/server/http';
import { HubError } from '../core/errors';
import { SIGN_IN_COMMAND } from './backendStatus';
import type { HubSession } from './session';
import { showError } from './showError';

/**
 * "Polyaxon: Sign In to Server": asks the server's URL and a token (or user:password), checks them against the
 * server before keeping anything, then stores the credentials in SecretStorage and points polyaxonHub.server at
 * the URL; the session switches backend without a reload. "Use Local Store" goes back.
 */
export function registerServerCommands(context: vscode.ExtensionContext, session: HubSession): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SIGN_IN_COMMAND, (args?: SignInArgs) => signIn(session, isSignInArgs(args) ? args : {}).catch(showError)),
    vscode.commands.registerCommand('polyaxonHub.server.useLocal', async () => {
      await vscode.workspace.getConfiguration('polyaxonHub').update('server', '', vscode.ConfigurationTarget.Global);
      await session.reconnect();
    }),
  );
}

/** What a script or test may pass instead of typing (either one left out is asked for). */
interface SignInArgs {
  url?: string;
  /** the token, or user:password */
  secret?: string;
}

function isSignInArgs(x: unknown): x is SignInArgs {
  return !!x && typeof x === 'object' && !Array.isArray(x) && ('url' in x || 'secret' in x);
}

/** Resolves to who was signed in ("hubuser at http://…"), undefined when the prompts were dismissed. */
async function signIn(session: HubSession, given: SignInArgs): Promise<string | undefined> {
  const store = session.serverCredentials;
  if (!store) throw new HubError("Signing in needs VS Code's secret storage, which this session has not got.", 'unsupported');
  const url =
    given.url ??
    (await vscode.window.showInputBox({
      title: 'Sign In to Polyaxon Server (1/2)',
      prompt: "The Polyaxon server's address",
      value: session.serverUrl() || 'http://localhost:8000',
      ignoreFocusOut: true,
      validateInput: v => {
        try {
          normalizeBaseUrl(v);
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
    }));
  if (url === undefined) return undefined;
  const secret =
    given.secret ??
    (await vscode.window.showInputBox({
      title: 'Sign In to Polyaxon Server (2/2)',
      prompt: 'Your Polyaxon API token (or user:password on a server without tokens)',
      password: true,
      ignoreFocusOut: true,
      validateInput: v => {
        try {
          parseCredentials(v);
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
    }));
  if (secret === undefined) return undefined;
  const base = normalizeBaseUrl(url);
  const credentials = parseCredentials(secret);
  const hub = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Signing in to ${base}…` }, () =>
    openServerHub({ url: base, credentials, pollMs: 0, timeoutMs: 30_000 }),
  );
  // only credentials the server accepted are kept
  await store.set(base, credentials);
  await vscode.workspace.getConfiguration('polyaxonHub').update('server', base, vscode.ConfigurationTarget.Global);
  await session.reconnect();
  void vscode.window.showInformationMessage(`Signed in to ${hub.capabilities?.server ?? 'Polyaxon'} at ${base} as ${hub.user.username}.`);
  return `${hub.user.username} at ${base}`;
}
