// Records written straight into a Database by tests that set up many at once (no core call per record).
import type { Project } from '../../../src/core/model';

/** A private project with nothing in it but what `extra` gives, created and updated at `at` by `by`. */
export function projectRecord(org: string, name: string, by: string, at: string, extra: Partial<Project> = {}): Project {
  return {
    org,
    name,
    description: '',
    tags: [],
    readme: '',
    isPublic: false,
    teams: [],
    members: [],
    connections: [],
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}
