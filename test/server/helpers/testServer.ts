// What scripts/test-server.mjs hands every suite that runs against the real Polyaxon server: the haupt it started,
// the user it made there and what it seeded with the polyaxon client.
export const SERVER = process.env.POLYAXON_TEST_SERVER ?? '';
export const USER = process.env.POLYAXON_TEST_USER ?? '';
export const PASSWORD = process.env.POLYAXON_TEST_PASSWORD ?? '';

export interface Seed {
  owner: string;
  project: string;
  run: { uuid: string; name: string };
  component: { project: string; version: string };
  /** a project of many runs, for the paging tests */
  paged: { project: string; runs: number };
}
export const SEED = JSON.parse(process.env.POLYAXON_TEST_SEED ?? '{}') as Seed;

/** That user's password credentials, as the server backend takes them. */
export const credentials = { kind: 'basic' as const, username: USER, password: PASSWORD };
