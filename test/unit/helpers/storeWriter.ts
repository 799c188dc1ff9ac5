// Child process for the store stress tests: node storeWriter.js STORE WRITER COUNT [pauseMs]
// Makes COUNT mutations (COUNT = 0: until killed), each appending one audit event
// {who: WRITER, action: 'stress', target: `${WRITER}-${i}`}, and prints `ack WRITER i` once the
// mutation has resolved (so the event is acknowledged as durably written).
import { JsonFileStore } from '../../../src/core/store/jsonFileStore';

async function main(): Promise<void> {
  const [file, writer, countText, pauseText] = process.argv.slice(2);
  const count = Number(countText);
  const store = new JsonFileStore(file, { timeoutMs: 120_000 });
  for (let i = 0; count === 0 || i < count; i++) {
    await store.mutate(db => {
      db.audit.push({ who: writer, action: 'stress', target: `${writer}-${i}`, when: new Date().toISOString() });
    });
    process.stdout.write(`ack ${writer} ${i}\n`);
    if (pauseText) await new Promise(r => setTimeout(r, Number(pauseText)));
  }
  store.dispose();
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
