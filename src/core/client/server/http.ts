// One HTTP exchange with a Polyaxon API server: auth header, timeout and cancel (AbortSignal) over the whole
// exchange (a server that sends its headers and then stalls the body times out too), JSON in and out, and every
// failure turned into a HubError whose message says what happened and what to do. Only reads (GET) are retried,
// after a connection failure, a timeout or 502/503/504: a write that may have reached the server is never sent twice.
import { HubError } from '../../errors';

/** How the server knows who you are: a Polyaxon API token (`Authorization: Token …`), or a user and password. */
export type ServerCredentials =
  /** `scheme` is Polyaxon's POLYAXON_AUTHENTICATION_TYPE: `Token` (the default), `InternalToken`, `EphemeralToken` */
  { kind: 'token'; token: string; scheme?: string } | { kind: 'basic'; username: string; password: string };

export interface HttpOptions {
  /** the server's base URL, e.g. `https://polyaxon.example.com` (no trailing `/api/v1`) */
  url: string;
  credentials?: ServerCredentials;
  /** per attempt; default 30 s */
  timeoutMs?: number;
  /** extra attempts for a GET after a connection failure, a timeout, 502/503/504; default 2 */
  retries?: number;
  /** waits between attempts grow from this; default 250 ms */
  retryDelayMs?: number;
  /** injectable for tests; default globalThis.fetch (Node 20+) */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** what the request is about, for messages ("project default/vision") */
  subject?: string;
}

const RETRIED = new Set(['GET']);

export class PolyaxonHttp {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly authorization?: string;

