// Child process for the kill -9 test: node promoteWorker.js STORE USER ORG MODEL FILE
// Promotes FILE into ORG/MODEL (creating it) on the file store, printing `progress <bytes>` as it copies.
import { openHub } from '../../../src/core/client';
import { JsonFileStore } from '../../../src/core/store/jsonFileStore';

async function main(): Promise<void> {
  const [file, user, org, model, source] = process.argv.slice(2);
  const store = new JsonFileStore(file, { timeoutMs: 60_000 });
  const hub = openHub(store, { username: user });
  await hub.registry.promote({
    org,
    model,
    paths: [source],
    createModel: true,
    onProgress: p => {
      if (p.phase === 'copying' && p.bytesDone > 0) process.stdout.write(`progress ${p.bytesDone}\n`);
    },
  });
  process.stdout.write('done\n');
  store.dispose();
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
