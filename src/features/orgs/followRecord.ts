import type { HubClient } from '../../core/client';
import { HubError } from '../../core/client';

/**
 * Where a team or project a page shows is now: its org and its own name followed through renames (made in this
 * window, another one or by the CLI). Refused with a clear message when it is gone.
 */
export async function followRecord(
  hub: HubClient,
  org: string,
  name: string,
  currentName: ((org: string, name: string) => Promise<string | undefined>) | undefined,
  what: 'team' | 'project',
): Promise<{ org: string; name: string }> {
  const currentOrg = (await hub.orgs.currentName(org)) ?? org;
  // a backend that keeps no rename history: the page reads the record by its name, and its own read says if it is gone
  if (!currentName) return { org: currentOrg, name };
  const current = await currentName(currentOrg, name);
  if (current === undefined) throw new HubError(`The ${what} "${name}" of ${currentOrg} no longer exists (deleted).`, 'not-found');
  return { org: currentOrg, name: current };
}
