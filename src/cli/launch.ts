// dist/cli.js: the polyaxon-hub command. It only sets up the code cache, then runs the CLI bundled beside it
// (dist/cli-main.js, src/cli/main.ts), so that bundle and the packages it loads are compiled from the cache.
import { useCompileCache } from './compileCache';

useCompileCache(__dirname);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time, after the hook: not bundled here
require('./cli-main.js');
