#!/usr/bin/env node
// The unused-export check of `npm run lint`: ts-unused-exports (pinned in package.json) over the node
// code (tsconfig.json) and the browser code (webview/tsconfig.json; src/protocol counts as unused
// only when neither side uses it), types allowed (a type in an
// exported signature is part of it). Entry points and the known findings still to fix live in
// scripts/unused-exports.allow, one `path: name` a line with the reason or owner in a comment above.
// It fails on a new unused export; an allowed one that is used (or gone) now is reported so its line
// can go (not a failure: several people change the code at once).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'node_modules', 'ts-unused-exports', 'bin', 'ts-unused-exports');

function findings(tsconfig) {
  const r = spawnSync(process.execPath, [bin, tsconfig, '--allowUnusedTypes', '--excludePathsFromReport=bench/;test/'], { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  const found = new Set();
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?): (.+)$/.exec(line.trim());
    if (!m || /modules with unused exports$/.test(line)) continue;
    const file = path.relative(root, path.resolve(root, m[1])).split(path.sep).join('/');
    for (const name of m[2]
      .split(',')
      .map(n => n.trim())
      .filter(Boolean)) {
      found.add(`${file}: ${name}`);
    }
  }
  if (r.status !== 0 && !found.size) throw new Error(`ts-unused-exports ${tsconfig} failed: ${r.stderr || r.stdout}`);
  return found;
}

const allowFile = path.join(root, 'scripts', 'unused-exports.allow');
const allowed = new Set(
  fs
    .readFileSync(allowFile, 'utf8')
    .split('\n')
    .map(l => l.replace(/#.*/, '').trim())
    .filter(Boolean),
);
const node = findings('tsconfig.json');
const browser = findings('webview/tsconfig.json');
// src/protocol is shared: unused only when neither side uses it
const shared = f => f.startsWith('src/protocol/');
const found = new Set([...[...node].filter(f => !shared(f) || browser.has(f)), ...[...browser].filter(f => !shared(f) || node.has(f))]);
const added = [...found].filter(f => !allowed.has(f)).sort();
const fixed = [...allowed].filter(a => !found.has(a)).sort();
for (const f of added) console.error(`unused export: ${f} (remove the export, or use it)`);
for (const f of fixed) console.error(`no longer an unused export: ${f} (remove its line from scripts/unused-exports.allow)`);
if (added.length) process.exit(1);
console.log(`unused exports: none new (${allowed.size} known, listed in scripts/unused-exports.allow)`);
