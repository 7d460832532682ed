// How the CLI fails. A user mistake (missing or unreadable file, bad scenario, bad flag value,
// unknown command) exits 2 with a message and no stack trace: it is the user's to fix. Anything
// else is a bug in hcisim and exits 1 with a short message; the stack only with HCISIM_DEBUG=1.

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;

/** A mistake the user can fix; `lines` are printed to stderr as they are (one line usually). */
export class UserError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const list = typeof lines === 'string' ? [lines] : lines;
    super(list.join('\n'));
    this.name = 'UserError';
    this.lines = list;
  }
}

/** Prints `error` the way its kind asks and returns the exit code. */
export function reportError(error: unknown, writeErr: (text: string) => void, env: NodeJS.ProcessEnv): number {
  if (error instanceof UserError) {
    for (const line of error.lines) writeErr(line + '\n');
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0];
  if (env.HCISIM_DEBUG === '1' && error instanceof Error && error.stack) {
    writeErr(`hcisim: internal error: ${first}\n${error.stack}\n`);
  } else {
    writeErr(`hcisim: internal error: ${first} (HCISIM_DEBUG=1 shows the stack trace)\n`);
  }
  return EXIT_INTERNAL;
}

/** `ENOENT` and friends as words. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
