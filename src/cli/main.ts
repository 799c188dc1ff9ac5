// polyaxon-hub CLI entry point: argument parsing and printing only; every decision is in src/core.
import { run } from './run';

run(process.argv.slice(2), {
  out: text => { if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`); },
  err: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  cwd: process.cwd(),
}).then(code => { process.exitCode = code; }, e => {
  process.stderr.write(`polyaxon-hub: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
