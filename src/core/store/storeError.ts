import { HubError } from '../errors';
import { SCHEMA_VERSION } from '../model';

/** How to get out of an unreadable store, appended to every such message. */
function wayOut(location: string): string {
  return (
    `It has not been changed and will not be written to. Restore the newest good backup with ` +
    `\`polyaxon-hub store restore --store "${location}"\` (list them with \`polyaxon-hub store backups\`) or the ` +
    `command "Polyaxon: Restore Store from Backup", or repair the file by hand.`
  );
}

/** The store file cannot be used: the message names the path, the reason and the way out. */
export class StoreError extends HubError {
  constructor(
    message: string,
    code: string,
    readonly location: string,
    readonly reason: string,
  ) {
    super(message, code);
    this.name = 'StoreError';
  }

  static corrupt(location: string, reason: string): StoreError {
    return new StoreError(`The Polyaxon Hub store ${location} cannot be read: ${reason}. ${wayOut(location)}`, 'store-corrupt', location, reason);
  }

  static future(location: string, version: number): StoreError {
    const reason = `it was written by a newer Polyaxon Hub (schema version ${version})`;
    return new StoreError(
      `The Polyaxon Hub store ${location} cannot be read: ${reason}, and this one only knows versions up to ${SCHEMA_VERSION}. Update the extension and the CLI. ${wayOut(location)}`,
      'store-future',
      location,
      reason,
    );
  }

  static locked(location: string, lockPath: string, owner: string, waitedMs: number): StoreError {
    const reason = `it stayed locked for ${Math.round(waitedMs / 1000)} s by ${owner}`;
    return new StoreError(
      `The Polyaxon Hub store ${location} is busy: ${reason}. If no Polyaxon Hub process is running, delete the lock folder ${lockPath}.`,
      'store-locked',
      location,
      reason,
    );
  }

  static readOnly(location: string, reason: string): StoreError {
    return new StoreError(
      `The Polyaxon Hub store ${location} cannot be written: ${reason}. It has not been changed. ` +
        `Make it writable (for example \`chmod u+w "${location}"\`), or use another store (setting polyaxonHub.storePath, --store or POLYAXON_HUB_STORE).`,
      'store-readonly',
      location,
      reason,
    );
  }

  static io(location: string, error: Error): StoreError {
    return new StoreError(`The Polyaxon Hub store ${location} could not be accessed: ${error.message}`, 'store-io', location, error.message);
  }
}
