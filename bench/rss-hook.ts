// Preloaded (`node --require out/bench/rss-hook.js …`) into the processes whose memory process.ts measures: at exit
// it writes the process's peak RSS (kB) to the file named in BENCH_RSS_FILE.
import * as fs from 'node:fs';
import { peakRssKb } from './peakRss';

process.on('exit', () => {
  try {
    fs.writeFileSync(process.env.BENCH_RSS_FILE!, String(peakRssKb()));
  } catch {
    /* no figure: the bench reports the file missing */
  }
});
