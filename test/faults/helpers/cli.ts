// The real CLI (dist/cli.js) as a child process for the fault suite: a deadline turns a hang into a
// failure, and the caller may kill it at any moment.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const BIN = path.join(process.cwd(), 'dist', 'cli.js');
/** generous: the machine running the suite may be busy; a hang takes forever, not this long */
export const DEADLINE_MS = 60_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  timedOut: boolean;
  ms: number;
}

export interface Child {
  pid: number;
  exited: Promise<Exit>;
  /** whether the process has ended (its streams may still be draining) */
  ended(): boolean;
  kill(signal: NodeJS.Signals): void;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, cwd: string, deadlineMs = DEADLINE_MS): Child {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let timedOut = false;
  let ended = false;
  child.stdout.on('data', d => {
    out += d;
  });
  child.stderr.on('data', d => {
    err += d;
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, deadlineMs);
  child.on('exit', () => {
    ended = true;
  });
  const exited = new Promise<Exit>(resolve =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, timedOut, ms: Date.now() - started });
    }),
  );
  return { pid: child.pid!, exited, ended: () => ended, kill: s => child.kill(s) };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Exit> {
  return startCli(args, env, cwd).exited;
}

/** The suite's seed: FAULT_SEED to replay a run, else a fixed one (a CI run is reproducible by default). */
export function faultSeed(): number {
  const text = process.env.FAULT_SEED;
  return text && /^\d+$/.test(text) ? Number(text) : 20261201;
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
