import * as vscode from 'vscode';
import type { HubClient, ModelVersionRef } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { formatRef, modelOf, pickModel, refOf } from './targets';

/** Versions of one model to compare with (`first` preselected and kept), at least two in all. */
async function pickVersions(hub: HubClient, model: { org: string; model: string }, first?: ModelVersionRef): Promise<ModelVersionRef[] | undefined> {
  const view = await hub.registry.model(model.org, model.model);
  const others = view.versions.filter(v => v.name !== first?.version);
  if (others.length + (first ? 1 : 0) < 2) {
    void vscode.window.showInformationMessage(`${model.org}/${model.model} has only one version: promote another one to compare them.`);
    return undefined;
  }
  // one version to compare with: nothing to choose
  if (first && others.length === 1) return [first, { ...model, version: others[0].name }];
  const items = others.map(v => ({ label: v.name, description: `${v.stage}${v.framework ? ` · ${v.framework}` : ''}`, picked: !first && others.length === 2 }));
  const picked = await vscode.window.showQuickPick(items, {
    title: first ? `Compare ${formatRef(first)} with…` : `Compare versions of ${model.org}/${model.model}`,
    placeHolder: first ? 'One or more versions' : 'Two or more versions',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const refs = [...(first ? [first] : []), ...picked.map(p => ({ ...model, version: p.label }))];
  if (refs.length < 2) {
    void vscode.window.showWarningMessage('Pick at least two versions to compare.');
    return undefined;
  }
  return refs;
}

/**
 * Compares two or more versions in a page. Given a tree selection of several versions, those; given one version,
 * asks which others of its model; given a model or nothing, asks for its versions.
 */
export async function compare(
  session: HubSession,
  open: (refs: ModelVersionRef[]) => void,
  target?: unknown,
  selection?: unknown,
): Promise<ModelVersionRef[] | undefined> {
  try {
    const hub = session.hub;
    const given = (Array.isArray(target) ? target : Array.isArray(selection) ? selection : []).map(refOf).filter((r): r is ModelVersionRef => !!r);
    let refs: ModelVersionRef[] | undefined;
    if (given.length >= 2) refs = given;
    else {
      const first = refOf(target);
      const model = first ? { org: first.org, model: first.model } : (modelOf(target) ?? (await pickModel(hub, 'Compare Model Versions')));
      if (!model) return undefined;
      refs = await pickVersions(hub, model, first);
    }
    if (!refs) return undefined;
    // unique, in the order given
    const seen = new Set<string>();
    refs = refs.filter(r => !seen.has(formatRef(r)) && !!seen.add(formatRef(r)));
    if (refs.length < 2) {
      void vscode.window.showWarningMessage('Pick at least two different versions to compare.');
      return undefined;
    }
    open(refs);
    return refs;
  } catch (error) {
    return showError(error);
  }
}
