// Tidy checks on sim/ (TigerBeetle's tidy.zig habit): the rules every file keeps, checked by test
// rather than by review. sim/ outside the CLI is pure, deterministic TypeScript that runs in Node,
// worker threads and a browser's Web Worker; its layers point one way, with no import cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = 'sim';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = files(SIM).sort();
const text = new Map(sources.map((f) => [f, readFileSync(f, 'utf8')]));
/** The layer of a file: its directory under sim/, or the file itself at the top. */
const layer = (file: string) => relative(SIM, file).split('/')[0].replace(/\.ts$/, '');

function imports(file: string): string[] {
  const found: string[] = [];
  for (const m of text.get(file)!.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)) {
    if (m[1].startsWith('.')) found.push(normalize(join(dirname(file), m[1])));
  }
  return found;
}

/** What each layer may import besides itself (the rest of sim/ is above it). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  platforms: [],
  events: ['core'],
  model: ['core', 'events', 'platforms'],
  placement: ['core', 'events', 'model', 'platforms'],
  storage: ['core', 'events', 'model', 'platforms', 'scenario'],
};

describe('sim/ is tidy', () => {
  it('uses no wall clock, no Math.random and no Node built-in outside the CLI', () => {
    for (const file of sources) {
      if (layer(file) === 'cli') continue;
      const src = text.get(file)!;
      expect(src, file).not.toMatch(/Math\.random\(|Date\.now\(|performance\.now\(|new Date\(/);
      expect(src, file).not.toMatch(/from 'node:/);
    }
  });

  it('keeps its lower layers free of the layers above them', () => {
    for (const file of sources) {
      const allowed = ALLOWED[layer(file)];
      if (allowed === undefined) continue;
      for (const target of imports(file)) {
        const to = layer(target);
        if (to !== layer(file)) expect(allowed, `${file} imports ${target}`).toContain(to);
      }
    }
  });

  it('has no import cycle', () => {
    const graph = new Map(sources.map((f) => [f, imports(f).filter((t) => text.has(t))]));
    expect(graph.get(join(SIM, 'simulation.ts'))).toContain(join(SIM, 'core', 'engine.ts'));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f)!) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of sources) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
