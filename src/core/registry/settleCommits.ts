// A commit of blobs that was interrupted (its process killed between moving the blobs into the artifact
// store and writing the store file, or its write failed) leaves a journal (artifactStore.ts). Every read
// of the store through the hub first looks for one — a listing of one small folder, empty almost always —
// and, when there is one, sweeps inside the store's lock before answering: so no command, view or page of
// any process ever sees a blob that no version references, and a blob some version references is never
// removed (commits happen only inside that lock, in the mutation that records their version).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRecoverable, type RecoverableStore, type Store } from '../store/store';
import type { ArtifactStore } from './artifactStore';
import { referencedBlobs } from './models';

/** `store`, whose reads first settle interrupted commits of `artifacts`. */
export function settlingCommits(store: Store, artifacts: ArtifactStore): Store {
  let settling: Promise<void> | undefined;
  const settle = (): Promise<void> | undefined => {
    if (settling || !artifacts.hasInterruptedCommits()) return settling;
    // a store file that is gone has nothing to keep: a settling write would create it
    if (path.isAbsolute(store.location) && !fs.existsSync(store.location)) return undefined;
    settling = store
      .mutate(db => {
        artifacts.sweep(referencedBlobs(db));
      })
      // a store that cannot be written now (read-only, locked too long): the journal stays for the next read
      .catch(() => undefined)
      .finally(() => (settling = undefined));
    return settling;
  };
  const settled: Store = {
    get location() {
      return store.location;
    },
    read: async () => {
      await settle();
      return store.read();
    },
    mutate: change => store.mutate(change),
    onDidChange: listener => store.onDidChange(listener),
    dispose: () => store.dispose(),
  };
  if (!isRecoverable(store)) return settled;
  const recoverable: RecoverableStore = {
    ...settled,
    get location() {
      return store.location;
    },
    listBackups: () => store.listBackups(),
    restoreBackup: (name, options) => store.restoreBackup(name, options),
  };
  return recoverable;
}
