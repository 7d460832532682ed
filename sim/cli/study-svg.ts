// The chart of `hcisim study overhead --svg FILE`: two panels over the CPU tax, usable cores (with
// bare metal's as a dashed line) and the hosts the workload needs beyond bare metal's. Plain SVG
// text, no DOM: a file any browser or document opens.
import type { StudyReport } from './study-format.ts';

const PANEL_W = 360, PANEL_H = 260, MARGIN = { left: 56, right: 16, top: 36, bottom: 44 };

interface Series {
  title: string;
  points: { x: number; y: number }[];
  /** A dashed reference level, labelled. */
  reference?: { y: number; label: string };
}

export function studySvg(report: StudyReport): string {
  const withHosts = report.rows.filter((r) => r.extraHostsVsBareMetal !== null);
  const panels: Series[] = [
    {
      title: 'usable cores',
      points: report.rows.map((r) => ({ x: r.cpuTaxPercent, y: r.usableCores })),
      reference: { y: report.bareMetal.usableCores, label: 'bare metal' },
    },
    { title: 'hosts needed beyond bare metal', points: withHosts.map((r) => ({ x: r.cpuTaxPercent, y: r.extraHostsVsBareMetal! })) },
  ];
  const body = panels.map((p, i) => panel(p, i * PANEL_W)).join('\n');
  const title = escape(`${report.scenario} (${report.platform}): the CPU tax`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PANEL_W * 2}" height="${PANEL_H + 24}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="16" font-size="13" font-weight="bold">${title}</text>`,
    `<g transform="translate(0,24)">`,
    body,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n');
}

function panel(s: Series, offsetX: number): string {
  const w = PANEL_W - MARGIN.left - MARGIN.right, h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const xs = s.points.map((p) => p.x);
  const ys = [...s.points.map((p) => p.y), ...(s.reference ? [s.reference.y] : []), 0];
  const [x0, x1] = [Math.min(...xs, 0), Math.max(...xs, 1)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys) === Math.min(...ys) ? Math.min(...ys) + 1 : Math.max(...ys)];
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * w;
  const sy = (y: number) => MARGIN.top + h - ((y - y0) / (y1 - y0)) * h;
  const out = [`<g transform="translate(${offsetX},0)">`, `<text x="${MARGIN.left}" y="20" font-weight="bold">${escape(s.title)}</text>`];
  out.push(`<line x1="${MARGIN.left}" y1="${sy(y0)}" x2="${MARGIN.left + w}" y2="${sy(y0)}" stroke="#444"/>`);
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + h}" stroke="#444"/>`);
  for (const x of xs) out.push(`<text x="${sx(x).toFixed(1)}" y="${MARGIN.top + h + 16}" text-anchor="middle">${x}%</text>`);
  out.push(`<text x="${MARGIN.left + w / 2}" y="${MARGIN.top + h + 34}" text-anchor="middle">CPU tax</text>`);
  for (const y of ticks(y0, y1)) out.push(`<text x="${MARGIN.left - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end">${y}</text>`);
  if (s.reference) {
    const y = sy(s.reference.y).toFixed(1);
    out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + w}" y2="${y}" stroke="#888" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${MARGIN.left + w}" y="${(Number(y) - 4).toFixed(1)}" text-anchor="end" fill="#666">${escape(s.reference.label)}</text>`);
  }
  const path = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
  if (path !== '') out.push(`<path d="${path}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
  for (const p of s.points) out.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="#1f77b4"><title>${p.x}%: ${p.y}</title></circle>`);
  out.push('</g>');
  return out.join('\n');
}

/** About five round tick values from lo to hi. */
function ticks(lo: number, hi: number): number[] {
  const step = niceStep((hi - lo) / 5);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
