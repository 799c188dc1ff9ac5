// Model versions use the core's shared version rules (stages, stage history as Polyaxon's stage
// conditions plus who, the version in a stage at a time): one place, src/core/versions.ts.
export {
  initialStageHistory,
  parseStage,
  recordStage,
  stageChanges,
  versionsInStageAt,
  type StageCondition,
  type StageChange,
  type StagedVersion,
} from '../versions';
