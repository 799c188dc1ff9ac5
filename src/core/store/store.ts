import type { Database } from '../model';

export interface Disposable { dispose(): void }

/**
 * Where the records live. The lowdb file store is the embedded default; a server backend
 * (a Polyaxon deployment's REST API) can implement the same interface later.
 */
export interface Store {
  /** human-readable location (a file path or a URL), used in error messages */
  readonly location: string;
  /** a fresh snapshot of the whole database; never cached across other processes' writes */
  read(): Promise<Database>;
  /**
   * Applies `change` atomically with respect to every other writer (windows, CLI, processes):
   * lock → re-read → apply → write → unlock. If `change` throws, nothing is written.
   */
  mutate<T>(change: (db: Database) => T): Promise<T>;
  /** fires after any write to the store, by this process or another one */
  onDidChange(listener: () => void): Disposable;
  dispose(): void;
}
