// A tiny stand-in for `polyaxon-hub validate FILE` (used by the bench only if dist/cli.js has no
// `validate` command yet): validates each file and prints problems like the CLI would.
import * as fs from 'node:fs';
import { formatProblems, validatePolyaxonYaml } from '../src/core/hub/validator';

let code = 0;
for (const file of process.argv.slice(2)) {
  const result = validatePolyaxonYaml(fs.readFileSync(file, 'utf8'), { fileName: file });
  for (const line of formatProblems(file, result)) process.stderr.write(`${line}\n`);
  if (!result.valid) code = 1;
}
process.exitCode = code;
