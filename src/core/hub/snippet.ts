// The ready-to-copy operation that runs a published version: its hubRef, and a params block with the
// required inputs to fill in and the optional ones (with their defaults) commented out.
import { stringify } from 'yaml';
import type { ComponentVersion, IOSummary } from '../model';
import { versionRef } from './components';

/** A value as it would be written in YAML on one line (`0.01`, `"a b"`, `[1, 2]`). */
export function inlineYaml(value: unknown): string {
  try {
    return stringify(value, { flowCollectionPadding: false, lineWidth: 0, collectionStyle: 'flow' }).trim();
  } catch {
    return String(value);
  }
}

function placeholder(io: IOSummary): string {
  switch (io.type) {
    case 'int':
      return '1';
    case 'float':
      return '0.1';
    case 'bool':
      return 'true';
    default:
      return `<${io.type ?? 'value'}>`;
  }
}

export function operationSnippet(version: Pick<ComponentVersion, 'org' | 'component' | 'name' | 'inputs'>): string {
  const lines = ['version: 1.1', 'kind: operation', `hubRef: ${versionRef(version)}`];
  const required = version.inputs.filter(i => !i.isOptional);
  const optional = version.inputs.filter(i => i.isOptional);
  if (required.length || optional.length) lines.push('params:');
  for (const io of required) {
    lines.push(`  ${io.name}:`, `    value: ${placeholder(io)}${io.type ? `  # ${io.type}, required` : '  # required'}`);
  }
  for (const io of optional) {
    lines.push(`  # ${io.name}:`, `  #   value: ${io.value === undefined ? placeholder(io) : inlineYaml(io.value)}${io.type ? `  # ${io.type}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
