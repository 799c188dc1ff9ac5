// tree_children_10k_ms: the children of the Projects node of an org with 10,000 projects and 1,000 members, through
// the real Organizations tree provider code (src/features/orgs/organizationsTree.ts, with a stand-in for the `vscode`
// module, which only exists inside VS Code) over the real file store: a page of 200 and a "Show more…" row. Every call
// reads the whole store file again; the store parses it again only when its bytes differ from the last parse
// (JsonFileStore.read), so the figure is a tree refresh over an unchanged store. The note gives the refresh right
// after another process changed the store (bytes differ: a full parse), which no reuse can avoid.
// Baseline, same run: a bare JSON.parse(readFileSync) of the store file, what every read cost before.
// Runs in `npm run bench`, or alone after it built: `node out/bench/tree-children.js`.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { openHub } from '../src/core/client';
import { emptyDatabase, type Database } from '../src/core/model';
import { JsonFileStore } from '../src/core/store/jsonFileStore';
import { TREE_PAGE } from '../src/host/treePaging';
import type { Row } from './row';

const T = '2026-01-01T00:00:00.000Z';
const PROJECTS = 10_000;
const MEMBERS = 1_000;

function largeOrg(): Database {
  const db = emptyDatabase();
  db.users.push({ username: 'owner', createdAt: T });
  db.orgs.push({
    name: 'big',
    description: 'A large organization',
    isPublic: false,
    createdBy: 'owner',
    createdAt: T,
    updatedAt: T,
    members: [{ user: 'owner', role: 'owner' }, ...Array.from({ length: MEMBERS - 1 }, (_, i) => ({ user: `user${i}`, role: 'member' as const }))],
  });
  for (let i = 0; i < PROJECTS; i++) {
    db.projects.push({
      org: 'big',
      name: `project${i}`,
      description: 'A project with a description of ordinary length.',
      tags: ['vision'],
      readme: '',
      isPublic: false,
      teams: [],
      members: [],
      connections: [],
      createdBy: 'owner',
      createdAt: T,
      updatedAt: T,
    });
  }
  return db;
}

/** Just enough of the `vscode` API for tree items and a tree provider to run in plain Node. */
function vscodeStandIn() {
  class EventEmitter<T> {
    private listeners: ((e: T) => void)[] = [];
    event = (l: (e: T) => void) => {
      this.listeners.push(l);
      return {
        dispose: () => {
          this.listeners = this.listeners.filter(x => x !== l);
        },
      };
    };
    fire(e: T) {
      for (const l of this.listeners) l(e);
    }
    dispose() {
      this.listeners = [];
    }
  }
  class TreeItem {
    constructor(
      readonly label: string,
      readonly collapsibleState?: number,
    ) {}
  }
  class ThemeIcon {
    constructor(readonly id: string) {}
  }
  class MarkdownString {
    constructor(public value = '') {}
    appendText(t: string) {
      this.value += t;
      return this;
    }
    appendMarkdown(t: string) {
      this.value += t;
      return this;
    }
  }
  return {
    EventEmitter,
    TreeItem,
    ThemeIcon,
    MarkdownString,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    commands: { executeCommand: async () => undefined },
    window: { showErrorMessage: async () => undefined },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(run: () => Promise<unknown>, rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

export async function bench(): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-bench-'));
  const store = new JsonFileStore(path.join(dir, 'polyaxon-hub.json'));
  await store.mutate(db => {
    Object.assign(db, largeOrg());
  });
  const hub = openHub(store, { username: 'owner' } as Parameters<typeof openHub>[1]);

  const standIn = vscodeStandIn();
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const load = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : load.call(this, request, ...rest);
  };
  // required after the stand-in is in place: the bundle initialises the tree module (and its `vscode` import) here
  const { OrganizationsTree, GroupItem, MoreItem } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../src/features/orgs/organizationsTree') as typeof import('../src/features/orgs/organizationsTree');
  const session = { hub, onDidChange: () => ({ dispose() {} }) };
  const tree = new OrganizationsTree(session as never);
  const projectsNode = new GroupItem('big', 'projects', PROJECTS, (await hub.orgs.get('big')).actions);

  const children = await tree.getChildren(projectsNode);
  const last = children[children.length - 1];
  if (children.length !== TREE_PAGE + 1 || !(last instanceof MoreItem)) {
    throw new Error(`expected ${TREE_PAGE} projects and a "Show more…" row, got ${children.length} children`);
  }
  const rounds = 31;
  const file = store.location;
  // every call reads the store file again; only the parse of identical bytes is reused between rounds
  const treeMs: number[] = [];
  const bareMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // alternate, so the machine's load hits both alike
    const ours = async () => treeMs.push(await time(() => tree.getChildren(projectsNode), 1));
    const bare = async () => bareMs.push(await time(async () => JSON.parse(fs.readFileSync(file, 'utf8')), 1));
    if (r % 2) {
      await bare();
      await ours();
    } else {
      await ours();
      await bare();
    }
  }
  const value = median(treeMs);
  const baseline = median(bareMs);
  // another process's write: the org's description changed in place at the same size (only the bytes tell), then a refresh
  const text = fs.readFileSync(file, 'utf8');
  const afterChangeMs: number[] = [];
  for (let r = 0; r < 5; r++) {
    fs.writeFileSync(file, text.replace('"A large organization"', `"A large organizatio${r}"`));
    afterChangeMs.push(await time(() => tree.getChildren(projectsNode), 1));
  }
  const afterChange = median(afterChangeMs);
  const all = await time(() => hub.projects.list('big'), 3);
  tree.showMore(last);
  const twoPages = await time(() => tree.getChildren(projectsNode), 3);
  tree.dispose();
  store.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    id: 'tree_children_10k_ms',
    name: 'children of a tree node with 10,000 children (Projects of a large org) through the Organizations tree provider',
    value,
    baseline,
    baselineName: 'JSON.parse(readFileSync) of the store',
    unit: 'ms',
    goal: { max: 50 },
    note:
      `an org of ${PROJECTS} projects and ${MEMBERS} members; the node shows ${TREE_PAGE} projects and "Show more…"; median of ${rounds} ` +
      `(min ${Math.min(...treeMs).toFixed(1)}, max ${Math.max(...treeMs).toFixed(1)} ms; baseline min ${Math.min(...bareMs).toFixed(1)}, ` +
      `max ${Math.max(...bareMs).toFixed(1)} ms), the store file read on every call and parsed only when its bytes changed; ` +
      `right after another process changed the file (parsed again), median of 5: ${afterChange.toFixed(1)} ms; ` +
      `after one "Show more…" (${2 * TREE_PAGE} rows): ${twoPages.toFixed(1)} ms; hub.projects.list of all ${PROJECTS}: ${all.toFixed(1)} ms`,
  };
}

if (require.main === module) void bench().then(r => console.log(JSON.stringify(r)));
