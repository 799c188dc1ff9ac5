// The verdict must agree with Polyaxon's own `polyaxon check --lint` (SOURCES.tsv, column
// polyaxon_check) on every corpus file whose verdict does not depend on fetching other files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROBLEM_CODES, validatePolyaxonYaml } from '../../src/core/hub/validator';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');

interface Row {
  file: string;
  check: 'valid' | 'invalid' | 'yaml_error';
  refDependent: boolean;
  message: string;
}

function rows(dir: string): Row[] {
  const lines = fs
    .readFileSync(path.join(CORPUS, dir, 'SOURCES.tsv'), 'utf8')
    .trim()
    .split('\n');
  const head = lines[0].split('\t');
  const col = (name: string) => head.indexOf(name);
  return lines
    .slice(1)
    .map(l => l.split('\t'))
    .map(c => ({
      file: c[col('file')],
      check: c[col('polyaxon_check')] as Row['check'],
      refDependent: c[col('ref_dependent')] === 'yes',
      message: c[col('polyaxon_message')] ?? '',
    }));
}

for (const dir of ['components', 'operations']) {
  describe(`validator agrees with Polyaxon on corpus/${dir}`, function () {
    this.timeout(60_000); // a busy machine; speed is measured by `npm run bench`, not here
    const all = rows(dir);

    it('every file with ref_dependent = no', () => {
      const disagreements: string[] = [];
      let agree = 0;
      const judged = all.filter(r => !r.refDependent);
      for (const r of judged) {
        const res = validatePolyaxonYaml(fs.readFileSync(path.join(CORPUS, dir, r.file), 'utf8'), { fileName: path.join(CORPUS, dir, r.file) });
        let ok = r.check === 'valid' ? res.valid : !res.valid;
        if (r.check === 'yaml_error') ok = ok && res.problems.some(p => p.code === 'yaml-syntax' && p.severity === 'error');
        if (r.check !== 'valid') ok = ok && res.problems.every(p => p.message.length > 10 && p.range.start.line >= 0);
        for (const p of res.problems) assert.equal(PROBLEM_CODES[p.code]?.severity, p.severity, `${r.file}: code ${p.code}`);
        if (ok) agree++;
        else {
          disagreements.push(
            `${r.file}: Polyaxon says ${r.check} (${r.message.slice(0, 80)}); we say ${res.valid ? 'valid' : 'invalid'}: ${res.problems
              .filter(p => p.severity === 'error')
              .map(p => p.message)
              .join(' | ')}`,
          );
        }
      }
      console.log(`      ${dir}: agreement ${agree}/${judged.length}`);
      assert.deepEqual(disagreements, []);
      assert.ok(judged.length > 0);
    });

    it('files whose verdict depends on references: no throw, unresolvable references are warnings', () => {
      for (const r of all.filter(x => x.refDependent)) {
        const file = path.join(CORPUS, dir, r.file);
        const res = validatePolyaxonYaml(fs.readFileSync(file, 'utf8'), { fileName: file, resolveRef: () => 'missing' });
        for (const p of res.problems.filter(x => x.code.startsWith('reference-'))) assert.equal(p.severity, 'warning', `${r.file}: ${p.message}`);
        assert.ok(!res.problems.some(p => p.code === 'internal-error'), r.file);
      }
    });

    it('every rejected file gets an error with a message and a range', () => {
      for (const r of all.filter(x => x.check !== 'valid' && !x.refDependent)) {
        const res = validatePolyaxonYaml(fs.readFileSync(path.join(CORPUS, dir, r.file), 'utf8'));
        const errors = res.problems.filter(p => p.severity === 'error');
        assert.ok(errors.length > 0, r.file);
        for (const e of errors) {
          assert.ok(e.code && e.message.length > 10, `${r.file}: ${e.message}`);
          assert.ok(e.range.end.line > e.range.start.line || e.range.end.column >= e.range.start.column, r.file);
        }
      }
    });
  });
}
