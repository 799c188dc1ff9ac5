// The store and artifact store that a kill -9 case promotes into, and the checks made on them after each kill
// (killPromote.test.ts, killCommitWindow.test.ts).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database } from '../../../src/core/model';
import { parseDatabase } from '../../../src/core/store/migrations';
import { tempDir } from '../../unit/helpers/tmp';
import { runCli, type Exit } from './cli';

export interface PromoteStore {
  /** the case's temp folder (its run folders go here) */
  readonly dir: string;
  /** the store file, `<dir>/hub/hub.json` */
  readonly store: string;
  /** its artifact store, `<dir>/hub/artifacts` */
  readonly artifacts: string;
  /** the environment every CLI process of the case gets (that store, user jane) */
  readonly env: NodeJS.ProcessEnv;
  cli(...args: string[]): Promise<Exit>;
  /** the store as it is on disk, parsed as the CLI parses it */
  read(): Database;
  /** the blobs that no version of `db` references */
  unreferenced(db: Database): string[];
  /** every version of `db` whole: files recorded, each blob present with its size, blobs under 1 MiB re-hashed */
  assertWhole(db: Database, context: string): void;
}

/** A fresh promote store for each test of the enclosing `describe` (mocha hooks), removed after it. */
export function usePromoteStore(prefix: string): PromoteStore {
  let t: ReturnType<typeof tempDir> | undefined;
  const dir = () => {
    if (!t) throw new Error('usePromoteStore: used outside a test');
    return t.dir;
  };
  beforeEach(() => {
    t = tempDir(prefix);
    fs.mkdirSync(path.join(t.dir, 'hub'));
  });
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });
  const blobPath = (sha256: string) => path.join(fixture.artifacts, 'sha256', sha256.slice(0, 2), sha256);
  const fixture: PromoteStore = {
    get dir() {
      return dir();
    },
    get store() {
      return path.join(dir(), 'hub', 'hub.json');
    },
    get artifacts() {
      return path.join(dir(), 'hub', 'artifacts');
    },
    get env() {
      return { POLYAXON_HUB_STORE: fixture.store, POLYAXON_HUB_USER: 'jane' };
    },
    cli: (...args) => runCli(args, fixture.env, dir()),
    read: () => parseDatabase(fs.readFileSync(fixture.store, 'utf8'), fixture.store),
    unreferenced(db) {
      const referenced = new Set(db.modelVersions.flatMap(v => v.lineage.files.map(f => f.sha256)));
      const root = path.join(fixture.artifacts, 'sha256');
      const blobs = fs.existsSync(root) ? fs.readdirSync(root).flatMap(p => fs.readdirSync(path.join(root, p))) : [];
      return blobs.filter(b => !referenced.has(b));
    },
    assertWhole(db, context) {
      for (const v of db.modelVersions) {
        assert.ok(v.lineage.files.length > 0, `${context}: ${v.name} has no files`);
        for (const f of v.lineage.files) {
          const blob = blobPath(f.sha256);
          assert.ok(fs.existsSync(blob), `${context}: version ${v.name} lost the blob of ${f.path}`);
          assert.equal(fs.statSync(blob).size, f.size, `${context}: the blob of ${v.name}/${f.path} has the wrong size`);
          if (f.size < 1 << 20) {
            const sha = createHash('sha256').update(fs.readFileSync(blob)).digest('hex');
            assert.equal(sha, f.sha256, `${context}: the blob of ${v.name}/${f.path} does not hash right`);
          }
        }
      }
    },
  };
  return fixture;
}
