// The process entry of `hcisim` (bin/hcisim.js imports this): wires the program to the real
// stdout, stderr and environment and sets the exit code. The exit code is set rather than forced
// with process.exit, so buffered output to a pipe is flushed before Node exits.
import { main } from './program.ts';

// `hcisim schema | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(
  process.argv.slice(2),
  {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stderr: process.stderr,
    pid: process.pid,
  },
  process.env,
);
