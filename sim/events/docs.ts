// docs/events.md from the catalogue: each event type, when it is emitted, and its fields with their
// types and meanings (test/events/catalogue.test.ts keeps the committed file current).
import { z } from 'zod';
import { EVENT_CATALOGUE, type EventType } from './catalogue.ts';

const HEADER = `# Trace events

Generated from \`sim/events/catalogue.ts\` (regenerate: \`UPDATE_DOCS=1 npx vitest run test/events\`).

Every line of \`events.jsonl\` is one event: \`{"t": seconds, "type": "...", ...fields}\`, in time order.
Inside the simulator time is integer milliseconds (\`t\` in ms); the file writes seconds. Fields whose
name ends in \`Ms\` are milliseconds, \`Bytes\` bytes, \`BytesPerSec\` bytes per second, \`GiB\`/\`TiB\`
binary units, \`Gbps\` decimal gigabits per second. A field marked optional may be absent.
`;

export function eventsMarkdown(): string {
  const types = (Object.keys(EVENT_CATALOGUE) as EventType[]).sort();
  const sections = types.map((type) => section(type));
  return [HEADER, `${types.length} event types.`, '', ...sections].join('\n');
}

function section(type: EventType): string {
  const { when, fields } = EVENT_CATALOGUE[type];
  const rows = Object.entries(fields.shape).map(([name, schema]) => {
    const s = schema as z.ZodType;
    const optional = s.safeParse(undefined).success;
    return `| \`${name}\` | ${typeName(s)}${optional ? ' (optional)' : ''} | ${describe(s)} |`;
  });
  const table = rows.length === 0 ? ['No fields.'] : ['| field | type | meaning |', '|---|---|---|', ...rows];
  return [`## \`${type}\``, '', when[0].toUpperCase() + when.slice(1) + '.', '', ...table, ''].join('\n');
}

function describe(s: z.ZodType): string {
  return (s.description ?? unwrap(s).description ?? '').replace(/\|/g, '\\|');
}

function unwrap(s: z.ZodType): z.ZodType {
  return s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s;
}

/** A short TypeScript-like name of a field's type. */
function typeName(schema: z.ZodType): string {
  const s = unwrap(schema);
  if (s instanceof z.ZodString) return 'string';
  if (s instanceof z.ZodNumber) return s.format === 'safeint' || s.isInt ? 'integer' : 'number';
  if (s instanceof z.ZodBoolean) return 'boolean';
  if (s instanceof z.ZodLiteral) return s.values.size === 1 ? JSON.stringify([...s.values][0]) : 'literal';
  if (s instanceof z.ZodEnum) return s.options.map((o) => `\`${String(o)}\``).join(' \\| ');
  if (s instanceof z.ZodArray) return `${typeName(s.element as z.ZodType)}[]`;
  if (s instanceof z.ZodObject) return `{ ${Object.entries(s.shape).map(([k, v]) => `${k}: ${typeName(v as z.ZodType)}`).join(', ')} }`;
  return 'value';
}
