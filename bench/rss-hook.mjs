// Preloaded into a benchmarked process (node --import): writes the process's peak resident set
// size (KiB, from getrusage) to $HCISIM_RSS_FILE when it exits, so the benchmark reads the peak of
// exactly one run.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.HCISIM_RSS_FILE) writeFileSync(process.env.HCISIM_RSS_FILE, String(process.resourceUsage().maxRSS));
});
