// The one door into the core for every face: `openHub(store, actor)` and the types it speaks.
export { openHub, type HubOptions } from './localHub';
export type * from './types';
// the errors a face tells apart, and the reference helpers every face formats and parses with
export { HubError } from '../errors';
export { InvalidComponentError } from '../hub/publish';
export { keyRef, type VersionKey } from '../hub/components';
export { parseComponentRef, parseHubRef, parseOrgRef } from '../names';
// how the CLI prints validation results (the editor shows them as diagnostics)
export { formatProblems } from '../hub/validator';
// the role names, for pickers and page dropdowns (values: faces cannot take them from the model)
export { ORG_ROLES, PROJECT_ROLES } from '../model';
// why a picker has no org to offer: the same refusal the core gives in each (the CLI prints it from check)
export { refusalInOrgs } from '../access';
