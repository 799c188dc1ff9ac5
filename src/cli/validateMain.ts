// dist/cli-validate.js, which dist/cli.js runs for a line that starts with `validate`: most such lines are
// answered by validateOffline, without loading dist/cli-main.js (a third of a `validate FILE` run); the others
// are handed to it. Nothing here holds a lock or writes a file, so an interrupt may end it as it comes.
import { asLines, exitWhenWritten, writeFd } from './output';
import { validateOffline } from './validateOffline';

void validateOffline(process.argv.slice(2), process.env, process.cwd()).then(answer => {
  if (!answer) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time, only when needed: not bundled here
    require('./cli-main.js');
    return;
  }
  if (answer.out) writeFd(1, asLines(answer.out));
  exitWhenWritten(answer.code);
});
