// The server backend of the core door: `openServerHub({url, credentials})` gives a HubClient over Polyaxon's REST API.
export { createServerHub, openServerHub, type ServerHubOptions } from './serverHub';
export type { ServerCredentials } from './http';
export { parseCredentials } from './credentials';
export { readPolyaxonCliConfig } from './polyaxonCliConfig';
