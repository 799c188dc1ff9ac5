// The peak RSS of the running process, for the bench's memory rows.
import * as fs from 'node:fs';

/**
 * This process's peak RSS in kB: on Linux VmHWM of /proc/self/status, the peak of this program alone (getrusage's
 * maxRSS also counts the forked copy of the parent before exec: the bench's own size, when that is larger).
 */
export function peakRssKb(): number {
  try {
    return Number(/VmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}
