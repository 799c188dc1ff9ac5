// What a team's registry quota counts: the model versions in the projects the team has access to, and the
// distinct artifact content they hold (a blob shared by two versions is stored, and counted, once).
import type { Database, ModelVersion, Team } from '../model';

export interface TeamUsage {
  storageBytes: number;
  modelVersions: number;
}

/** The model versions a team's quota covers. */
export function teamVersions(db: Database, team: Team): ModelVersion[] {
  const projects = new Set(team.projects.map(a => a.project));
  return db.modelVersions.filter(v => v.org === team.org && v.project !== undefined && projects.has(v.project));
}

/** sha256 → size of the content those versions hold. */
export function teamBlobs(versions: readonly ModelVersion[]): Map<string, number> {
  const stored = new Map<string, number>();
  for (const v of versions) for (const f of v.lineage.files) stored.set(f.sha256, f.size);
  return stored;
}

/** The usage shown beside a team's quota, and checked against it before a promote copies anything. */
export function teamUsage(db: Database, team: Team): TeamUsage {
  const versions = teamVersions(db, team);
  return { modelVersions: versions.length, storageBytes: [...teamBlobs(versions).values()].reduce((a, b) => a + b, 0) };
}
