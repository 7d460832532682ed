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

/** `FILE:LINE:COL: path.to.field: what is wrong` (parts without a value are left out). */
export function formatProblem(file: string, p: Problem): string {
  const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
  return p.path === '' ? `${where}: ${p.message}` : `${where}: ${p.path}: ${p.message}`;
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
