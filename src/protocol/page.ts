// The envelope every webview page speaks with the extension host. Types only: imported by both sides
// (webview/** may import src/protocol and nothing else from src).
// Handshake: the page posts `ready` once its script runs; only then does the host post `state`, and it posts a
// fresh `state` after every change of the session. Requests carry an id; the host answers each with `reply`.

/** What a page may ask its host, by request type: the arguments and the reply. */
export type RequestMap = Record<string, { args: unknown; result: unknown }>;

export type PageToHost<R extends RequestMap> =
  { type: 'ready' } | { [K in keyof R & string]: { type: 'request'; id: number; command: K; args: R[K]['args'] } }[keyof R & string];

export type HostToPage<S, P = unknown> =
  /** `persist` is saved with the panel and handed back to the serializer after a window reload */
  | { type: 'state'; state: S; persist: P }
  /** the page's subject no longer exists or cannot be read */
  | { type: 'unavailable'; message: string }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

/**
 * A long list as the host sends it to a page: only the rows the page shows (200, and 200 more per "Show more"), and
 * how many the whole list has. The host keeps how many rows of each list the user asked for.
 */
export interface PagedList<T> {
  rows: T[];
  total: number;
}

/** Page-side handlers for every request type: a missing one is a compile error, not a silent drop. */
export type RequestHandlers<R extends RequestMap> = { [K in keyof R]: (args: R[K]['args']) => Promise<R[K]['result']> };
