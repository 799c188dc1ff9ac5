// Builds the three bundles: the extension (CJS, node, `vscode` external), the CLI (CJS, node) and the
// webview scripts (ESM, browser). Tests are bundled too so mocha runs plain JS in Node and in the host.
// Usage: node esbuild.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests') || watch;

/** Reports errors in the format of VS Code's `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * One namespace object per external module (`vscode`, `node:fs`…) in the extension bundle. esbuild turns every
 * `import * as x from 'external'` into its own `__toESM(require('external'))`, a copy of the module's every name per
 * importing file: 60 copies of the vscode API (~440 names) and 50 of node:fs/path/crypto cost ~35 ms of activation.
 * Each import statement of one of them goes to one shared ESM re-export instead; `require()` calls are left alone.
 */
const sharedExternalNamespaces = {
  name: 'shared-external-namespaces',
  setup(build) {
    build.onResolve({ filter: /^(vscode|node:[a-z_/]+)$/ }, args =>
      args.namespace === 'external-namespace' || args.kind !== 'import-statement'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'external-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'external-namespace' }, args => ({ contents: `export * from '${args.path}';`, loader: 'js' }));
  },
};

/**
 * npm packages the extension needs only after activation (parsing YAML, reading mlflow.db, taking the store's lock),
 * each bundled into a file of its own beside dist/extension.js and required on first use. Parsing the source of a
 * bundle is most of what loading it costs, and these are over a third of it. In dist/extension.js each import of one
 * is a stand-in whose exports are getters that require the real file the first time one is read (their names are
 * read from the package here, at build time), so no source file changes and every import sees one instance.
 */
const LAZY_PACKAGES = { yaml: 'lazy-yaml.js', 'sql.js': 'lazy-sqljs.js', 'proper-lockfile': 'lazy-lockfile.js' };
const requireHere = createRequire(import.meta.url);
const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const names = new RegExp(
      `^(${Object.keys(LAZY_PACKAGES)
        .map(n => n.replace(/[.]/g, '\\.'))
        .join('|')})$`,
    );
    build.onResolve({ filter: names }, args => ({ path: args.path, namespace: 'lazy-package' }));
    build.onResolve({ filter: /^\.\/lazy-[a-z]+\.js$/ }, args => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, args => {
      const exported = Object.keys(requireHere(args.path)).filter(n => n !== 'default' && n !== '__esModule');
      return {
        loader: 'js',
        contents: [
          `let loaded;`,
          `const load = () => (loaded ??= require('./${LAZY_PACKAGES[args.path]}'));`,
          `Object.defineProperty(exports, '__esModule', { value: true });`,
          `for (const name of ${JSON.stringify(exported)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
          // a CommonJS package's default import is the package itself (sql.js's initSqlJs)
          `Object.defineProperty(exports, 'default', { enumerable: true, get: () => (load().__esModule ? load().default : load()) });`,
        ].join('\n'),
      };
    });
  },
};
/**
 * Node's own modules that a short CLI command (`validate FILE`) never uses, each loaded on first use instead of at
 * start: child_process alone brings net, dgram and streams with it, and loading Node's modules is a tenth of such a
 * run. The same getter stand-ins as for the lazy packages; only in the CLI (the extension host has them loaded).
 */
const LAZY_BUILTINS = ['node:crypto', 'node:child_process', 'node:readline', 'node:fs/promises', 'fs/promises'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const names = new RegExp(`^(${LAZY_BUILTINS.join('|')})$`);
    build.onResolve({ filter: names }, args =>
      args.namespace === 'lazy-builtin' || args.kind !== 'import-statement'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, args => ({
      loader: 'js',
      contents: [
        `let loaded;`,
        `const load = () => (loaded ??= require('${args.path}'));`,
        `Object.defineProperty(exports, '__esModule', { value: true });`,
        `for (const name of ${JSON.stringify(Object.keys(requireHere(args.path)))}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
        `Object.defineProperty(exports, 'default', { enumerable: true, get: () => load() });`,
      ].join('\n'),
    }));
  },
};
const lazyPackageBundles = Object.entries(LAZY_PACKAGES).map(([name, file]) => ({
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.', loader: 'js' },
  outfile: path.join('dist', file),
}));

const filesUnder = (dir, suffix) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter(f => f.endsWith(suffix))
        .map(f => path.join(dir, f))
    : [];

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
  // lowdb and steno are ESM-only: bundling them into CJS is what makes them loadable by the extension host
  mainFields: ['module', 'main'],
};

const configs = [
  {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [...node.plugins, sharedExternalNamespaces, lazyPackages],
  },
  ...lazyPackageBundles.map(lazy => ({ ...node, ...lazy })),
  // the CLI shares the extension's lazy packages and external namespaces: `validate` then loads no sql.js or lock code
  {
    ...node,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli-main.js',
    plugins: [...node.plugins, lazyBuiltins, sharedExternalNamespaces, lazyPackages],
  },
  // `validate` without the rest of the CLI (src/cli/validateOffline.ts); it requires dist/cli-main.js for the lines
  // it leaves to the whole CLI. The YAML parser is bundled in: this bundle always needs it, and one file loads faster
  {
    ...node,
    entryPoints: ['src/cli/validateMain.ts'],
    outfile: 'dist/cli-validate.js',
    external: ['./cli-main.js'],
    plugins: [...node.plugins, lazyBuiltins, sharedExternalNamespaces],
  },
  // the command itself: sets up the code cache (src/cli/compileCache.ts), then requires dist/cli-validate.js or dist/cli-main.js
  {
    ...node,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['./cli-main.js', './cli-validate.js'],
  },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    plugins: watch ? [problemMatcher] : [],
    entryPoints: filesUnder('webview', '.ts').filter(f => !f.includes(`${path.sep}shared${path.sep}`) && !f.endsWith('.d.ts')),
    outdir: 'dist/webview',
  },
];
if (withTests) {
  // a test moved or deleted must not live on as a stale bundle that mocha's glob still runs
  if (!watch) for (const dir of ['out/test/unit', 'out/test/faults']) fs.rmSync(dir, { recursive: true, force: true });
  configs.push(
    { ...node, entryPoints: filesUnder('test/unit', '.ts'), outdir: 'out/test/unit', external: ['mocha'] },
    { ...node, entryPoints: filesUnder('test/faults', '.ts'), outdir: 'out/test/faults', external: ['mocha'] },
    { ...node, entryPoints: filesUnder('test/host', '.ts'), outdir: 'out/test/host', external: ['vscode', 'mocha', '@vscode/test-electron'] },
    // the in-host suite against a real Polyaxon server (run by npm run test:server only)
    { ...node, entryPoints: filesUnder('test/host-server', '.ts'), outdir: 'out/test/host-server', external: ['vscode', 'mocha'] },
  );
}

// sql.js's SQLite engine (reads mlflow.db): the .wasm ships beside each bundle that may load it
const SQL_WASM = path.join('node_modules', 'sql.js', 'dist', 'sql-wasm.wasm');
const copyWasm = () => {
  for (const dir of ['dist', ...(withTests ? ['out/test/unit', 'out/test/host'] : [])]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(SQL_WASM, path.join(dir, 'sql-wasm.wasm'));
  }
};
copyWasm();

if (watch) {
  const contexts = await Promise.all(configs.map(c => esbuild.context(c)));
  await Promise.all(contexts.map(c => c.watch()));
} else {
  await Promise.all(configs.map(c => esbuild.build(c)));
  fs.chmodSync('dist/cli.js', 0o755);
}
