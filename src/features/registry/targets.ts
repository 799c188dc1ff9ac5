import * as vscode from 'vscode';
import type { HubClient, ModelVersionRef } from '../../core/client';

/** Parses `org/model:version`. */
export function parseRef(text: string): ModelVersionRef | undefined {
  const m = /^([^/\s:]+)\/([^/\s:]+):([^/\s:]+)$/.exec(text.trim());
  return m ? { org: m[1], model: m[2], version: m[3] } : undefined;
}

export function formatRef(ref: ModelVersionRef): string {
  return `${ref.org}/${ref.model}:${ref.version}`;
}

/** What a version command may be given: a tree item or page (carrying `versionRef`), a ref object, or `org/model:version`. */
export function refOf(target: unknown): ModelVersionRef | undefined {
  if (!target) return undefined;
  if (typeof target === 'string') return parseRef(target);
  if (typeof target !== 'object') return undefined;
  const t = target as Partial<ModelVersionRef> & { versionRef?: ModelVersionRef };
  if (t.versionRef) return t.versionRef;
  if (typeof t.org === 'string' && typeof t.model === 'string' && typeof t.version === 'string') return { org: t.org, model: t.model, version: t.version };
  return undefined;
}

/** A model a command is about: from a tree item or `{org, model}`. */
export function modelOf(target: unknown): { org: string; model: string } | undefined {
  if (!target || typeof target !== 'object') return undefined;
  const t = target as { org?: unknown; model?: unknown; modelKey?: { org: string; model: string } };
  if (t.modelKey) return t.modelKey;
  return typeof t.org === 'string' && typeof t.model === 'string' ? { org: t.org, model: t.model } : undefined;
}

/** Asks for a model among those the user may see (every org). */
export async function pickModel(hub: HubClient, title: string): Promise<{ org: string; model: string } | undefined> {
  const orgs = await hub.orgs.list();
  const models = (await Promise.all(orgs.map(o => hub.registry.list(o.name).catch(() => [])))).flat().filter(m => m.versionCount > 0);
  if (!models.length) {
    void vscode.window.showInformationMessage('No model version yet. Right-click a run output in the Explorer → "Promote to Model Registry".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    models.map(m => ({
      label: `${m.org}/${m.name}`,
      description: `${m.versionCount} version${m.versionCount === 1 ? '' : 's'}`,
      detail: m.description || undefined,
      key: { org: m.org, model: m.name },
    })),
    { title, placeHolder: 'Model', matchOnDescription: true, ignoreFocusOut: true },
  );
  return picked?.key;
}

/** The version a command acts on: given, else picked (model, then version). */
export async function resolveVersion(hub: HubClient, target: unknown, title: string): Promise<ModelVersionRef | undefined> {
  const given = refOf(target);
  if (given) return given;
  const model = modelOf(target) ?? (await pickModel(hub, title));
  if (!model) return undefined;
  const view = await hub.registry.model(model.org, model.model);
  const picked = await vscode.window.showQuickPick(
    view.versions.map(v => ({
      label: v.name,
      description: `${v.stage}${v.framework ? ` · ${v.framework}` : ''}`,
      detail: `by ${v.createdBy} on ${v.createdAt.slice(0, 16).replace('T', ' ')}`,
    })),
    { title: `${title}: ${model.org}/${model.model}`, placeHolder: 'Version', ignoreFocusOut: true },
  );
  return picked ? { ...model, version: picked.label } : undefined;
}
