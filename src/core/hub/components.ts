// Browsing and managing published components: list, show, resolve a reference, set a stage, delete a
// version. Permissions come from the access module; every mutation writes one audit event.
import { can, findOrg } from '../access';
import { HubError } from '../errors';
import { assertTextLimits } from '../limits';
import type { Component, ComponentVersion, Database } from '../model';
import { formatHubRef, notFoundInOrg } from '../names';

// the one hub-reference parser lives in names.ts; re-exported for the CLI's existing import
export { parseComponentRef } from '../names';
import type { Store } from '../store/store';
import { changed, mutation, unchanged } from '../mutation';
import { checkSeesOrgContent, seesComponent, visibleComponents } from '../visibility';
import type { Actor } from '../users';
import { latestVersion, newestFirst as newestBy, parseStage, recordStage } from '../versions';

export interface VersionKey {
  org: string;
  component: string;
  version: string;
}

export interface ComponentListing {
  component: Component;
  /** newest first */
  versions: ComponentVersion[];
}

export function versionRef(v: { org: string; component: string; name: string }): string {
  return formatHubRef({ owner: v.org, name: v.component, version: v.name });
}

/** The operation-file form of a reference: owner/name:version, the owner kept (ours is never the public hub). */
export function keyRef(k: VersionKey): string {
  return formatHubRef({ owner: k.org, name: k.component, version: k.version });
}

const publishedAt = (v: ComponentVersion) => v.publishedAt;
const newestFirst = newestBy(publishedAt);

/** The components of `org` with their versions, if `user` may view the org's hub. */
export function listComponents(db: Database, user: string, org: string): ComponentListing[] {
  checkSeesOrgContent(db, user, org);
  return visibleComponents(db, user, org).map(component => ({
    component,
    versions: db.componentVersions.filter(v => v.org === org && v.component === component.name).sort(newestFirst),
  }));
}

/** Orgs whose hub `user` may view (member with a viewing role, or a public org). */
export { orgsWithVisibleHub as viewableOrgs } from '../visibility';

/** Orgs `user` may publish to. */
export function publishableOrgs(db: Database, user: string): string[] {
  return db.orgs
    .filter(o => can(db, user, 'componentVersion.write', { org: o.name }))
    .map(o => o.name)
    .sort((a, b) => a.localeCompare(b));
}

export function findComponent(db: Database, org: string, name: string): Component {
  findOrg(db, org);
  const component = db.components.find(c => c.org === org && c.name === name);
  if (!component) throw notFoundInOrg(db.components, org, name, `The Component Hub of ${org} has no component named "${name}".`);
  return component;
}

/** The component as `user` may see it: a private one they may not see is reported exactly like a missing one. */
export function findVisibleComponent(db: Database, user: string, org: string, name: string): Component {
  checkSeesOrgContent(db, user, org);
  const component = findComponent(db, org, name);
  if (!seesComponent(db, user, component)) throw new HubError(`The Component Hub of ${org} has no component named "${name}".`, 'not-found');
  return component;
}

/** The version `version` of a component, or (when undefined) `latest`, else the newest. */
export function findVersion(db: Database, user: string, org: string, component: string, version?: string): ComponentVersion {
  findVisibleComponent(db, user, org, component);
  const versions = db.componentVersions.filter(v => v.org === org && v.component === component);
  if (version !== undefined) {
    const found = versions.find(v => v.name === version);
    if (!found) {
      const names = versions.sort(newestFirst).map(v => v.name);
      throw new HubError(
        `${org}/${component} has no version "${version}"${names.length ? `; it has ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}` : ''}.`,
        'not-found',
      );
    }
    return found;
  }
  const found = latestVersion(versions, publishedAt);
  if (!found) throw new HubError(`${org}/${component} has no published versions.`, 'not-found');
  return found;
}

function locate(db: Database, key: VersionKey): ComponentVersion {
  findComponent(db, key.org, key.component);
  const found = db.componentVersions.find(v => v.org === key.org && v.component === key.component && v.name === key.version);
  if (!found) throw new HubError(`${keyRef(key)} does not exist (it may have been deleted).`, 'not-found');
  return found;
}

/**
 * Moves a version to another stage (members and above): appended to its stage history (who, when,
 * why) and recorded in the audit log with the reason.
 */
export async function setVersionStage(store: Store, actor: Actor, key: VersionKey, stageName: string, reason?: string): Promise<ComponentVersion> {
  const stage = parseStage(stageName);
  assertTextLimits({ reason });
  return mutation(store, actor, ({ db, me, now, check }) => {
    check('componentVersion.write', { org: key.org }, t => `Changing the stage of versions in ${t}`);
    const version = locate(db, key);
    const from = recordStage(version, stage, me, now, reason);
    if (!from) return unchanged(version);
    return changed(version, 'componentVersion.stage', keyRef(key), { from, to: stage, ...(reason ? { reason } : {}) });
  });
}

/** Makes a component public (seen by anyone who sees its org's hub) or private (its org's members only); admins and above. */
export async function setComponentVisibility(store: Store, actor: Actor, org: string, name: string, isPublic: boolean): Promise<Component> {
  return mutation(store, actor, ({ db, check }) => {
    check('hub.configure', { org });
    const component = findComponent(db, org, name);
    if (component.isPublic === isPublic) return unchanged(component);
    component.isPublic = isPublic;
    return changed(component, 'component.visibility', `${org}/${name}`, { isPublic });
  });
}

/**
 * Deletes a version (admins and above). The component goes too when it was its last version, so the
 * hub never lists empty components; the audit event keeps the deleted content's hash.
 */
export async function deleteComponentVersion(store: Store, actor: Actor, key: VersionKey): Promise<{ componentRemoved: boolean }> {
  return mutation(store, actor, ({ db, check }) => {
    check('version.delete', { org: key.org });
    const version = locate(db, key);
    db.componentVersions = db.componentVersions.filter(v => v !== version);
    const left = db.componentVersions.some(v => v.org === key.org && v.component === key.component);
    if (!left) db.components = db.components.filter(c => !(c.org === key.org && c.name === key.component));
    return changed({ componentRemoved: !left }, 'componentVersion.delete', keyRef(key), { contentHash: version.contentHash, componentRemoved: !left });
  });
}

/** Lines for `components show` and tooltips: who published, when, stage, run kind. */
export function describeVersion(v: ComponentVersion): string {
  return `${versionRef(v)} · ${v.stage} · ${v.runKind ?? 'no run kind'} · published by ${v.publishedBy} on ${v.publishedAt.slice(0, 16).replace('T', ' ')} UTC`;
}
