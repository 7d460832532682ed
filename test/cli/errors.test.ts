import { describe, it, expect } from 'vitest';
import { EXIT_INTERNAL, EXIT_USAGE, UserError, reportError } from '../../sim/cli/errors.ts';

function report(error: unknown, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const code = reportError(error, (s) => out.push(s), env);
  return { code, text: out.join('') };
}

describe('reportError', () => {
  it('prints a user mistake as it is and exits 2', () => {
    expect(report(new UserError('hcisim: cannot read x.yaml: no such file'))).toEqual({
      code: EXIT_USAGE,
      text: 'hcisim: cannot read x.yaml: no such file\n',
    });
  });

  it('prints an internal error in one short line without the stack and exits 1', () => {
    const { code, text } = report(new Error('boom\nsecond line'));
    expect(code).toBe(EXIT_INTERNAL);
    expect(text).toBe('hcisim: internal error: boom (HCISIM_DEBUG=1 shows the stack trace)\n');
  });

  it('adds the stack only when HCISIM_DEBUG=1', () => {
    const { text } = report(new Error('boom'), { HCISIM_DEBUG: '1' });
    expect(text).toMatch(/^hcisim: internal error: boom\nError: boom\n\s+at /);
  });
});
