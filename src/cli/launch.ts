// dist/cli.js: the polyaxon-hub command. It only sets up the code cache, then runs the CLI bundled beside it:
// dist/cli-validate.js (src/cli/validateMain.ts) for a `validate` line, which needs most of the CLI only for
// a file that names a hubRef, else dist/cli-main.js (src/cli/main.ts). Each is compiled from the cache.
import { useCompileCache } from './compileCache';

useCompileCache(__dirname);
/* eslint-disable @typescript-eslint/no-require-imports -- loaded at run time, after the hook: not bundled here */
if (process.argv[2] === 'validate') require('./cli-validate.js');
else require('./cli-main.js');
