// Django REST framework's limit/offset pages ({count, next, previous, results}): every page, or the first `limit`
// items. Offsets are computed here rather than following `next`, whose host is the one the server believes it has
// (wrong behind a proxy).
import { HubError } from '../../errors';
import type { PolyaxonHttp } from './http';

export const PAGE_SIZE = 100;

interface Page {
  count: number;
  results: unknown[];
}

export async function allPages(
  http: PolyaxonHttp,
  path: string,
  options: { query?: Record<string, string | number | undefined>; limit?: number; signal?: AbortSignal; subject?: string; pageSize?: number } = {},
): Promise<unknown[]> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const items: unknown[] = [];
  const wanted = options.limit ?? Infinity;
  for (let offset = 0; items.length < wanted;) {
    const limit = Math.min(pageSize, wanted - items.length);
    const page = await http.json<unknown>(path, { query: { ...options.query, limit, offset }, signal: options.signal, subject: options.subject });
    if (!isPage(page)) {
      throw new HubError(
        `${http.baseUrl} answered ${options.subject ?? path} without a list page ({count, results}). Is polyaxonHub.server a Polyaxon API?`,
        'malformed',
      );
    }
    items.push(...page.results);
    offset += page.results.length;
    if (page.results.length === 0 || offset >= page.count) break;
  }
  return items;
}

function isPage(value: unknown): value is Page {
  return !!value && typeof value === 'object' && Array.isArray((value as Page).results) && typeof (value as Page).count === 'number';
}
