// Old import path of `subjectOf`, kept for the host tests that still import it (test/host/treeMenus.test.ts); remove with them.
export { subjectOf } from '../host/subject';
