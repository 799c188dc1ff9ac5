// Publishing a component file: validate → check permission → content hash → a new immutable version.
// Shared by the extension and the CLI, so both give the same verdicts and messages.
import { findOrg } from '../access';
import { HubError } from '../errors';
import type { Component, ComponentVersion, Database } from '../model';
import { formatHubRef, slugProblem, versionNameProblem } from '../names';
import type { Store } from '../store/store';
import { changed, mutation, unchanged, type Outcome } from '../mutation';
import type { Actor } from '../users';
import { INITIAL_STAGE, initialStageHistory } from '../versions';
import { componentNameHint, contentHash, normalizeContent, shortHash, versionHint } from './content';
import { validateComponent } from './validateComponent';
import type { Problem, ValidationResult } from './validator/problems';

export interface PublishRequest {
  org: string;
  /** the file's text */
  content: string;
  /** where it came from (recorded with the version; also gives name/version hints) */
  sourcePath?: string;
  /** the file's absolute path, to resolve `pathRef`s; default `sourcePath` */
  fileName?: string;
  /** the version name; default: what the path suggests, else refused (callers ask the user) */
  version?: string;
  /** the component name; default: the YAML's `name`, else what the path suggests */
  component?: string;
  /** an admin's deliberate replacement of a version that holds different content */
  replace?: boolean;
}

export type PublishStatus = 'created' | 'unchanged' | 'replaced';

export interface PublishResult {
  status: PublishStatus;
  /** `org/name:version` */
  hubRef: string;
  version: ComponentVersion;
  /** one sentence for the user: "Published acme/tb:v1." / "already published as acme/tb:v1" */
  message: string;
  /** warnings the validator found (they do not block publishing) */
  warnings: Problem[];
}

/** A publish refused because the file has errors: carries them so the caller can show where. */
export class InvalidComponentError extends HubError {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message, 'invalid');
    this.name = 'InvalidComponentError';
  }
}

