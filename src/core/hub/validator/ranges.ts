// Offsets → 0-based line/column. The line table is built only when the first problem needs it, so a
// clean file (the common case while typing) pays nothing for it.
import type { Position, Range } from './problems';

export class LineIndex {
  private starts?: number[];
  constructor(private readonly text: string) {}

  private table(): number[] {
    if (!this.starts) {
      const starts = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  position(offset: number): Position {
    const starts = this.table();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}
