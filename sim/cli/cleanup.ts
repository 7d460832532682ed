// Temporary files and interruptions. Results are written to `.NAME.PID.tmp` and renamed into place
// when complete (output.ts, sweep-output.ts), so a half-written file never looks finished. Ctrl-C or
// a `kill` while a run writes would still leave the temporary behind; so each one is registered
// here while it exists, and SIGINT, SIGTERM or SIGHUP removes them before the process dies of the
// signal as it would have (the exit status still says which signal). A process killed with SIGKILL
// cannot clean up: its leftovers are swept by the next run into the directory, once their PID is
// no longer alive.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const pending = new Set<string>();

function onSignal(signal: NodeJS.Signals): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Removes `path` if a signal ends the process; the returned function forgets it (written or removed). */
export function removeOnSignal(path: string): () => void {
  if (pending.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  pending.add(path);
  return () => {
    if (!pending.delete(path) || pending.size > 0) return;
    for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}

/** The temporaries hcisim writes: `.events.jsonl.PID.tmp`, `.sweep.csv.PID.tmp`, `.sweep-part-1-of-4.json.PID.tmp`, ... */
const TEMP_NAME = /^\.(?:events\.jsonl|summary\.json|sweep\.json|sweep\.csv|sweep-part-\d+-of-\d+\.json)\.(\d+)\.tmp$/;

/** Removes the temporaries in `dir` left by processes that no longer run; returns their names. */
export function sweepStaleTemps(dir: string, alive: (pid: number) => boolean = pidAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const pid = Number(TEMP_NAME.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Signal 0 tests for a process without touching it: ESRCH means there is none (EPERM: another user's). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
