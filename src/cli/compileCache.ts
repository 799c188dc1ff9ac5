// A V8 code cache for the CLI's own bundles, so a short command (`validate FILE`) does not compile the same
// JavaScript again on every run: about a fifth of such a run is V8 compiling the bundle and the YAML parser.
// The cache is written at exit with `createCachedData()`, so it holds the functions that run compiled (a cache made
// at compile time, as v8-compile-cache makes it, holds only the top level). Node 22's module.enableCompileCache()
// does the same natively; Node 20 has no such thing.
// Safe by construction: V8 checks each cache against the source and its own version and flags and ignores one that
// does not match (the source is then compiled as usual); the folder is the user's own (0700, owned by them), since a
// code cache another user could write would run their code; any failure to read or write just means no cache.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

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
  const dir = path.join(os.tmpdir(), `polyaxon-hub-${uid}`, 'compile-cache');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const d of [path.dirname(dir), dir]) {
      const st = fs.lstatSync(d);
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
  const proto = Module.prototype as unknown as Compilable;
  const original = proto._compile;
  const toWrite: [script: vm.Script, file: string][] = [];
  proto._compile = function (this: Compilable, content: string, filename: string) {
    if (path.dirname(filename) !== bundleDir) return original.call(this, content, filename);
    // one cache per file as written and per Node: a file cannot be written again without a new ctime, which no tool
    // sets (npm and tar set mtimes), so a rebuilt or reinstalled bundle gets a file of its own (hashing the
    // content would load node:crypto, a third of what this saves)
    let file: string;
    let cachedData: Buffer | undefined;
    try {
      const st = fs.statSync(filename, { bigint: true });
      file = path.join(
        dir,
        `${path.basename(filename, '.js')}.${[process.version, process.arch, st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join('-')}.cache`,
      );
    } catch {
      return original.call(this, content, filename);
    }
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content.replace(/^#!.*/, '')), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) toWrite.push([script, file]);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    // the bundles only ever call require(id) (Node's modules, the lazy bundles beside them)
    const require = (id: string) => this.require(id);
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.on('exit', () => {
    for (const [script, file] of toWrite) {
      try {
        const stale = `${path.basename(file).split('.')[0]}.`;
        for (const old of fs.readdirSync(dir)) if (old.startsWith(stale) && old.endsWith('.cache')) fs.rmSync(path.join(dir, old), { force: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch {
        /* no cache this time */
      }
    }
  });
}
