// The rules every versioned record shares (component versions now, model versions next): the stages
// and their order, the `latest` rule, and a stage history kept as Polyaxon keeps it.
// Polyaxon (haupt `db/signals/versions.py`, `db/managers/stages.py`, polyaxon `V1StageCondition`):
//  - stages are `testing | staging | production | disabled` and transitions are unconstrained;
//  - a new version starts at `testing` with the condition reason `<Kind>VersionCreated` and the
//    message "A new <kind> version is created";
//  - each transition appends a condition `{type, status, reason, message, last_update_time,
//    last_transition_time}`; setting the stage a version already has changes nothing.
// We add `who` to each condition: Polyaxon keeps it in its activity log, we keep it with the version.
// As Polyaxon's CLI does (`reason or "CliStageUpdate"`), the person's reason is the condition's
// `reason`, else the word `StageUpdate`.
import { HubError } from './errors';
import { DEFAULT_VERSION } from './names';

export const STAGES = ['testing', 'staging', 'production', 'disabled'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage a new version starts at. */
export const INITIAL_STAGE: Stage = 'testing';

/** The promotion path; `disabled` is off it (a version taken out of use). */
export const PROMOTION_ORDER: readonly Stage[] = ['testing', 'staging', 'production'];

/** The version name a reference without a version means. */
export const LATEST = DEFAULT_VERSION;

/** The reason of a stage change made without one. */
export const STAGE_UPDATE_REASON = 'StageUpdate';

/** One entry of a version's stage history: Polyaxon's stage condition, plus who made it. */
export interface StageCondition {
  type: Stage;
  status: 'True';
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  who: string;
}

/** What the rules need of a version: its name, its stage and that stage's history. */
export interface StagedVersion {
  name: string;
  stage: Stage;
  stageHistory: StageCondition[];
}

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** `value` as a Stage; a HubError ('invalid-stage') naming the stages otherwise. */
export function parseStage(value: string): Stage {
  if (!isStage(value)) throw new HubError(`"${value}" is not a stage; use one of ${STAGES.join(', ')}.`, 'invalid-stage');
  return value;
}

/** The stage after `stage` on the promotion path (undefined after production and for disabled). */
export function nextStage(stage: Stage): Stage | undefined {
  const at = PROMOTION_ORDER.indexOf(stage);
  return at >= 0 ? PROMOTION_ORDER[at + 1] : undefined;
}

/** The history of a version created by `who` at `when`: one `testing` condition. `kind`: 'component', 'model'. */
export function initialStageHistory(kind: string, who: string, when: string): StageCondition[] {
  return [
    {
      type: INITIAL_STAGE,
      status: 'True',
      reason: `${kind.charAt(0).toUpperCase()}${kind.slice(1)}VersionCreated`,
      message: `A new ${kind} version is created`,
      lastUpdateTime: when,
      lastTransitionTime: when,
      who,
    },
  ];
}

/** The condition of a move from `from` to `stage`; `reason` is the person's, when they gave one. */
export function stageCondition(from: Stage, stage: Stage, who: string, when: string, reason?: string): StageCondition {
  return {
    type: stage,
    status: 'True',
    reason: reason || STAGE_UPDATE_REASON,
    message: `Moved from ${from} to ${stage}`,
    lastUpdateTime: when,
    lastTransitionTime: when,
    who,
  };
}

/**
 * Moves `version` to `stage`, appending the condition (who, when, why). Returns the stage it left, or
 * undefined when it already was there (nothing changes, as in Polyaxon).
 */
export function recordStage(version: StagedVersion, stage: Stage, who: string, when: string, reason?: string): Stage | undefined {
  const from = version.stage;
  if (from === stage) return undefined;
  version.stage = stage;
  version.stageHistory.push(stageCondition(from, stage, who, when, reason));
  return from;
}

/** One stage change as the client shows it (Polyaxon's stage condition, plus who). */
export interface StageChange {
  stage: Stage;
  /** the stage before; absent for the first entry (creation at `testing`) */
  from?: Stage;
  who: string;
  when: string;
  reason?: string;
  message?: string;
}

/** A stored stage history as the client shows it, oldest first. */
export function stageChanges(history: readonly StageCondition[]): StageChange[] {
  return history.map((c, i) => ({
    stage: c.type,
    ...(i > 0 ? { from: history[i - 1].type } : {}),
    who: c.who,
    when: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  }));
}

const time = (t: string | Date) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** The condition in force for `version` at `at` (undefined before it existed). */
export function conditionAt(version: StagedVersion, at: string | Date): StageCondition | undefined {
  const moment = time(at);
  let found: StageCondition | undefined;
  for (const c of version.stageHistory) {
    if (time(c.lastTransitionTime) <= moment) found = c;
  }
  return found;
}

/** The stage `version` was in at `at` (undefined before it existed). */
export function stageAt(version: StagedVersion, at: string | Date): Stage | undefined {
  return conditionAt(version, at)?.type;
}

/**
 * The versions that were in `stage` at `at`, the one that entered it last first (transitions are
 * unconstrained, so two versions can be in production at once).
 */
export function versionsInStageAt<V extends StagedVersion>(versions: readonly V[], stage: Stage, at: string | Date): V[] {
  return versions
    .map(v => ({ v, c: conditionAt(v, at) }))
    .filter((e): e is { v: V; c: StageCondition } => e.c?.type === stage)
    .sort((a, b) => time(b.c.lastTransitionTime) - time(a.c.lastTransitionTime) || b.v.name.localeCompare(a.v.name))
    .map(e => e.v);
}

/** Which version was in `stage` at `at`: the one that entered it last; undefined when none was. */
export function versionInStageAt<V extends StagedVersion>(versions: readonly V[], stage: Stage, at: string | Date): V | undefined {
  return versionsInStageAt(versions, stage, at)[0];
}

/** Newest first by `createdAt` (an ISO time), then by name descending: the order version lists show. */
export function newestFirst<V extends { name: string }>(createdAt: (v: V) => string): (a: V, b: V) => number {
  return (a, b) => createdAt(b).localeCompare(createdAt(a)) || b.name.localeCompare(a.name);
}

/** The `latest` rule: the version named `latest`, else the newest; undefined when there is none. */
export function latestVersion<V extends { name: string }>(versions: readonly V[], createdAt: (v: V) => string): V | undefined {
  return versions.find(v => v.name === LATEST) ?? [...versions].sort(newestFirst(createdAt))[0];
}
