// A page's long lists (an org's 10,000 projects, a team's 1,000 members) go to the webview a page at a time: the host
// keeps how many rows of each list the user asked for (as the tree does, treePaging.ts) and sends only those, so a
// redraw neither serialises nor lays out rows nobody asked to see.
import { HubError } from '../core/client';
import type { PagedList } from '../protocol/page';
import { firstRows, ShownCounts } from './treePaging';

/** How many rows of each of a page's lists are shown, and those rows. One per page panel. */
export class PagedLists<Id extends string> {
  private readonly shown = new ShownCounts();

  constructor(private readonly ids: readonly Id[]) {}

  /** the first rows of `items` that list `id` shows, and the whole count */
  page<T>(id: Id, items: readonly T[]): PagedList<T> {
    return { rows: firstRows(items, this.shown.of(id)).rows, total: items.length };
  }

  /** one page more of list `id` (a name the page does not have is refused, not remembered) */
  more(id: string): void {
    if (!this.ids.includes(id as Id)) throw new HubError(`This page has no list "${id}".`);
    this.shown.more(id);
  }
}
