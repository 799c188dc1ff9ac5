import * as vscode from 'vscode';
import type { HubClient, PromotePlan } from '../../core/client';
import { plural } from './format';

// The prompts a promote asks, whichever backend receives it: the model, the version, the framework, the notes.

const FRAMEWORKS = ['pytorch', 'tensorflow', 'keras', 'sklearn', 'xgboost', 'lightgbm', 'onnx', 'huggingface', 'custom'] as const;
const VERSION_NAME = /^[-a-zA-Z0-9_.]{1,128}$/;

const NEW_MODEL = '$(add) New model…';

/** Picks a model of `dest` (one of its project's when given), or names a new one. */
export async function pickModel(
  hub: HubClient,
  dest: { org: string; project?: string },
  suggestion: string,
): Promise<{ name: string; exists: boolean } | undefined> {
  const models = (await hub.registry.list(dest.org)).filter(m => !dest.project || !m.project || m.project === dest.project);
  if (models.length) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: NEW_MODEL },
        ...models.map(m => ({
          label: m.name,
          description: `${plural(m.versionCount, 'version')}${m.latest ? ` · latest ${m.latest}` : ''}`,
          detail: m.description || undefined,
        })),
      ],
      { title: `Promote to Model Registry (2/5): model in ${dest.org}`, placeHolder: 'Pick a model, or create one', ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    if (picked.label !== NEW_MODEL) return { name: picked.label, exists: true };
  }
  const taken = new Set(models.map(m => m.name.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title: `Promote to Model Registry (2/5): new model in ${dest.org}`,
    prompt: 'Model name: letters, digits, "-" and "_"',
    value: suggestion,
    ignoreFocusOut: true,
    validateInput: v =>
      !/^[-a-zA-Z0-9_]{1,128}$/.test(v.trim())
        ? 'A model name takes letters, digits, "-" and "_" (at most 128).'
        : taken.has(v.trim().toLowerCase())
          ? `"${v.trim()}" exists already: pick it from the list instead.`
          : undefined,
  });
  return name ? { name: name.trim(), exists: false } : undefined;
}

/** The framework: detected from the files (an MLmodel's flavors, a lineage summary), else asked. */
async function askFramework(plan: PromotePlan): Promise<string | undefined> {
  if (plan.detectedFramework) return plan.detectedFramework;
  const picked = await vscode.window.showQuickPick(
    FRAMEWORKS.map(f => ({ label: f })),
    {
      title: 'Promote to Model Registry (4/5): framework',
      placeHolder: plan.flavors.length
        ? `MLmodel flavors ${plan.flavors.join(', ')} name no framework: pick one`
        : 'No MLmodel found: which framework made this model?',
      ignoreFocusOut: true,
    },
  );
  return picked?.label;
}

/** Steps 3–5 of a promote: the version, the framework and deployment notes, or what a script passed instead. */
export async function askVersionDetails(
  hub: HubClient,
  org: string,
  model: { name: string; exists: boolean },
  plan: PromotePlan,
  prompt: string,
  scripted?: { version?: string; framework?: string; deploymentNotes?: string },
): Promise<{ version: string; framework: string; deploymentNotes?: string } | undefined> {
  const existing = model.exists ? new Set((await hub.registry.model(org, model.name)).versions.map(v => v.name)) : new Set<string>();
  const version = scripted
    ? (scripted.version ?? plan.nextVersion)
    : (
        await vscode.window.showInputBox({
          title: `Promote to Model Registry (3/5): version of ${org}/${model.name}`,
          value: plan.nextVersion,
          ignoreFocusOut: true,
          prompt,
          validateInput: v =>
            !VERSION_NAME.test(v.trim())
              ? 'A version name takes letters, digits, ".", "-" and "_" (at most 128).'
              : existing.has(v.trim())
                ? `${org}/${model.name}:${v.trim()} exists already.`
                : undefined,
        })
      )?.trim();
  if (!version) return undefined;
  const framework = scripted ? (scripted.framework ?? plan.detectedFramework ?? 'custom') : await askFramework(plan);
  if (!framework) return undefined;
  const deploymentNotes = scripted
    ? scripted.deploymentNotes
    : await vscode.window.showInputBox({
        title: 'Promote to Model Registry (5/5): deployment notes (optional)',
        placeHolder: 'e.g. needs 2 GiB RAM; serve with model-server',
        ignoreFocusOut: true,
      });
  if (deploymentNotes === undefined && !scripted) return undefined;
  return { version, framework, deploymentNotes: deploymentNotes || undefined };
}
