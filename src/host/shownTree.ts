/** the key of the top level, which VS Code asks for with no node */
const TOP = '';
/** the signature of a list that could not be read: no list read matches it */
const FAILED = '\0failed';

interface ShownList<Node> {
  /** the very object VS Code asked with (undefined for the top level): the one to name when asking it again */
  node: Node | undefined;
  signature: string;
}

/**
 * What a tree view has been given, so that a change underneath refreshes only what changed.
 *
 * VS Code forgets every item of a tree refreshed from its top until it has read them again: a context menu opened
 * in that moment acts on nothing, and an expanded row can come back collapsed. A busy Polyaxon server changes
 * several times a minute, mostly in what no tree shows. So on a change, `check` reads again every list VS Code was
 * given, walking down from the top, compares each with what was shown, and asks VS Code again only for the topmost
 * lists that differ (the whole tree only when the top level itself differs). A list is named by the node it is
 * under, which is unchanged (its parent's list would differ otherwise), so VS Code's next ask reads it right.
 */
export class ShownTree<Node extends { id?: string }> {
  private readonly shown = new Map<string, ShownList<Node>>();
  private checking: Promise<void> | undefined;
  private checkAgain = false;

  constructor(
    /** reads the children of a node (the top level when undefined) afresh; throws when they cannot be read */
    private readonly read: (node: Node | undefined) => Promise<Node[]>,
    /** tells VS Code to ask again for a node's children (the whole tree when undefined) */
    private readonly fire: (node: Node | undefined) => void,
    /** drops what the tree keeps between refreshes, before a check reads */
    private readonly forget: () => void = () => {},
  ) {}

  /** The children to give VS Code for `node`, read afresh and recorded as shown. */
  async children(node: Node | undefined): Promise<Node[]> {
    const key = keyOf(node);
    // a node without an id cannot be found again after a refresh: its children are read, not recorded
    if (key === undefined) return this.read(node);
    let children: Node[];
    try {
      children = await this.read(node);
    } catch (error) {
      // shown as failed (an error, an empty tree): the next check reads it again, and refreshes it when it reads
      this.shown.set(key, { node, signature: FAILED });
      throw error;
    }
    this.shown.set(key, { node, signature: signatureOf(children) });
    return children;
  }

  /** Asks VS Code for the whole tree again, changed or not (what the user asked for). */
  refreshAll(): void {
    this.fire(undefined);
  }

  /** Asks VS Code for the children of `node` again (the very object it was given). */
  refresh(node: Node): void {
    this.fire(node);
  }

  /** Something changed underneath: refresh what it changed of what is shown. Checks run one at a time. */
  check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    this.checking = (async () => {
      try {
        do {
          this.checkAgain = false;
          await this.checkOnce();
        } while (this.checkAgain);
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    if (!this.shown.has(TOP)) return; // nothing shown yet: VS Code's first ask reads it all
    this.forget();
    const changed: (Node | undefined)[] = [];
    const visited = new Set<string>();
    const before = new Map(this.shown);
    // breadth first from the top, each level read with the fresh objects of the level above
    let level: [key: string, readWith: Node | undefined][] = [[TOP, undefined]];
    while (level.length) {
      const next: [string, Node | undefined][] = [];
      await Promise.all(
        level.map(async ([key, readWith]) => {
          visited.add(key);
          const shown = this.shown.get(key)!;
          let children: Node[] | undefined;
          try {
            children = await this.read(readWith);
          } catch {
            children = undefined; // cannot be read now (the server is down, a record vanished): VS Code asks and shows why
          }
          // unchanged, or asked for by VS Code meanwhile (that answer is newer than this read): look below it
          if (this.shown.get(key) !== shown || (children && signatureOf(children) === shown.signature)) {
            for (const child of children ?? []) if (child.id !== undefined && this.shown.has(child.id)) next.push([child.id, child]);
          } else {
            changed.push(shown.node);
          }
        }),
      );
      level = next;
    }
    // lists under a parent that is gone, or collapsed out of reach, are no longer shown; not those VS Code asked
    // for while this check ran (a level this walk had passed already)
    for (const [key, list] of before) if (!visited.has(key) && this.shown.get(key) === list) this.shown.delete(key);
    if (changed.includes(undefined)) this.fire(undefined);
    else for (const node of changed) this.fire(node);
  }
}

function keyOf(node: { id?: string } | undefined): string | undefined {
  return node === undefined ? TOP : node.id;
}

/** Everything a list of items shows and carries (labels, descriptions, menus, icons, the data behind them). */
function signatureOf(children: readonly { id?: string }[]): string {
  const items = new Set<unknown>(children);
  return JSON.stringify(children, function (this: unknown, _key, value: unknown) {
    // an item of the list inside an item (a command's argument) is named, not walked: it may be that item itself
    return this !== children && items.has(value) ? `item:${(value as { id?: string }).id}` : value;
  });
}