  constructor(options: HttpOptions) {
    this.baseUrl = normalizeBaseUrl(options.url);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    const c = options.credentials;
    if (c?.kind === 'token' && c.token) this.authorization = `${c.scheme ?? 'Token'} ${c.token}`;
    if (c?.kind === 'basic') this.authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  /** `path` is relative to `/api/v1/` (or absolute from the server root when it starts with `/`). */
  async json<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    const text = await this.text(path, options);
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new HubError(
        `${this.baseUrl} answered ${options.subject ?? path} with something that is not JSON (${preview(text)}). Is polyaxonHub.server the address of a Polyaxon API?`,
        'malformed',
      );
    }
  }

  async text(path: string, options: RequestOptions = {}): Promise<string> {
    return this.send(path, options, r => r.text());
  }

  async bytes(path: string, options: RequestOptions = {}): Promise<Uint8Array> {
    return this.send(path, options, async r => new Uint8Array(await r.arrayBuffer()));
  }

  private url(path: string, query?: RequestOptions['query']): string {
    const u = new URL(path.startsWith('/') ? `${this.baseUrl}${path}` : `${this.baseUrl}/api/v1/${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** one request and its body read under the same timeout and signal; `read` runs only on a 2xx answer */
  private async send<T>(path: string, options: RequestOptions, read: (response: Response) => Promise<T>): Promise<T> {
    const method = options.method ?? 'GET';
    const url = this.url(path, options.query);
    const what = options.subject ?? path;
    const attempts = RETRIED.has(method) ? this.retries + 1 : 1;
    let lastError: HubError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await delay(this.retryDelayMs * 2 ** (attempt - 1), options.signal);
      if (options.signal?.aborted) throw new HubError(`Cancelled: ${what}.`, 'cancelled');
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      let response: Response | undefined;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            accept: 'application/json',
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(this.authorization ? { authorization: this.authorization } : {}),
          },
          body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
          signal,
        });
        if (response.ok) return await read(response);
      } catch (err) {
        if (options.signal?.aborted) throw new HubError(`Cancelled: ${what}.`, 'cancelled');
        lastError = timeout.aborted
          ? new HubError(
              `${this.baseUrl} did not answer ${what} within ${Math.round(this.timeoutMs / 1000)} s${response ? ' (it began to answer, then stalled)' : ''}. ${
                RETRIED.has(method)
                  ? 'The server may be overloaded; try again, or raise the timeout.'
                  : 'The change may still have been made: refresh before trying again.'
              }`,
              'timeout',
            )
          : connectionError(this.baseUrl, err, !!response);
        continue;
      }
      const failure = await httpError(this.baseUrl, method, what, response);
      if (RETRIED.has(method) && [502, 503, 504].includes(response.status)) {
        lastError = failure;
        continue;
      }
      throw failure;
    }
    throw lastError ?? new HubError(`${what}: no answer from ${this.baseUrl}.`, 'unreachable');
  }
}

export function normalizeBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new HubError(`"${url}" is not a server address: polyaxonHub.server takes a URL such as https://polyaxon.example.com.`, 'invalid');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HubError(`"${url}" is not an http(s) address.`, 'invalid');
  return `${u.origin}${u.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
}

/** what to do about missing or refused credentials, in the extension and in the CLI */
const SIGN_IN =
  'Sign in with a valid API token: in VS Code run "Polyaxon: Sign In to Server"; for polyaxon-hub, run `polyaxon login` or set POLYAXON_AUTH_TOKEN.';

function connectionError(baseUrl: string, err: unknown, midAnswer: boolean): HubError {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? '';
  if (midAnswer) {
    return new HubError(
      `${baseUrl} broke off its answer (${code || cause?.message || (err as Error)?.message || 'connection closed'}). The server may be restarting; try again.`,
      'unreachable',
    );
  }
  if (code === 'ECONNREFUSED') {
    return new HubError(
      `Nothing is listening at ${baseUrl} (connection refused). Is the Polyaxon server running, and is polyaxonHub.server right?`,
      'unreachable',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new HubError(`The server name in ${baseUrl} does not resolve (${code}). Check polyaxonHub.server and your network.`, 'unreachable');
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return new HubError(`${baseUrl} closed the connection (${code}). The server may be restarting; try again.`, 'unreachable');
  }
  if (/CERT|SSL|TLS/i.test(code)) return new HubError(`The TLS certificate of ${baseUrl} is not trusted (${code}).`, 'unreachable');
  return new HubError(`Cannot reach ${baseUrl}: ${cause?.message ?? (err as Error)?.message ?? String(err)}.`, 'unreachable');
}

async function httpError(baseUrl: string, method: string, what: string, response: Response): Promise<HubError> {
  const body = await response.text().catch(() => '');
  const detail = serverDetail(body);
  const s = response.status;
  if (s === 401) {
    return new HubError(`${baseUrl} needs you to sign in (401${detail ? `: ${detail}` : ''}). ${SIGN_IN}`, 'unauthenticated');
  }
  if (s === 403) {
    return /invalid (username|token)|credentials/i.test(detail)
      ? new HubError(`${baseUrl} refused your credentials (${detail}). ${SIGN_IN}`, 'unauthenticated')
      : new HubError(`You may not do this on ${baseUrl}: ${what}${detail ? ` (${detail})` : ''}. Ask an admin of the server for access.`, 'denied');
  }
  if (s === 404) return new HubError(`Not found on ${baseUrl}: ${what}. It may have been deleted or renamed.`, 'not-found');
  if (s === 409) {
    return new HubError(`${what} changed on ${baseUrl} meanwhile or already exists${detail ? ` (${detail})` : ''}. Refresh and try again.`, 'conflict');
  }
  if (s === 400) {
    const exists = /already exists|unique/i.test(detail);
    return new HubError(`${baseUrl} refused ${what}: ${detail || 'bad request'}.`, exists ? 'conflict' : 'refused');
  }
  // haupt answers an internal error on a write through its HTML error page, which only takes GET: a bare 405
  if (s === 405 && method !== 'GET' && /text\/html/.test(response.headers.get('content-type') ?? '')) {
    return new HubError(
      `${baseUrl} failed on ${what} (an internal error its error page reports as 405). Nothing was changed by that request; its log says why.`,
      'server-error',
    );
  }
  if (s === 429) return new HubError(`${baseUrl} is throttling requests (429). Wait a moment and try again.`, 'busy');
  if (s >= 500) {
    return new HubError(
      `${baseUrl} failed on ${what} (${s}${detail ? `: ${detail}` : ''}). Try again; if it persists, the server's log says why.`,
      s === 502 || s === 503 || s === 504 ? 'unavailable' : 'server-error',
    );
  }
  return new HubError(`${baseUrl} answered ${what} with ${s}${detail ? `: ${detail}` : ''}.`, 'refused');
}

/** Django REST framework errors: {"detail": …}, {"field": ["…"]} or ["…"]. */
function serverDetail(body: string): string {
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === 'string') return parsed;
    if (Array.isArray(parsed)) return parsed.map(String).join('; ');
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      if (typeof o.detail === 'string') return o.detail;
      return Object.entries(o)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join('; ');
    }
  } catch {
    /* not JSON */
  }
  return /<html/i.test(body) ? '' : preview(body);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new HubError('Cancelled.', 'cancelled'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new HubError('Cancelled.', 'cancelled'));
      },
      { once: true },
    );
  });
}
