// Builds the three bundles: the extension (CJS, node, `vscode` external), the CLI (CJS, node) and the
// webview scripts (ESM, browser). Tests are bundled too so mocha runs plain JS in Node and in the host.
// Usage: node esbuild.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
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
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
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
  configs.push(
    { ...node, entryPoints: filesUnder('test/unit', '.ts'), outdir: 'out/test/unit', external: ['mocha'] },
    { ...node, entryPoints: filesUnder('test/host', '.ts'), outdir: 'out/test/host', external: ['vscode', 'mocha', '@vscode/test-electron'] },
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
