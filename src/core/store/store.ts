import type { Database } from '../model';

export interface Disposable {
  dispose(): void;
}

/**
 * Where the records live. The lowdb file store is the embedded default; a server backend
 * (a Polyaxon deployment's REST API) can implement the same interface later.
 */
export interface Store {
  /** human-readable location (a file path or a URL), used in error messages */
  readonly location: string;
  /**
   * The whole database as it is now: never stale, whoever wrote last (this process or another). Read-only: the
   * file store hands the same frozen records to every read of the same file contents.
   * Rejects with a StoreError (a HubError, code `store-corrupt` / `store-future`) when the store cannot be read.
   */
  read(): Promise<Database>;
  /**
   * Applies `change` atomically with respect to every other writer (windows, CLI, processes):
   * lock → re-read → apply → write → unlock. If `change` throws, or the store cannot be read, nothing is written.
   * `change` must be synchronous and touch nothing but `db`: it may run more than once (when the lock
   * was lost before the write, the whole mutation is redone on a fresh read).
   */
  mutate<T>(change: (db: Database) => T): Promise<T>;
  /** fires after any write to the store, by this process or another one */
  onDidChange(listener: () => void): Disposable;
  dispose(): void;
}

/** A kept copy of an earlier state of the store. */
export interface BackupInfo {
  name: string;
  path: string;
  size: number;
  modifiedAt: string;
  /** parses and is of a version this code can read */
  ok: boolean;
  schemaVersion?: number;
  problem?: string;
}

export interface RestoreOptions {
  /**
   * Runs under the store's lock before anything is written, with the store as it is now (undefined when
   * it is missing or cannot be read) and the backup's records: throws to refuse (nothing is written), and
   * may add to `restored` (its audit events), which is then written instead of the backup's exact text.
   */
  prepare?(current: Database | undefined, restored: Database): void;
}

/** A store that keeps backups and can restore one (the file store; a server keeps its own). */
export interface RecoverableStore extends Store {
  /** newest first */
  listBackups(): Promise<BackupInfo[]>;
  /** restores the named backup, or the newest good one; the replaced file is kept */
  restoreBackup(name?: string, options?: RestoreOptions): Promise<{ restored: BackupInfo; keptCurrentAs?: string }>;
}

export function isRecoverable(store: Store): store is RecoverableStore {
  return typeof (store as Partial<RecoverableStore>).listBackups === 'function' && typeof (store as Partial<RecoverableStore>).restoreBackup === 'function';
}
