// A V8 code cache for the CLI's own bundles, so a short command (`validate FILE`) does not compile the same
// JavaScript again on every run: about a fifth of such a run is V8 compiling the bundle and the YAML parser.
// The cache is written at exit with `createCachedData()`, so it holds the functions that run compiled (a cache made
// at compile time, as v8-compile-cache makes it, holds only the top level). Node 22's module.enableCompileCache()
// does the same natively; Node 20 has no such thing.
// Safe by construction: V8 checks each cache against the source and its own version and flags and ignores one that
// does not match (the source is then compiled as usual); the folder is the user's own (0700, owned by them), since a
// code cache another user could write would run their code; any failure to read or write just means no cache.
// named imports: a namespace import of an external module is a copy of its every name (esbuild's __toESM)
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface Compilable {
  _compile(content: string, filename: string): unknown;
  require(id: string): unknown;
  exports: unknown;
}

/** Node's Module class, reached through this module's own object: importing node:module loads Node's ESM loader too */
const Module = module.constructor as unknown as { prototype: Compilable; wrap(source: string): string };

/** The per-user folder for the cache, made if missing; undefined when it is not safely the user's own. */
function cacheDir(): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined; // Windows: no owner check to lean on
  const dir = join(tmpdir(), `polyaxon-hub-${uid}`, 'compile-cache');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const d of [dirname(dir), dir]) {
      const st = lstatSync(d);
      if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
    }
    return dir;
  } catch {
    return undefined;
  }
}

/** Compiles the modules loaded from `bundleDir` with a code cache kept between runs (when POLYAXON_HUB_COMPILE_CACHE is not 0). */
export function useCompileCache(bundleDir: string): void {
  if (process.env.POLYAXON_HUB_COMPILE_CACHE === '0') return;
  const dir = cacheDir();
  if (!dir) return;
  // bundles of two installs (a checkout and the extension's own copy) are told apart by their folder, so each
  // keeps its cache instead of each run replacing the other's
  let folder: bigint;
  try {
    folder = statSync(bundleDir, { bigint: true }).ino;
  } catch {
    return;
  }
  const proto = Module.prototype as unknown as Compilable;
  const original = proto._compile;
  const toWrite: [script: Script, file: string][] = [];
  proto._compile = function (this: Compilable, content: string, filename: string) {
    if (dirname(filename) !== bundleDir) return original.call(this, content, filename);
    // one cache per file as written and per Node: a file cannot be written again without a new ctime, which no tool
    // sets (npm and tar set mtimes), so a rebuilt or reinstalled bundle gets a file of its own (hashing the
    // content would load node:crypto, a third of what this saves)
    let file: string;
    let cachedData: Buffer | undefined;
    try {
      const st = statSync(filename, { bigint: true });
      file = join(
        dir,
        `${basename(filename, '.js')}.${folder}.${[process.version, process.arch, st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join('-')}.cache`,
      );
    } catch {
      return original.call(this, content, filename);
    }
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(Module.wrap(content.replace(/^#!.*/, '')), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) toWrite.push([script, file]);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    // the bundles only ever call require(id) (Node's modules, the lazy bundles beside them)
    const require = (id: string) => this.require(id);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  process.on('exit', () => {
    for (const [script, file] of toWrite) {
      try {
        const stale = `${basename(file).split('.').slice(0, 2).join('.')}.`;
        for (const old of readdirSync(dir)) if (old.startsWith(stale) && old.endsWith('.cache')) rmSync(join(dir, old), { force: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, file);
      } catch {
        /* no cache this time */
      }
    }
  });
}
