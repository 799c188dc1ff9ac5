// A page's long lists (an org's 10,000 projects, 1,000 members) arrive a page of rows at a time (the host keeps
// the counts: src/host/pagedList.ts), with a "Show more" button under them while rows are left.

/** "Show more (9,800 more)": the button names what is left, not what the next click adds. */
export function showMoreLabel(hidden: number): string {
  return `Show more (${hidden.toLocaleString('en-US')} more)`;
}
