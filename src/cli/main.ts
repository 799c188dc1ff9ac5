// polyaxon-hub CLI entry point: argument parsing and printing only; every decision is in src/core.
import * as readline from 'node:readline';
import { isatty } from 'node:tty';
import { asLines, writeFd } from './output';
import { run } from './run';

// An interrupted command ends at once: process.exit runs the store's exit hook, which frees any lock held,
// so nobody else waits on a lock left behind (exit codes 128 + signal number, as shells report them).
const SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];
for (const [signal, code] of SIGNALS) {
  process.on(signal, () => {
    writeFd(2, `\npolyaxon-hub: stopped by ${signal}; nothing more was changed.\n`);
    process.exit(code);
  });
}

/** A yes/no question on the terminal, only when a person is there to answer. */
async function askOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  rl.on('SIGINT', () => {
    rl.close();
    process.kill(process.pid, 'SIGINT');
  });
  try {
    const answer = await new Promise<string>(resolve => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

run(process.argv.slice(2), {
  out: text => {
    if (text) writeFd(1, asLines(text));
  },
  err: text => writeFd(2, asLines(text)),
  env: process.env,
  cwd: process.cwd(),
  // isatty, not process.stdin.isTTY: opening stdin as a stream loads Node's stream and fs/promises modules
  confirm: isatty(0) && isatty(2) ? askOnTerminal : undefined,
}).then(
  code => {
    process.exitCode = code;
  },
  e => {
    writeFd(2, `polyaxon-hub: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
