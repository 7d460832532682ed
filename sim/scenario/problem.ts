// A problem found in a scenario file: where (a dotted field path and, when the file has a node
// there, its line and column) and what is wrong. The loader collects every problem rather than
// stopping at the first, so one run of `hcisim validate` shows all that needs fixing, in the
// `FILE:LINE:COL: path: message` form that editors and terminals link to.

export interface Problem {
  /** Dotted field path, such as `schedule.2.host` or `vms.0.memoryGiB`; '' for the whole file. */
  path: string;
  message: string;
  /** 1-based line and column of the offending node, or of its nearest existing parent. */
  line?: number;
  column?: number;
}

/**
 * `FILE:LINE:COL: path.to.field: what is wrong` (parts without a value are left out), always one
 * line: a key or value the file spells with a newline or a control character is escaped, and a
 * path or message longer than a screen is cut.
 */
export function formatProblem(file: string, p: Problem): string {
  const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
  const message = printable(p.message, MESSAGE_CHARS_MAX);
  return p.path === '' ? `${where}: ${message}` : `${where}: ${printable(p.path, PATH_CHARS_MAX)}: ${message}`;
}

const PATH_CHARS_MAX = 200;
const MESSAGE_CHARS_MAX = 400;

/** `text` with control and line-separator characters escaped, cut to `max` characters. */
export function printable(text: string, max: number): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/**
 * At most `max` lines, then `FILE: ... and 19,980 more`: a file with 20,000 mistakes gets an
 * answer a terminal can show, and its first lines are the first problems in file order.
 */
export function boundedLines(file: string, lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  const more = String(lines.length - max).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return [...lines.slice(0, max), `${file}: ... and ${more} more`];
}

/** Problems in file order (line, column), then by path, so output is stable and reads top-down. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** A dotted path from path segments. */
export function dotted(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/** A problem before it has a position: the loader looks `path` up in the file. */
export interface Finding {
  path: readonly (string | number)[];
  message: string;
  /** Point at the map key rather than its value (unknown fields). */
  target?: 'key' | 'value';
}
