// Where the store lives by default, for the extension and the CLI alike.
//
// The extension passes its global storage folder (context.globalStorageUri.fsPath). The CLI cannot ask
// VS Code, so it computes the same folder: env POLYAXON_HUB_STORE when set (a file `*.json` or a
// folder holding `polyaxon-hub.json`), else VS Code's global storage folder for this extension's id
// `polyaxon-hub.polyaxon-hub` under the standard user-data folder of desktop VS Code:
//   Linux   $VSCODE_APPDATA or $XDG_CONFIG_HOME or ~/.config, then /Code/User/globalStorage/polyaxon-hub.polyaxon-hub
//   macOS   $VSCODE_APPDATA or ~/Library/Application Support, then /Code/User/globalStorage/…
//   Windows $VSCODE_APPDATA or %APPDATA%, then \Code\User\globalStorage\…
// Insiders, VSCodium, code-server, portable mode or --user-data-dir use other folders: point the CLI
// at the store with --store or POLYAXON_HUB_STORE (and the extension with `polyaxonHub.storePath`).
import * as os from 'node:os';
import * as path from 'node:path';

const STORE_FILE_NAME = 'polyaxon-hub.json';
export const STORE_ENV = 'POLYAXON_HUB_STORE';
/** `publisher.name` from package.json, lower case as VS Code names global storage folders */
const EXTENSION_ID = 'polyaxon-hub.polyaxon-hub';

/** The store file inside a base folder (the extension's global storage folder). */
export function defaultStorePath(baseFolder: string): string {
  return path.join(baseFolder, STORE_FILE_NAME);
}

/**
 * A configured location (setting `polyaxonHub.storePath`, `--store`, env) may name the JSON file
 * itself or a folder (e.g. one a team shares) holding `polyaxon-hub.json`; empty means the default in `baseFolder`.
 */
export function resolveStorePath(configured: string | undefined, baseFolder: string): string {
  const value = configured?.trim();
  if (!value) return defaultStorePath(baseFolder);
  const expanded = value === '~' || value.startsWith('~/') ? path.join(os.homedir(), value.slice(1)) : value;
  return path.resolve(expanded.toLowerCase().endsWith('.json') ? expanded : path.join(expanded, STORE_FILE_NAME));
}

/** Desktop VS Code's global storage folder for this extension (see the file comment). */
export function vscodeGlobalStorageDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  let appData = env.VSCODE_APPDATA;
  if (!appData) {
    if (platform === 'win32') appData = env.APPDATA || path.join(home, 'AppData', 'Roaming');
    else if (platform === 'darwin') appData = path.join(home, 'Library', 'Application Support');
    else appData = env.XDG_CONFIG_HOME || path.join(home, '.config');
  }
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appData, 'Code', 'User', 'globalStorage', EXTENSION_ID);
}

/** The CLI's default store: POLYAXON_HUB_STORE, else the extension's default store file. */
export function cliDefaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveStorePath(env[STORE_ENV], vscodeGlobalStorageDir(env));
}

/** The folder beside the store that keeps its rolling backups. */
export function backupsDir(storeFile: string): string {
  return path.join(path.dirname(storeFile), 'backups');
}
