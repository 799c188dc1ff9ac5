// Reads SQLite files (MLflow's `mlflow.db`) without a native module: sql.js, SQLite compiled to
// WebAssembly. Chosen because the extension host's Node may be 20 (`node:sqlite` needs 22.5+), a
// native addon (better-sqlite3) would have to match the host's Electron ABI on every platform, and
// sql.js is the well-kept, widely used WASM build of SQLite itself (same file-format reader). The
// file is read into memory and opened read-only in WASM memory, so the tool writing it is never
// locked or disturbed. The .wasm ships beside the bundle (esbuild.mjs copies it into dist/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

let engine: Promise<SqlJsStatic> | undefined;

/** Where sql-wasm.wasm is: beside the running bundle (dist/, out/), else in node_modules (unbundled). */
function wasmPath(): string {
  const candidates = [path.join(__dirname, 'sql-wasm.wasm')];
  try {
    candidates.push(require.resolve('sql.js/dist/sql-wasm.wasm'));
  } catch {
    /* bundled: no node_modules */
  }
  const found = candidates.find(c => fs.existsSync(c));
  if (!found) throw new Error(`sql-wasm.wasm (the SQLite engine) is missing; looked in ${candidates.join(', ')}`);
  return found;
}

function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs({ wasmBinary: fs.readFileSync(wasmPath()) as unknown as ArrayBuffer }).catch(e => {
    engine = undefined;
    throw e;
  });
  return engine;
}

export type Row = Record<string, string | number | null | Uint8Array>;

export interface SqliteFile {
  tables: Set<string>;
  all(sql: string, params?: (string | number)[]): Row[];
  close(): void;
}

export async function openSqlite(bytes: Uint8Array): Promise<SqliteFile> {
  const SQL = await sqlite();
  const db: Database = new SQL.Database(bytes);
  // exec returns all rows as arrays in one call: per-row step()/getAsObject() costs ~50 µs a row in WASM
  const all = (sql: string, params: (string | number)[] = []): Row[] => {
    const [result] = db.exec(sql, params);
    if (!result) return [];
    const { columns, values } = result;
    return values.map(v => {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]] = v[i] as Row[string];
      return row;
    });
  };
  try {
    const tables = new Set(all(`SELECT name FROM sqlite_master WHERE type = 'table'`).map(r => String(r.name)));
    return { tables, all, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Checks that the bytes are a whole SQLite file: the header's magic, and the page count in the header
 * (valid when its "version valid for" matches the change counter) against the size read — a file
 * caught mid-write by another process is shorter or longer than it says.
 */
export function sqliteShapeProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length < 100) return 'the file is shorter than a SQLite header';
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('latin1');
  if (magic !== 'SQLite format 3\0') return 'not a SQLite database';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPage = view.getUint16(16);
  const pageSize = rawPage === 1 ? 65536 : rawPage;
  const changeCounter = view.getUint32(24);
  const pages = view.getUint32(28);
  const validFor = view.getUint32(92);
  if (pages > 0 && validFor === changeCounter && pages * pageSize !== bytes.length) {
    return `the file holds ${bytes.length} bytes but its header says ${pages * pageSize} (being written?)`;
  }
  return undefined;
}
