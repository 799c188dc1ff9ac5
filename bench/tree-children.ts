// tree_children_10k_ms: the children of the Projects node of an org with 10,000 projects and 1,000 members, through
// the real Organizations tree provider code (src/features/orgs/organizationsTree.ts, with a stand-in for the `vscode`
// module, which only exists inside VS Code) over the real file store. Baseline, same run: the core's own read of
// those projects (`hub.projects.list`), so the ratio is what the tree adds on top.
// Runs in `npm run bench`, or alone after it built: `node out/bench/tree-children.js`.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { openHub } from '../src/core/client';
import { emptyDatabase, type Database } from '../src/core/model';
import { JsonFileStore } from '../src/core/store/jsonFileStore';
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OrganizationsTree, GroupItem } = require('../src/features/orgs/organizationsTree') as typeof import('../src/features/orgs/organizationsTree');
  const session = { hub, onDidChange: () => ({ dispose() {} }) };
  const tree = new OrganizationsTree(session as never);
  const projectsNode = new GroupItem('big', 'projects', PROJECTS, (await hub.orgs.get('big')).actions);

  const first = process.hrtime.bigint();
  const children = await tree.getChildren(projectsNode);
  if (children.length !== PROJECTS) throw new Error(`expected ${PROJECTS} children, got ${children.length}`);
  // far over the goal, one more round says enough (seven would keep `npm run bench` busy for minutes)
  const rounds = Number(process.hrtime.bigint() - first) / 1e6 > 1000 ? 1 : 7;
  const value = await time(() => tree.getChildren(projectsNode), rounds);
  const baseline = await time(() => hub.projects.list('big'), rounds);
  tree.dispose();
  store.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    name: 'tree_children_10k_ms',
    value,
    baseline,
    baselineName: 'hub.projects.list alone',
    unit: 'ms',
    goal: { max: 50 },
    note: `children of Projects in an org of ${PROJECTS} projects and ${MEMBERS} members, median of ${rounds}; the store file is read and parsed on every call`,
  };
}

if (require.main === module) void bench().then(r => console.log(JSON.stringify(r)));
