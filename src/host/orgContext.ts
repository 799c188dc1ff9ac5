import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { HubSession } from './session';

/**
 * The `when` clause context key: true once a read found no organization the user can see. Negative on purpose:
 * before the extension has activated (and set it) the palette must offer the org commands, which activate it;
 * a positive key hid them until some view or YAML file happened to activate the extension.
 */
const NO_ORGANIZATIONS = 'polyaxonHub.noOrganizations';

/**
 * Keeps `polyaxonHub.noOrganizations` true exactly while the hub shows the user no organization, re-read on
 * every change of the session (writes here, in other windows, from the CLI; another store or user). Before
 * any organization exists the palette then offers only what can apply: create one, settings, restore.
 */
export class OrganizationContext extends Disposable {
  private current: boolean | undefined;
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly session: HubSession) {
    super();
    this._register(session.onDidChange(() => void this.update()));
    void this.update();
  }

  /** Whether the last read found an organization (undefined until the first read has finished). */
  get value(): boolean | undefined {
    return this.current;
  }

  /** Resolves once the reads started so far have set the key. */
  settled(): Promise<void> {
    return this.reading;
  }

  private update(): Promise<void> {
    // reads run one after another, so a slow early read never overwrites a later answer
    this.reading = this.reading.then(async () => {
      const has = await this.session.hub.orgs.list().then(
        orgs => orgs.length > 0,
        () => false,
      );
      if (has === this.current) return;
      this.current = has;
      await vscode.commands.executeCommand('setContext', NO_ORGANIZATIONS, !has);
    });
    return this.reading;
  }
}
