// The environment variables that point the CLI at a Polyaxon server: in a file of their own, so that
// dist/cli-validate.js can tell when a line needs the server without loading the server client.

export const SERVER_ENV = 'POLYAXON_HUB_SERVER';
/** per request, in seconds; a slow server gets a clear timeout instead of a hang */
export const TIMEOUT_ENV = 'POLYAXON_HUB_TIMEOUT';
