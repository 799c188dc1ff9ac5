// What every service of the server backend shares: the HTTP exchange, the JSON reader, the owner the open-source
// server keeps everything under, who is signed in, and the change signal fired after this client's writes.
import { HubError } from '../../errors';
import type { Action, HubFeature } from '../types';
import type { PolyaxonHttp } from './http';
import { Wire } from './wire';

/** What a user may do on the open-source server: it has no roles, so everything it offers. */
export const SERVER_ACTIONS: Action[] = [
  'view',
  'run.write',
  'modelVersion.write',
  'componentVersion.write',
  'project.create',
  'project.delete',
  'project.configure',
  'version.delete',
];

export const UNSUPPORTED: Record<HubFeature, string> = {
  'orgs.manage': 'The Polyaxon server keeps everything under one owner; organizations are created and managed in Polyaxon itself, not here.',
  members: 'This Polyaxon server has no member management (the open-source server has one owner); manage access in Polyaxon.',
  teams: "This Polyaxon server has no teams (they come with Polyaxon's commercial editions).",
  audit: 'This Polyaxon server offers no organization activity log through its API.',
  'project.rename': 'Renaming a project on the Polyaxon server is not offered here: its runs, versions and every hubRef point at the name.',
  'project.access': 'This Polyaxon server has no per-project members or team access.',
  'project.connections': 'Connections are configured in the Polyaxon deployment (its agent), not per project here.',
  'component.visibility': "Component visibility is not managed through this Polyaxon server's API; everyone who can reach the server sees its components.",
  'component.replace': 'A published component version on the server is immutable; publish the change as a new version.',
  'registry.files': "A server model version's files stay in the server's artifacts store; open them in Polyaxon's UI or with `polyaxon models pull`.",
  backups: 'The Polyaxon server keeps its own backups (its database); the extension has none to restore.',
};

export class ServerContext {
  readonly wire: Wire;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly http: PolyaxonHttp,
    readonly owner: string,
    readonly me: string,
    /** told of this client's own writes before the listeners are (the change poll must not report them again) */
    private readonly afterOwnWrite: () => void = () => {},
  ) {
    this.wire = new Wire(http.baseUrl);
  }

  /** refuses a call for something the server does not offer, with the reason the UI also shows */
  refuse(feature: HubFeature): Promise<never> {
    return Promise.reject(new HubError(UNSUPPORTED[feature], 'unsupported'));
  }

  unsupportedReason(feature: HubFeature): string {
    return UNSUPPORTED[feature];
  }

  /** the open-source server has one owner: any other org name is not found there */
  checkOwner(org: string): void {
    if (org !== this.owner) throw new HubError(`${this.http.baseUrl} has no organization "${org}": everything on it belongs to "${this.owner}".`, 'not-found');
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return {
      dispose: () => {
        this.listeners.delete(listener);
      },
    };
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** this client's writes started so far, and those not answered yet (the change poll must not take them for another's) */
  writesStarted = 0;
  writesInFlight = 0;

  /** Sends a write; once it is done, the listeners hear of it. */
  async write<T>(request: () => Promise<T>): Promise<T> {
    this.writesStarted++;
    this.writesInFlight++;
    try {
      const result = await request();
      this.afterOwnWrite();
      this.changed();
      return result;
    } finally {
      this.writesInFlight--;
    }
  }

  /** something changed on the server (seen by the poll) */
  changed(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}

/** `owner/project` path segment, encoded */
export function projectPath(owner: string, project: string): string {
  return `${encodeURIComponent(owner)}/${encodeURIComponent(project)}`;
}
