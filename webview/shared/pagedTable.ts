// A long list as a table of the rows the host sent and, while rows are left, a "Show more (N more)" button under
// it that asks the host for the next 200. Shared by the org, team and project pages.
import type { PagedList } from '../../src/protocol/page';
import { showMoreLabel } from './pagedRows';
import { button, el, table } from './ui';

/**
 * The table has the list's id; the button is named `<id>-more` for redraw.ts, so it keeps the keyboard focus
 * across the redraw the host's answer brings, while its label counts down.
 */
export function pagedTable<T>(id: string, headers: string[], list: PagedList<T>, row: (item: T) => (Node | string)[], showMore: () => void): (Node | string)[] {
  const hidden = list.total - list.rows.length;
  const more = hidden > 0 ? [el('div', { class: 'toolbar' }, button(showMoreLabel(hidden), showMore, { id: `${id}-more`, appearance: 'secondary' }))] : [];
  return [table(headers, list.rows.map(row), id), ...more];
}
