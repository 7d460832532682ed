// `npm run report -- FILE [--seed N] [--out report.html]`: runs a scenario and writes the
// single-file HTML report (needs dist/index.html: `npm run build`). Prints bytes per event.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadScenarioText, formatProblem } from '../../sim/scenario/load.ts';
import { createSimulation } from '../../sim/simulation.ts';
import { guideOf } from '../src/guide.ts';
import { reportHtml } from './embed.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = process.argv[2];
if (!file || file.startsWith('--')) {
  console.error('usage: npm run report -- FILE [--seed N] [--out report.html]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const loaded = loadScenarioText(text, file);
if (!loaded.ok) {
  for (const p of loaded.problems) console.error(formatProblem(file, p));
  process.exit(2);
}
const seed = arg('seed');
const sim = createSimulation(loaded.scenario, seed === undefined ? {} : { seed: Number(seed) });
const lines: string[] = [];
sim.subscribe((_e, line) => lines.push(line));
sim.finish();
const viewer = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
const out = arg('out') ?? 'report.html';
const { html, traceBytes } = reportHtml(viewer, lines, { summary: sim.summary(), traceHash: sim.traceHash(), fileName: file, guide: guideOf(text) });
writeFileSync(out, html);
console.log(`${out}: ${html.length.toLocaleString('en')} bytes, ${lines.length.toLocaleString('en')} events, trace ${traceBytes.toLocaleString('en')} bytes (${(traceBytes / lines.length).toFixed(1)} bytes per event), viewer ${viewer.length.toLocaleString('en')} bytes, trace ${sim.traceHash()}`);
