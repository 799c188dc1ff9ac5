import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  HubError,
  InvalidComponentError,
  refusalInOrgs,
  type ComponentVersionSummary,
  type HubClient,
  type PublishPlan,
  type PublishResult,
} from '../../../core/client';
import { versionNameProblem } from '../../../core/names';
import { lacks } from '../../../host/capabilities';
import { showError } from '../../../host/showError';
import { HubOrgItem } from '../tree';
import { nextVersionName } from './nextVersion';

/** Arguments for scripts and tests; every one left out is asked for. */
export interface PublishArgs {
  uris?: (vscode.Uri | string)[];
  org?: string;
  version?: string;
  component?: string;
  /** admin only: replace a version that holds different content (the old content is kept in history) */
  replace?: boolean;
}

export interface PublishHooks {
  /** shows the published version in the Component Hub tree */
  reveal(result: PublishResult): Promise<void>;
  /** lists the document's problems in the Problems panel, even when it does not look like a Polyaxon file */
  listProblems(doc: vscode.TextDocument): void;
}

function isUri(x: unknown): x is vscode.Uri {
  return x instanceof vscode.Uri;
}

/**
 * What the command was invoked on: Explorer passes (clicked, selection), the editor title passes the
 * file, scripts pass `{ uris, org, version }`, the palette passes nothing (then the active editor).
 */
async function targets(args: unknown[]): Promise<{ opts: PublishArgs; uris: vscode.Uri[]; org?: string } | undefined> {
  const [first, second] = args;
  if (isUri(first)) {
    const selection = Array.isArray(second) && second.length && second.every(isUri) ? (second as vscode.Uri[]) : [first];
    return { opts: {}, uris: selection };
  }
  // from an org of the Component Hub tree: that org, everything else asked as usual
  const fromTree = first instanceof HubOrgItem ? first.org : undefined;
  const opts: PublishArgs = first && typeof first === 'object' && !fromTree ? (first as PublishArgs) : {};
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  // a relative path from a script is relative to the (first) workspace folder
  let uris = (opts.uris ?? []).map(u => (typeof u !== 'string' ? u : path.isAbsolute(u) || !root ? vscode.Uri.file(u) : vscode.Uri.joinPath(root, u)));
  if (!uris.length) {
    const active = vscode.window.activeTextEditor?.document;
    if (active && /\.ya?ml$/i.test(active.uri.path)) uris = [active.uri];
  }
  if (!uris.length) {
    uris =
      (await vscode.window.showOpenDialog({
        title: 'Publish to Component Hub',
        canSelectMany: true,
        openLabel: 'Publish',
        filters: { 'Polyaxon component': ['yaml', 'yml'] },
      })) ?? [];
  }
  return uris.length ? { opts, uris, org: fromTree } : undefined;
}

async function readFile(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  if (open?.isDirty) {
    const save = await vscode.window.showWarningMessage(
      `${path.basename(uri.path)} has unsaved changes. Save it and publish the saved file?`,
      { modal: true },
      'Save and Publish',
    );
    if (save !== 'Save and Publish') throw new vscode.CancellationError();
    await open.save();
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      throw new HubError(`Cannot publish ${uri.fsPath}: the file does not exist (moved or deleted?).`, 'not-found');
    }
    if (error instanceof TypeError) throw new HubError(`Cannot publish ${uri.fsPath}: it is not UTF-8 text.`, 'invalid');
    throw error;
  }
}

async function pickOrg(hub: HubClient): Promise<string | undefined> {
  const orgs = await hub.orgs.list({ can: 'componentVersion.write' });
  if (!orgs.length) {
    const memberships = (await hub.orgs.list()).flatMap(o => (o.role ? [{ org: o.name, role: o.role }] : []));
    // a member of orgs that refuse it is told the role each needs; someone in none is offered to create one
    if (memberships.length) return showError(new HubError(refusalInOrgs('componentVersion.write', memberships), 'denied'));
    const choice = await vscode.window.showErrorMessage(refusalInOrgs('componentVersion.write', []), 'Create Organization');
    if (choice) await vscode.commands.executeCommand('polyaxonHub.org.create');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    orgs.map(o => ({ label: o.name, description: `you are ${o.role ?? 'viewer'}` })),
    { title: 'Publish to Component Hub: organization', placeHolder: 'The organization whose hub receives the component', ignoreFocusOut: true },
  );
  return picked?.label;
}

/** The versions of a component already published (none when the org's hub cannot be listed: publish will say why). */
async function publishedVersions(hub: HubClient, org: string, component: string): Promise<ComponentVersionSummary[]> {
  const components = await hub.components.list(org).catch(() => []);
  return components.find(c => c.name === component)?.versions ?? [];
}

