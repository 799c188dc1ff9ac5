// Polyaxon's connection kinds (V1ConnectionKind in its API, ../shared/reference/polyaxon_sdk.swagger.json):
// a project connection must be one of them, or Polyaxon cannot mount or use it.
import { HubError } from './errors';

export const CONNECTION_KINDS = [
  'host_path',
  'volume_claim',
  'gcs',
  's3',
  'wasb',
  'registry',
  'git',
  'aws',
  'gcp',
  'azure',
  'mysql',
  'postgres',
  'oracle',
  'vertica',
  'sqlite',
  'mssql',
  'redis',
  'presto',
  'mongo',
  'cassandra',
  'ftp',
  'grpc',
  'hdfs',
  'http',
  'pig_cli',
  'hive_cli',
  'hive_metastore',
  'hive_server2',
  'jdbc',
  'jenkins',
  'samba',
  'snowflake',
  'ssh',
  'cloudant',
  'databricks',
  'segment',
  'slack',
  'discord',
  'mattermost',
  'pagerduty',
  'hipchat',
  'webhook',
  'custom',
] as const;

export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

const KINDS: ReadonlySet<string> = new Set(CONNECTION_KINDS);

/** Refuses a kind Polyaxon does not know (exact spelling: Polyaxon's enum is lower case), naming the list. */
export function assertConnectionKind(kind: string): asserts kind is ConnectionKind {
  if (!kind) throw new HubError(`A connection needs a kind: one of ${CONNECTION_KINDS.join(', ')}.`, 'invalid');
  if (!KINDS.has(kind)) {
    const near = KINDS.has(kind.trim().toLowerCase()) ? ` (did you mean "${kind.trim().toLowerCase()}"?)` : '';
    throw new HubError(`"${kind}" is not a Polyaxon connection kind${near}; kinds are ${CONNECTION_KINDS.join(', ')}.`, 'invalid');
  }
}
