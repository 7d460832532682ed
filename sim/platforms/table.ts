// The parameters reference (docs/parameters.md), generated from the profiles so the document can
// never drift from the code: one row per parameter leaf, the four defaults side by side, and
// where each comes from.
import { PLATFORMS } from './parameters.ts';
import { PROFILES, leafPaths, valueAt } from './index.ts';
import type { CostParameters } from './cost-parameters.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function formatValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `\`${value}\``;
  return String(value);
}

function sourcesCell(path: string): string {
  return PROFILES.map((p) => `**${p.name}**: ${p.sources[path] ?? '(missing)'}`).join('<br>');
}

export function parametersMarkdown(): string {
  const paths = leafPaths(PROFILES[0].defaults);
  const header = [
    '# Platform parameters',
    '',
    'Generated from `sim/platforms/*.ts` by `parametersMarkdown()` (sim/platforms/table.ts); do not edit.',
    'Regenerate with `UPDATE_DOCS=1 npx vitest run test/platforms/table.test.ts`.',
    'A scenario may override any of these under the same path. Markers: [code] read in the',
    "project's source, [doc] official docs, [blog] practitioner blog, [unverified] weak or no",
    'source, [assumption: why] a modelling choice. "platform-facts §x" is',
    '`shared/reference/platform-facts.md`.',
    '',
    `| parameter | ${PLATFORMS.join(' | ')} | sources |`,
    `|---|${PLATFORMS.map(() => '---').join('|')}|---|`,
  ];
  const rows = paths.map((path) => {
    const values = PROFILES.map((p) => cell(formatValue(valueAt(p.defaults, path))));
    return `| \`${path}\` | ${values.join(' | ')} | ${cell(sourcesCell(path))} |`;
  });
  return [...header, ...rows, '', costParametersMarkdown()].join('\n');
}

/** The cost inputs of `hcisim cost` (sim/platforms/costs.ts), as a second table under `cost.<platform>.`. */
export function costParametersMarkdown(): string {
  const names = Object.keys(PROFILES[0].cost.defaults).sort() as (keyof CostParameters)[];
  const rows = names.map((name) => {
    const values = PROFILES.map((p) => cell(formatValue(p.cost.defaults[name])));
    const sources = PROFILES.map((p) => `**${p.name}**: ${p.cost.sources[name]}`).join('<br>');
    return `| \`cost.<platform>.${name}\` | ${values.join(' | ')} | ${cell(sources)} |`;
  });
  return [
    '## Cost inputs',
    '',
    'Read by `hcisim cost` only (not simulated). A scenario overrides them per platform, e.g.',
    '`cost: { vsphere: { licenceModel: perCore } }`. Hardware is not priced: the same servers run every platform.',
    '',
    `| parameter | ${PLATFORMS.join(' | ')} | sources |`,
    `|---|${PLATFORMS.map(() => '---').join('|')}|---|`,
    ...rows,
    '',
  ].join('\n');
}
