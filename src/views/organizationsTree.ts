// Old import path of the Organizations tree, kept for the host tests that still import it (test/host/treeMenus.test.ts); remove with them.
export { OrganizationsTree, type OrganizationsNode } from '../features/orgs/organizationsTree';
