import * as fs from 'node:fs';
import * as path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import * as lockfile from 'proper-lockfile';
import { emptyDatabase, type Database } from '../model';
import type { Disposable, Store } from './store';

/** The embedded store: one lowdb JSON file, written under an inter-process lock. */
export class JsonFileStore implements Store {
  private readonly listeners = new Set<() => void>();

  constructor(readonly location: string) {}

  async read(): Promise<Database> {
    const db = new Low<Database>(new JSONFile(this.location), emptyDatabase());
    await db.read();
    return db.data;
  }

  async mutate<T>(change: (db: Database) => T): Promise<T> {
    fs.mkdirSync(path.dirname(this.location), { recursive: true });
    const release = await lockfile.lock(this.location, {
      realpath: false, stale: 10_000, retries: { retries: 200, minTimeout: 5, maxTimeout: 100 },
    });
    try {
      const db = new Low<Database>(new JSONFile(this.location), emptyDatabase());
      await db.read();
      const result = change(db.data);
      await db.write();
      return result;
    } finally {
      await release();
      for (const l of this.listeners) l();
    }
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.listeners.clear();
  }
}
