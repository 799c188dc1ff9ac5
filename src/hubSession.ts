// Old import path of the session, kept for the host tests that still import it (test/host/*.test.ts); remove with them.
export type { HubSession } from './host/session';
