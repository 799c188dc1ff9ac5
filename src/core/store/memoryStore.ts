import { emptyDatabase, type Database } from '../model';
import { deepFreeze } from './deepFreeze';
import type { Disposable, Store } from './store';

/**
 * A store in memory, with the same semantics as the file store (a change that throws leaves nothing
 * behind; reads return frozen copies, as the file store's are shared and frozen). For tests and previews.
 */
export class MemoryStore implements Store {
  readonly location = 'memory';
  private data: Database;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Database = emptyDatabase()) {
    this.data = structuredClone(initial);
  }

  async read(): Promise<Database> {
    return deepFreeze(structuredClone(this.data));
  }

  async mutate<T>(change: (db: Database) => T): Promise<T> {
    const draft = structuredClone(this.data);
    const result = change(draft);
    this.data = draft;
    for (const l of [...this.listeners]) l();
    return structuredClone(result);
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.listeners.clear();
  }
}
