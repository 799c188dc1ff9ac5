// Polyaxon's JSON (snake_case, nullable everywhere) read defensively: a field of the wrong type is a clear
// 'malformed' HubError naming the record, never an undefined that surfaces three screens later.
import { HubError } from '../../errors';

export type Json = Record<string, unknown>;

export class Wire {
  constructor(private readonly server: string) {}

  record(value: unknown, what: string): Json {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw this.malformed(what, 'is not an object');
    return value as Json;
  }

  str(o: Json, key: string, what: string): string {
    const v = o[key];
    if (typeof v !== 'string' || v === '') throw this.malformed(what, `has no "${key}"`);
    return v;
  }

  optStr(o: Json, key: string): string | undefined {
    const v = o[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  strings(o: Json, key: string): string[] {
    const v = o[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  dict(o: Json, key: string): Json {
    const v = o[key];
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
  }

  num(o: Json, key: string): number | undefined {
    const v = o[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  list(o: Json, key: string): unknown[] {
    const v = o[key];
    return Array.isArray(v) ? v : [];
  }

  malformed(what: string, problem: string): HubError {
    return new HubError(
      `${this.server} sent a malformed ${what}: it ${problem}. The server may be a different Polyaxon version than this extension supports (2.x).`,
      'malformed',
    );
  }
}
