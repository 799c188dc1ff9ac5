// bundle_bytes: the size of the production extension bundle (dist/extension.js as `node esbuild.mjs --production`
// writes it, the file the extension host loads, plus the dist/lazy-*.js packages it requires on first use) against the same entry built the same way with every npm dependency
// left out (our own code alone), so the ratio is what the dependencies add. Goal ≤ 600 KB (600,000 bytes).
// The webview scripts and sql.js's .wasm ship beside it and are loaded only when a page or an mlflow.db needs them:
// their sizes are in the note.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Row } from './row';

export async function bench(context: { root: string }): Promise<Row> {
  const dist = path.join(context.root, 'dist');
  const bundle = path.join(dist, 'extension.js');
  const base = { id: 'bundle_bytes', name: 'production extension bundle (dist/extension.js + dist/lazy-*.js)', unit: 'B', goal: { max: 600_000 } };
  if (!fs.existsSync(bundle)) return { ...base, value: NaN, baseline: NaN, note: `${bundle} is missing: node esbuild.mjs --production failed` };
  if (fs.existsSync(`${bundle}.map`) && fs.statSync(`${bundle}.map`).mtimeMs >= fs.statSync(bundle).mtimeMs) {
    throw new Error('dist/extension.js is a development build (it has a fresh source map): run node esbuild.mjs --production');
  }
  const own = await esbuild.build({
    entryPoints: [path.join(context.root, 'src', 'extension.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    mainFields: ['module', 'main'],
    packages: 'external',
    external: ['vscode'],
    write: false,
    logLevel: 'silent',
  });
  const sizeOf = (dir: string, test: (f: string) => boolean) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter(test)
          .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0)
      : 0;
  const webview = sizeOf(path.join(dist, 'webview'), f => /\.(js|css)$/.test(f));
  const wasm = sizeOf(dist, f => f.endsWith('.wasm'));
  const lazy = sizeOf(dist, f => /^lazy-.*\.js$/.test(f));
  const entry = fs.statSync(bundle).size;
  const value = entry + lazy;
  return {
    ...base,
    value,
    baseline: own.outputFiles[0].contents.length,
    baselineName: 'the same build without npm dependencies',
    note: `${(value / 1024).toFixed(0)} KiB: extension.js ${(entry / 1024).toFixed(0)} KiB, loaded at activation, + dist/lazy-*.js ${(lazy / 1024).toFixed(0)} KiB, required on first use; beside it, loaded on demand: webview scripts ${(webview / 1024).toFixed(0)} KiB, sql-wasm.wasm ${(wasm / 1024).toFixed(0)} KiB`,
  };
}
