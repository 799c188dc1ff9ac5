// Mocha root hooks of the fault suite (`mocha --require out/test/faults/helpers/rootHooks.js`): a case that
// reported no fault of its own still injected one (each case is a fault), and the totals go to the file
// named by FAULT_TALLY for scripts/test-faults.mjs to print as the suite's last line.
import * as fs from 'node:fs';
import { tally } from './tally';

let before = 0;
let passed = 0;
let failed = 0;

export const mochaHooks = {
  beforeEach(): void {
    before = tally().faults;
  },
  afterEach(this: Mocha.Context): void {
    if (tally().faults === before) tally().faults++;
    const state = this.currentTest?.state;
    if (state === 'passed') passed++;
    else if (state === 'failed') failed++;
  },
  afterAll(): void {
    const file = process.env.FAULT_TALLY;
    if (file) fs.writeFileSync(file, JSON.stringify({ ...tally(), passed, failed }));
  },
};
