// Long lists in a tree (an org's 10,000 projects, 1,000 members) show a page of rows and a "Show more…" row, as
// VS Code's own views and the big extensions do: VS Code renders every child it is given, so 10,000 tree items
// would stall the view, and building them costs more than the data they show.

/** How many rows of a long list a tree shows at first, and how many each "Show more…" adds. */
export const TREE_PAGE = 200;

/** How many rows of each long list (by the id of the node that holds it) the user has asked to see. */
export class ShownCounts {
  private readonly shown = new Map<string, number>();

  of(listId: string): number {
    return this.shown.get(listId) ?? TREE_PAGE;
  }

  /** one page more of that list; returns the new count */
  more(listId: string): number {
    const next = this.of(listId) + TREE_PAGE;
    this.shown.set(listId, next);
    return next;
  }
}

/** The rows to show of a list: the first `shown`, and how many are left behind the "Show more…" row. */
export function firstRows<T>(items: readonly T[], shown: number): { rows: T[]; hidden: number } {
  return { rows: items.slice(0, shown), hidden: Math.max(0, items.length - shown) };
}
