// Content identity and naming hints for component files: what "the same content" means, and what a
// file's path suggests as component and version names.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { slugProblem, versionNameProblem } from '../names';

/**
 * The text a version stores: a BOM and CRLF line ends are dropped, so the same file checked out on
 * Windows and on Linux is one content, not two "different" versions under one name.
 */
export function normalizeContent(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** sha256 of the normalized content, hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeContent(text), 'utf8').digest('hex');
}

/** `ab12cd34…` for messages: enough to tell two hashes apart. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

const YAML_EXT = /\.ya?ml$/i;
/** what a version usually looks like in a file name: `1.2`, `v2`, `2024-01-02`, `latest` */
const VERSION_LIKE = /^(latest|v?\d[-a-zA-Z0-9_.]*)$/;

function stemOf(file: string): string {
  return path.basename(file).replace(YAML_EXT, '');
}

/**
 * The component name a file suggests when its YAML has no usable `name`: the file's stem
 * (`tensorboard.yaml`), or its folder when the stem is a version (`tensorboard/1.2.yaml`, the layout
 * of Polyaxon's public hub repository).
 */
export function componentNameHint(file: string): string | undefined {
  const stem = stemOf(file);
  const candidate = VERSION_LIKE.test(stem) ? path.basename(path.dirname(file)) : stem;
  return slugProblem(candidate) ? undefined : candidate;
}

/**
 * The version a file's path suggests: `tensorboard/1.2.yaml` → `1.2`, `tensorboard-v2.yaml` → `v2`,
 * `tensorboard@1.0.yaml` → `1.0`; undefined when the path says nothing (then the user is asked).
 */
export function versionHint(file: string, componentName?: string): string | undefined {
  const stem = stemOf(file);
  if (VERSION_LIKE.test(stem)) return versionNameProblem(stem) ? undefined : stem;
  if (componentName) {
    for (const sep of ['@', '__', '-', '_', '.']) {
      if (stem.startsWith(componentName + sep)) {
        const rest = stem.slice(componentName.length + sep.length);
        if (VERSION_LIKE.test(rest) && !versionNameProblem(rest)) return rest;
      }
    }
  }
  return undefined;
}
