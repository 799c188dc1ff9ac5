import { HubError } from './errors';

const SLUG = /^[-a-zA-Z0-9_]+$/;
export const MAX_NAME_LENGTH = 128;
const RESERVED = ['model', 'hub', 'component', 'team', 'org', 'project', 'run'];

/** Why `name` is not a valid slug for an org/team/project/model/component, or undefined when it is. */
export function slugProblem(name: string, what = 'name'): string | undefined {
  if (!name) return `The ${what} is empty.`;
  if (name.length > MAX_NAME_LENGTH) return `The ${what} has ${name.length} characters; at most ${MAX_NAME_LENGTH} are allowed.`;
  if (!SLUG.test(name)) return `The ${what} "${name}" may contain only letters, digits, "-" and "_".`;
  const lower = name.toLowerCase();
  if (RESERVED.some(r => lower === r || lower === `${r}s`)) return `"${name}" is a reserved word and cannot be used as a ${what}.`;
  return undefined;
}

export function assertSlug(name: string, what = 'name'): void {
  const problem = slugProblem(name, what);
  if (problem) throw new HubError(problem, 'invalid-name');
}
