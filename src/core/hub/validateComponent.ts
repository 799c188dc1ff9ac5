// A component or operation file judged as the hub judges it: the validator, with its references checked against
// the store as a user may see it. Apart from publishing (which hashes content), so checking a file loads no more.
import { refResolver } from './refs';
import { validatePolyaxonYaml } from './validator';
import type { RefKind, ValidationResult } from './validator/problems';
import type { Database } from '../model';

/**
 * Validates `content` as a component file, with references checked against `db` as `viewer` may see it.
 * `onRef` learns of every reference the file asks about (a caller can tell whether the store matters).
 */
export function validateComponent(
  db: Database | undefined,
  viewer: string,
  content: string,
  fileName?: string,
  onRef?: (ref: { kind: RefKind; value: string }) => void,
): ValidationResult {
  const resolve = refResolver(db, viewer, fileName);
  return validatePolyaxonYaml(content, {
    fileName,
    resolveRef: onRef
      ? ref => {
          onRef(ref);
          return resolve(ref);
        }
      : resolve,
  });
}

/**
 * The verdict on `content` that needs no store, and whether the store could change it: a file that names a
 * hubRef is checked against the store (a missing one is a warning); any other file is judged on its own, with
 * no user asked for either.
 */
export function validateWithoutStore(content: string, fileName?: string): { result: ValidationResult; needsStore: boolean } {
  let needsStore = false;
  const result = validateComponent(undefined, '', content, fileName, ref => {
    if (ref.kind === 'hubRef') needsStore = true;
  });
  return { result, needsStore };
}
