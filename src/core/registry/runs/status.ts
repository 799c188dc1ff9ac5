// Run statuses, lower-case, as DESIGN.md's `runs list --json` wants them.

/** MLflow's file store writes RunStatus as a number (mlflow/protos/service.proto). */
const MLFLOW_STATUS_CODES: Record<number, string> = { 1: 'RUNNING', 2: 'SCHEDULED', 3: 'FINISHED', 4: 'FAILED', 5: 'KILLED' };

const MLFLOW_STATUS_NAMES: Record<string, string> = {
  RUNNING: 'running',
  SCHEDULED: 'scheduled',
  FINISHED: 'succeeded',
  FAILED: 'failed',
  KILLED: 'stopped',
};

/** An MLflow status (name or file-store code) in our words. */
export function mlflowStatus(value: unknown): string {
  const name = typeof value === 'number' || /^\d+$/.test(String(value)) ? MLFLOW_STATUS_CODES[Number(value)] : String(value ?? '').toUpperCase();
  return (name && MLFLOW_STATUS_NAMES[name]) ?? 'unknown';
}

/** Polyaxon's statuses are already lower-case words (`succeeded`, `upstream_failed`…); kept as they are. */
export function polyaxonStatus(value: unknown): string {
  const s = String(value ?? '')
    .trim()
    .toLowerCase();
  return /^[a-z_]+$/.test(s) ? s : 'unknown';
}
