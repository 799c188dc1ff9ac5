// Restoring the store from a backup, as an act of a user: it rewrites every org whose records differ
// between the store and the backup, so it needs role admin or higher in each of them (judged on the store
// as it is now, so a member removed a moment ago cannot restore themselves back; an org deleted since is
// judged on the backup), replaces a readable store only when confirmed, and leaves one `store.restore`
// audit event in each org it changed. A store that cannot be read at all is the emergency this exists
// for: it is restored without roles to judge by (its damaged file is kept), and still audited.
import { check } from './access';
import type { Actor } from './currentUser';
import { HubError } from './errors';
import type { Database } from './model';
import { ownedRecords } from './owned';
import type { BackupInfo, RecoverableStore } from './store/store';

/** The orgs whose record or owned records differ between two states of the store, sorted. */
export function orgsChangedBetween(a: Database, b: Database): string[] {
  const names = new Set([...a.orgs, ...b.orgs].map(o => o.name));
  const state = (db: Database, org: string) => JSON.stringify([db.orgs.find(o => o.name === org) ?? null, ownedRecords(db, { org })]);
  return [...names].filter(org => state(a, org) !== state(b, org)).sort((x, y) => x.localeCompare(y));
}

export async function restoreStore(
  store: RecoverableStore,
  actor: Actor,
  name: string | undefined,
  options: { confirmed?: boolean } = {},
): Promise<{ restored: BackupInfo; keptCurrentAs?: string; orgs: string[] }> {
  let orgs: string[] = [];
  const done = await store.restoreBackup(name, {
    prepare: (current, restored) => {
      orgs = current ? orgsChangedBetween(current, restored) : restored.orgs.map(o => o.name).sort((x, y) => x.localeCompare(y));
      if (current) {
        for (const org of orgs) {
          // restoring rewrites the org's records: admin and up, like the other org-wide acts of admins (the audit log)
          const judge = current.orgs.some(o => o.name === org) ? current : restored;
          check(judge, actor.username, 'org.activity', { org }, t => `Restoring a backup that changes ${t}`);
        }
        if (!options.confirmed) {
          throw new HubError(
            `Restoring ${name ?? 'the newest good backup'} replaces the store, which is readable: ${orgs.length ? `it changes ${orgs.join(', ')}, and ` : ''}what was written since that backup is lost from it (the current file is kept as a backup). Confirm to restore.`,
            'needs-confirmation',
          );
        }
      }
      const when = new Date().toISOString();
      const backup = name ?? 'the newest good backup';
      for (const org of orgs) {
        restored.audit.push({ who: actor.username, action: 'store.restore', target: org, when, details: { backup, storeWasReadable: current !== undefined } });
      }
    },
  });
  return { ...done, orgs };
}
