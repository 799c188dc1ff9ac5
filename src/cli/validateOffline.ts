// `polyaxon-hub validate [--json] FILE...` answered without the rest of the CLI (its store, server client and
// other commands), for dist/cli-validate.js. It answers only a line that needs nothing more: files and --json,
// no user or server chosen by the environment, and files that name no hubRef (one is checked against the store).
// Anything else, and any surprise, is left to the whole CLI, which then does all the work: nothing is printed here
// until the answer is complete, and it is printed by the same validateFiles.
import { USER_ENV } from '../core/userEnv';
import { validateWithoutStore } from '../core/hub/validateComponent';
import { validateFiles } from './commands/validate';
import { SERVER_ENV } from './serverEnv';
import { neutralizeControls } from './terminal';

/** A file named a hubRef: only the whole CLI, with its store, can say whether the hub holds it. */
class NeedsTheStore extends Error {}

/** The files of a plain `validate [--json] FILE...` line; undefined for a line that takes more than that. */
function plainLine(argv: string[]): { files: string[]; json: boolean } | undefined {
  if (argv[0] !== 'validate') return undefined;
  const files = argv.slice(1).filter(a => a !== '--json');
  if (!files.length || files.some(f => f.startsWith('-'))) return undefined;
  return { files, json: files.length < argv.length - 1 };
}

/** What the whole CLI would print on stdout and its exit code; undefined when the whole CLI must answer. */
export async function validateOffline(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ out: string; code: number } | undefined> {
  const line = plainLine(argv);
  if (!line || env[SERVER_ENV]?.trim() || env[USER_ENV] !== undefined) return undefined;
  try {
    const output = await validateFiles(line.files, cwd, (content, abs) => {
      const offline = validateWithoutStore(content, abs);
      if (offline.needsStore) throw new NeedsTheStore();
      return offline.result;
    });
    return { out: line.json ? JSON.stringify(output.data, null, 2) : neutralizeControls(output.text), code: output.exitCode ?? 0 };
  } catch {
    return undefined;
  }
}
