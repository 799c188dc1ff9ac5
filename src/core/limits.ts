// How much free text one field may hold, and what an audit event keeps of it.
// Limits keep one pasted file from bloating the store (and each of its backups, which copy it whole);
// audit events keep a fingerprint of long text, never the text itself, so a secret pasted into a
// readme does not outlive its deletion in the history.
import { createHash } from 'node:crypto';
import { HubError } from './errors';
import { formatBytes } from './units';

const KiB = 1024;

/** The most each free-text field may hold, in UTF-8 bytes. */
export const TEXT_LIMITS = {
  readme: 1024 * KiB,
  description: 10 * KiB,
  deploymentNotes: 64 * KiB,
  reason: 10 * KiB,
  tag: 128,
} as const;

/** At most this many tags on one record. */
const MAX_TAGS = 100;

export type TextField = keyof typeof TEXT_LIMITS;

const FIELD_LABELS: Record<TextField, string> = {
  readme: 'readme',
  description: 'description',
  deploymentNotes: 'deployment notes',
  reason: 'reason',
  tag: 'tag',
};

/** Why `value` is too long for `field`, or undefined when it fits. */
function textLimitProblem(field: TextField, value: string): string | undefined {
  const limit = TEXT_LIMITS[field];
  // most text is short: counting UTF-16 units first skips the byte count for it (a unit is at most 3 bytes)
  if (value.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes <= limit) return undefined;
  return `The ${FIELD_LABELS[field]} is ${formatBytes(bytes, { exact: false })} (${bytes} bytes); at most ${formatBytes(limit, { exact: false })} is allowed.`;
}

/** Refuses (HubError 'too-large') the first field over its limit; undefined fields are skipped. */
export function assertTextLimits(fields: Partial<Record<Exclude<TextField, 'tag'>, string | undefined>> & { tags?: readonly string[] }): void {
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'tags') continue;
    const problem = typeof value === 'string' ? textLimitProblem(field as TextField, value) : undefined;
    if (problem) throw new HubError(problem, 'too-large');
  }
  const tags = fields.tags;
  if (!tags) return;
  if (tags.length > MAX_TAGS) throw new HubError(`There are ${tags.length} tags; at most ${MAX_TAGS} are allowed.`, 'too-large');
  for (const tag of tags) {
    const problem = textLimitProblem('tag', String(tag));
    if (problem) throw new HubError(problem, 'too-large');
  }
}

/** Free-text fields an audit event records only as a fingerprint. */
const FINGERPRINTED = new Set(['description', 'readme', 'deploymentNotes', 'content']);

/** What an audit event keeps of a text: that it was set, its length and a short hash to tell versions apart. */
interface TextFingerprint {
  chars: number;
  sha256: string;
}

function fingerprint(text: string): TextFingerprint {
  return { chars: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

/**
 * A copy of audit `details` where every string under a free-text key (description, readme, deployment
 * notes, content; at any depth, so `{description: {from, to}}` too) is replaced by its fingerprint.
 * An empty string stays empty: "cleared" is worth reading and reveals nothing.
 */
export function redactAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  const walk = (value: unknown, inText: boolean): unknown => {
    if (typeof value === 'string') return inText && value !== '' ? fingerprint(value) : value;
    if (Array.isArray(value)) return value.map(v => walk(v, inText));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, inText || FINGERPRINTED.has(k))]));
    }
    return value;
  };
  return walk(details, false) as Record<string, unknown>;
}