const TEMPLATE = /\{\{|\{%/;

function firstLine(p: Problem): string {
  return `line ${p.range.start.line + 1}, column ${p.range.start.column + 1}: ${p.message.replace(/[.?!]+$/, '')}`;
}

/**
 * The component and version names a publish will use, and the checks that need no store: the file
 * must be a valid component, and both names must be valid. Throws HubError otherwise.
 */
export function planPublish(req: PublishRequest, viewer: string, db?: Database): PublishPlan {
  const content = normalizeContent(req.content);
  const where = req.sourcePath ? ` ${req.sourcePath}` : '';
  const result = validateComponent(db, viewer, content, req.fileName ?? req.sourcePath);
  const errors = result.problems.filter(p => p.severity === 'error');
  if (errors.length || !result.valid) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new InvalidComponentError(
      `Cannot publish${where}: it has ${errors.length || 'some'} error${errors.length === 1 ? '' : 's'} — ${errors[0] ? firstLine(errors[0]) : 'see Problems'}${more}. Fix them and publish again.`,
      errors,
    );
  }
  if (result.kind !== 'component') {
    throw new HubError(
      `Cannot publish${where}: only component files (\`kind: component\`) go to the Component Hub; this one is \`kind: ${result.kind ?? 'unknown'}\`.`,
      'not-a-component',
    );
  }
  const yamlName = result.summary?.name;
  const component = req.component ?? (yamlName && !TEMPLATE.test(yamlName) ? yamlName : req.sourcePath ? componentNameHint(req.sourcePath) : undefined);
  if (!component) {
    throw new HubError(
      `Cannot publish${where}: the component has no usable name. Add \`name: my-component\` to the file (letters, digits, "-" and "_").`,
      'invalid-name',
    );
  }
  const nameIssue = slugProblem(component, 'component name');
  if (nameIssue) throw new HubError(`Cannot publish${where}: ${nameIssue} Change \`name:\` in the file.`, 'invalid-name');
  const version = req.version ?? (req.sourcePath ? versionHint(req.sourcePath, component) : undefined);
  if (version !== undefined) {
    const versionIssue = versionNameProblem(version);
    if (versionIssue) throw new HubError(`Cannot publish${where}: ${versionIssue}`, 'invalid-name');
  }
  return { component, version, versionFromPath: req.version === undefined && version !== undefined, result, content, contentHash: contentHash(content) };
}

export interface PublishPlan {
  component: string;
  /** the requested version, else the one the path suggests; undefined when neither says (ask the user) */
  version?: string;
  /** true when `version` came from the file's path, not from the request */
  versionFromPath: boolean;
  result: ValidationResult;
  /** the normalized content that will be stored */
  content: string;
  contentHash: string;
}

/**
 * Publishes one component file. Identical content under an existing version is a no-op; different
 * content is refused unless `replace` is set by someone allowed to delete versions (admin), in which
 * case the old content is kept in the version's history.
 */
export async function publishComponent(store: Store, actor: Actor, req: PublishRequest): Promise<PublishResult> {
  const snapshot = await store.read();
  findOrg(snapshot, req.org); // "no such organization" before anything else
  const plan = planPublish(req, actor.username, snapshot);
  const versionName = plan.version;
  if (versionName === undefined) {
    throw new HubError(
      `Cannot publish${req.sourcePath ? ` ${req.sourcePath}` : ''}: no version name given, and the file name suggests none. Give one (e.g. --version v1).`,
      'no-version',
    );
  }
  const hash = plan.contentHash;
  const ref = formatHubRef({ owner: req.org, name: plan.component, version: versionName });
  const warnings = plan.result.problems.filter(p => p.severity === 'warning');
  const summary = plan.result.summary;

  return mutation(store, actor, ({ db, me, now, check }): Outcome<PublishResult> => {
    check('componentVersion.write', { org: req.org });
    const existing = db.componentVersions.find(v => v.org === req.org && v.component === plan.component && v.name === versionName);
    if (existing && existing.contentHash === hash) {
      // nothing changes, so nothing is recorded: a republish from CI is harmless
      return unchanged({
        status: 'unchanged',
        hubRef: ref,
        version: existing,
        warnings,
        message: `Already published as ${ref} (same content, sha256 ${shortHash(hash)}); nothing changed.`,
      });
    }
    if (existing && !req.replace) {
      throw new HubError(
        `${ref} is already published with different content (sha256 ${shortHash(existing.contentHash)}, by ${existing.publishedBy} on ${existing.publishedAt.slice(0, 10)}). ` +
          'Published versions are immutable: publish this file under a new version name. An admin may replace the version deliberately; the old content is kept in its history.',
        'version-exists',
      );
    }
    // replacing destroys the content a version was published with: the right of deleting versions, named as what it is
    if (existing) check('version.delete', { org: req.org }, t => `Replacing the content of a published version in ${t}`);

    let component: Component | undefined = db.components.find(c => c.org === req.org && c.name === plan.component);
    if (!component) {
      component = { org: req.org, name: plan.component, description: '', tags: [], isPublic: false, createdBy: me, createdAt: now };
      db.components.push(component);
    }
    // the component shows what its newest publish says about itself
    component.description = summary?.description ?? component.description;
    component.tags = summary?.tags ?? component.tags;

    const fields = {
      content: plan.content,
      contentHash: hash,
      inputs: summary?.inputs ?? [],
      outputs: summary?.outputs ?? [],
      runKind: summary?.runKind,
      sourcePath: req.sourcePath,
      publishedBy: me,
      publishedAt: now,
    };
    if (existing) {
      existing.history.push({ content: existing.content, contentHash: existing.contentHash, replacedBy: me, replacedAt: now });
      const previous = existing.contentHash;
      Object.assign(existing, fields);
      return changed(
        {
          status: 'replaced',
          hubRef: ref,
          version: existing,
          warnings,
          message: `Replaced ${ref}; its previous content (sha256 ${shortHash(previous)}) is kept in its history.`,
        },
        'componentVersion.replace',
        ref,
        { contentHash: hash, previousHash: previous, sourcePath: req.sourcePath },
      );
    }
    const version: ComponentVersion = {
      org: req.org,
      component: plan.component,
      name: versionName,
      ...fields,
      stage: INITIAL_STAGE,
      stageHistory: initialStageHistory('component', me, now),
      history: [],
    };
    db.componentVersions.push(version);
    return changed(
      { status: 'created', hubRef: ref, version, warnings, message: `Published ${ref} (sha256 ${shortHash(hash)}).` },
      'componentVersion.publish',
      ref,
      { contentHash: hash, sourcePath: req.sourcePath },
    );
  });
}