/** Asks for the version name; an empty box means its placeholder: the next free version name. */
async function askVersion(hub: HubClient, org: string, plan: PublishPlan, file: string): Promise<string | undefined> {
  const published = await publishedVersions(hub, org, plan.component);
  const existing = (v: string) => published.find(x => x.name === v);
  const suggested = nextVersionName(published.map(v => v.name));
  const value = await vscode.window.showInputBox({
    title: `Publish ${file} as ${org}/${plan.component}: version`,
    prompt: `Version name: letters, digits, "-", "_" and "." (e.g. v1, 1.0.2, latest). Leave empty for "${suggested}".`,
    placeHolder: suggested,
    value: plan.version ?? '',
    ignoreFocusOut: true,
    validateInput: raw => {
      const v = raw.trim() || suggested;
      const problem = versionNameProblem(v);
      if (problem) return problem;
      const found = existing(v);
      if (!found) return undefined;
      return found.contentHash === plan.contentHash
        ? { message: `${v} already holds this exact content: publishing changes nothing.`, severity: vscode.InputBoxValidationSeverity.Info }
        : {
            message: `${v} already holds different content: published versions are immutable, choose a new name.`,
            severity: vscode.InputBoxValidationSeverity.Warning,
          };
    },
  });
  if (value === undefined) return undefined;
  return value.trim() || suggested;
}

/**
 * The refusal names how many errors the file has; the Problems panel lists those same errors: the file is
 * opened and validated as a Polyaxon file even if it does not look like one (no `kind:`), and again when
 * "Show Problems" is clicked after its tab was closed.
 */
async function showInvalid(uri: vscode.Uri, error: InvalidComponentError, hooks: PublishHooks): Promise<void> {
  const list = async (preserveFocus: boolean) => {
    const editor = await vscode.window.showTextDocument(uri, { preview: false, preserveFocus });
    hooks.listProblems(editor.document);
  };
  await list(true);
  const choice = await vscode.window.showErrorMessage(error.message, 'Show Problems');
  if (!choice) return;
  // focused, so a Problems panel filtered to the active file shows this one
  await list(false);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/**
 * Publish to Component Hub: for each file, validate (errors block) → organization → version →
 * permission, hash, immutable version (all in core). Returns one result per file (undefined = not published).
 */
export async function publish(hub: HubClient, hooks: PublishHooks, ...args: unknown[]): Promise<(PublishResult | undefined)[]> {
  const target = await targets(args);
  if (!target) return [];
  const { opts, uris } = target;
  const results: (PublishResult | undefined)[] = [];
  let org = opts.org ?? target.org;
  for (const uri of uris) {
    const file = path.basename(uri.path);
    try {
      const content = await readFile(uri);
      // recorded relative to the workspace: an absolute path of one machine means little in a shared store
      const sourcePath = vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath;
      const plan = await hub.components.plan({ org: org ?? '', content, sourcePath, fileName: uri.fsPath, version: opts.version, component: opts.component });
      org ??= await pickOrg(hub);
      if (!org) return [...results, ...uris.slice(results.length).map(() => undefined)];
      // with arguments (a script), a version the file's path suggests is taken as is; otherwise it is offered
      const version = opts.version ?? (opts.org !== undefined ? plan.version : undefined) ?? (await askVersion(hub, org, plan, file));
      if (!version) {
        results.push(undefined);
        continue;
      }
      const request = { org, content, sourcePath, fileName: uri.fsPath, version, component: plan.component, replace: opts.replace };
      let result: PublishResult;
      try {
        result = await hub.components.publish(request);
      } catch (error) {
        if (!(error instanceof HubError) || error.code !== 'version-exists' || opts.replace !== undefined) throw error;
        // replacing is an admin's way out, where the backend keeps versions replaceable (a server's are immutable)
        if (lacks(hub, 'component.replace') || !(await hub.orgs.get(org)).actions.includes('version.delete')) throw error;
        const choice = await vscode.window.showWarningMessage(
          error.message,
          { modal: true, detail: 'As an admin you may replace it. Operations pinned to this version will run the new content.' },
          'Replace Version',
        );
        if (!choice) {
          results.push(undefined);
          continue;
        }
        result = await hub.components.publish({ ...request, replace: true });
      }
      results.push(result);
      await hooks.reveal(result).catch(() => undefined);
      const warnings = result.warnings.length ? ` ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'} — see Problems.` : '';
      void vscode.window.showInformationMessage(result.message + warnings, 'Open Component Page', 'Copy hubRef').then(choice => {
        const key = { org: result.version.org, component: result.version.component, version: result.version.name };
        if (choice === 'Open Component Page') void vscode.commands.executeCommand('polyaxonHub.hub.openComponent', key);
        if (choice === 'Copy hubRef') void vscode.commands.executeCommand('polyaxonHub.hub.copyRef', key);
      });
    } catch (error) {
      results.push(undefined);
      if (error instanceof vscode.CancellationError) continue;
      if (error instanceof InvalidComponentError) void showInvalid(uri, error, hooks);
      else showError(error);
    }
  }
  return results;
}
