// Loaded by the extension host as extensionTestsPath (bench/activation.ts opens the workbench with it): activates
// Polyaxon Hub and an empty extension, in the order bench/activation.ts wrote for this round, and reads what the
// extension host itself measured — VS Code's own performance marks (the figures of Developer: Startup Performance
// and Show Running Extensions): code/extHost/{will,did}LoadExtensionCode/<id> around the require of the bundle and
// code/extHost/{will,did}ActivateExtension/<id> around activate() and the promise it returns. The wall time of the
// whole `extension.activate()` also includes the host creating the extension's context (storage round trips to the
// workbench, slow while it starts up): it is recorded too, for the note.
// Writes {[id]: {load, activate, wall}} to round-result.json in POLYAXON_HUB_BENCH_DIR (the server's environment).
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Mark {
  name: string;
  startTime: number;
}

function marksOf(id: string): Record<string, number> {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks;
  if (!perf) throw new Error('this extension host keeps no performance marks (globalThis.MonacoPerformanceMarks)');
  const found: Record<string, number> = {};
  for (const m of perf.getMarks()) {
    const match = /^code\/extHost\/(willLoadExtensionCode|didLoadExtensionCode|willActivateExtension|didActivateExtension)\/(.+)$/.exec(m.name);
    if (match && match[2] === id) found[match[1]] = m.startTime;
  }
  return found;
}

/** Starts V8's sampling profiler in this (the extension host's) process; the returned function stops it. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<{ profile?: object }>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as { profile?: object }))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile ?? {};
  };
}

export async function run(): Promise<void> {
  const dir = process.env.POLYAXON_HUB_BENCH_DIR;
  // POLYAXON_HUB_BENCH_PROFILE=<folder>: write a CPU profile of each activation there (skews the figures: for finding where time goes)
  const profileDir = process.env.POLYAXON_HUB_BENCH_PROFILE;
  if (!dir) throw new Error('POLYAXON_HUB_BENCH_DIR is not set');
  const { order } = JSON.parse(fs.readFileSync(path.join(dir, 'round.json'), 'utf8')) as { order: string[] };
  const result: Record<string, { load: number; activate: number; wall: number } | string> = {};
  try {
    for (const id of order) {
      const extension = vscode.extensions.getExtension(id);
      if (!extension) {
        const loaded = vscode.extensions.all.filter(e => !e.id.startsWith('vscode.')).map(e => e.id);
        throw new Error(`extension ${id} is not loaded (loaded: ${loaded.join(', ')})`);
      }
      // something activated it before us (a view, an open YAML file): this round cannot time it
      if (extension.isActive) throw new Error(`extension ${id} was already active`);
      const profile = profileDir ? await startProfile() : undefined;
      const started = performance.now();
      await extension.activate();
      const wall = performance.now() - started;
      if (profile) fs.writeFileSync(path.join(profileDir!, `${id}-${Date.now()}.cpuprofile`), JSON.stringify(await profile()));
      const m = marksOf(id);
      for (const k of ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension']) {
        if (m[k] === undefined) throw new Error(`no performance mark code/extHost/${k}/${id}`);
      }
      result[id] = { load: m.didLoadExtensionCode - m.willLoadExtensionCode, activate: m.didActivateExtension - m.willActivateExtension, wall };
    }
  } catch (e) {
    result.error = String((e as Error).stack ?? e);
  }
  fs.writeFileSync(path.join(dir, 'round-result.json'), JSON.stringify(result));
  if (result.error) throw new Error(String(result.error));
}
