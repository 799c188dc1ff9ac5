// The command table. Each domain adds its commands in its own file and one line here
// (e.g. `...REGISTRY_COMMANDS` from './registry', `...HUB_COMMANDS` from './hub').
import type { CommandSpec } from '../args';
import { AUDIT_COMMANDS } from './audit';
import { HUB_COMMANDS } from './hub';
import { MEMBER_COMMANDS, ORG_COMMANDS } from './org';
import { PROJECT_COMMANDS } from './project';
import { REGISTRY_COMMANDS } from './registry';
import { STORE_COMMANDS } from './store';
import { TEAM_COMMANDS } from './team';
import { VALIDATE_COMMANDS } from './validate';
import { USER_COMMANDS } from './whoami';

export const COMMANDS: CommandSpec[] = [
  ...ORG_COMMANDS,
  ...MEMBER_COMMANDS,
  ...TEAM_COMMANDS,
  ...PROJECT_COMMANDS,
  ...STORE_COMMANDS,
  ...USER_COMMANDS,
  ...AUDIT_COMMANDS,
  ...HUB_COMMANDS,
  ...REGISTRY_COMMANDS,
  ...VALIDATE_COMMANDS,
];
