// The timeline (SVG, d3): markers on top (maintenance, failures, rebuild waves, stalls), then one
// lane per series (migrations and copy jobs in flight, degraded and inaccessible volumes, VMs down,
// hosts out, memory and vCPU use), binned to pixels, and a cursor at the replay time. Clicking or
// dragging seeks; the wheel zooms into a window of the run, a double click shows it whole.
import * as d3 from 'd3';
import type { Marker } from '../replay/markers.ts';
import type { Replay } from '../replay/replay.ts';
import type { Counts } from '../replay/state.ts';
import { binSeries } from './bins.ts';
import { MARKER_COLOR } from './colors.ts';
import { formatTime } from './format.ts';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

export const LANES: { key: keyof Counts | ((c: Counts) => number); label: string; color: string }[] = [
  { key: 'migrations', label: 'migrations in flight', color: '#3b82f6' },
  { key: 'rebuilds', label: 'copy jobs in flight', color: '#8e6bd1' },
  { key: 'degraded', label: 'degraded volumes', color: '#e8912d' },
  { key: 'inaccessible', label: 'inaccessible volumes', color: '#e0474c' },
  { key: 'vmsDown', label: 'VMs down', color: '#a3262b' },
  { key: 'hostsOut', label: 'hosts out', color: '#5a6478' },
  { key: (c) => percent(c.memoryUsedGiB, c.memoryCapacityGiB), label: 'memory allocated %', color: '#2f8f83' },
  { key: (c) => percent(c.vcpus, c.cores), label: 'vCPU per core %', color: '#7a8f2f' },
];

const LEFT = 160, AXIS = 18, MARKS = 16, LANE = 24;

export interface TimelineEvents {
  seek(t: number): void;
  hover(marker: Marker | undefined, x: number, y: number): void;
  /** The window changed: the cursor must be placed again. */
  redraw?(): void;
}

export class Timeline {
  private svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private x = d3.scaleLinear();
  private cursor: d3.Selection<SVGLineElement, unknown, null, undefined> | undefined;
  /** The window shown, [from, to] in s; undefined: the whole run. The wheel zooms, a double click resets. */
  private window: [number, number] | undefined;
  private last: { replay: Replay; endT: number; other?: Replay } | undefined;

  constructor(element: SVGSVGElement, private on: TimelineEvents) {
    this.svg = d3.select(element);
    element.addEventListener('wheel', (e) => this.zoom(e), { passive: false });
    element.addEventListener('dblclick', () => { this.window = undefined; this.rerender(); });
  }

  private zoom(e: WheelEvent): void {
    if (!this.last) return;
    e.preventDefault();
    const end = Math.max(this.last.endT, 1);
    const [from, to] = this.window ?? [0, end];
    const at = Math.min(to, Math.max(from, this.x.invert(e.offsetX)));
    const k = Math.exp(e.deltaY * 0.002);
    const span = Math.min(end, Math.max(end / 5000, (to - from) * k));
    let a = at - (at - from) * (span / (to - from));
    a = Math.min(Math.max(0, a), end - span);
    this.window = span >= end ? undefined : [a, a + span];
    this.rerender();
  }

  private rerender(): void {
    if (this.last) this.render(this.last.replay, this.last.endT, this.last.other);
    this.on.redraw?.();
  }

  /** Draws everything but the cursor; called as batches arrive and when the run ends. */
  render(replay: Replay, endT: number, other?: Replay): void {
    if (this.last?.replay !== replay) this.window = undefined;
    this.last = { replay, endT, other };
    const [from, to] = this.window ?? [0, Math.max(endT, 1)];
    const width = (this.svg.node()?.clientWidth ?? 800) || 800;
    const height = AXIS + MARKS + LANES.length * LANE + 4;
    this.svg.attr('height', height).selectAll('*').remove();
    this.x = d3.scaleLinear().domain([from, to]).range([LEFT, width - 12]);
    const x = this.x;
    this.svg.append('g').attr('transform', `translate(0,${AXIS - 2})`).call(
      d3.axisTop(x).ticks(Math.max(2, Math.floor(width / 110))).tickFormat((v) => formatTime(Number(v))).tickSizeOuter(0),
    ).attr('font-size', 10);
    this.drawMarkers(replay.markers.filter((m) => m.t >= from && m.t <= to));
    const bins = Math.max(1, Math.floor(width - 12 - LEFT));
    LANES.forEach((lane, i) => this.drawLane(replay, lane, i, bins, [from, to], other));
    this.cursor = this.svg.append('line').attr('y1', AXIS).attr('y2', height).attr('stroke', '#111').attr('stroke-width', 1.5);
    this.svg.append('rect').attr('x', LEFT).attr('y', AXIS + MARKS).attr('width', width - 12 - LEFT).attr('height', height - AXIS - MARKS)
      .attr('fill', 'transparent').style('cursor', 'ew-resize')
      .call(d3.drag<SVGRectElement, unknown>().on('start drag', (ev: d3.D3DragEvent<SVGRectElement, unknown, unknown>) => this.on.seek(Math.max(0, x.invert(ev.x)))));
  }

  private drawMarkers(markers: readonly Marker[]): void {
    const g = this.svg.append('g').attr('class', 'markers');
    g.selectAll('rect').data(markers).join('rect')
      .attr('x', (m) => this.x(m.t) - 1.5).attr('y', AXIS).attr('width', 3).attr('height', MARKS - 3)
      .attr('fill', (m) => MARKER_COLOR[m.kind]).style('cursor', 'pointer')
      .on('mouseenter', (ev: MouseEvent, m) => this.on.hover(m, ev.clientX, ev.clientY))
      .on('mouseleave', (ev: MouseEvent) => this.on.hover(undefined, ev.clientX, ev.clientY))
      .on('click', (_ev, m) => this.on.seek(m.t));
  }

  /** One series as an area; with a compared run, that run's series as a dark line on the same scale. */
  private drawLane(replay: Replay, lane: (typeof LANES)[number], i: number, bins: number, [from, to]: [number, number], other?: Replay): void {
    const top = AXIS + MARKS + i * LANE;
    const values = binSeries(replay.series, lane.key, to, bins, from);
    const otherValues = other ? binSeries(other.series, lane.key, to, bins, from) : undefined;
    const max = Math.max(1, ...values, ...(otherValues ?? []));
    const y = d3.scaleLinear().domain([0, max]).range([top + LANE - 2, top + 3]);
    const g = this.svg.append('g');
    g.append('line').attr('x1', LEFT).attr('x2', this.x.range()[1]).attr('y1', top + LANE - 1.5).attr('y2', top + LANE - 1.5).attr('stroke', '#e3e5ea');
    const peak = Math.max(0, ...values);
    g.append('text').attr('x', 8).attr('y', top + LANE - 8).attr('font-size', 11).attr('fill', lane.color).text(lane.label)
      .append('tspan').attr('fill', '#889').attr('font-size', 9).text(otherValues ? ` ≤${peak} / ${Math.max(0, ...otherValues)}` : ` ≤${peak}`);
    const area = d3.area<number>().x((_v, b) => LEFT + b + 0.5).y0(top + LANE - 2).y1((v) => y(v)).curve(d3.curveStepAfter);
    g.append('path').attr('d', area(values)).attr('fill', lane.color).attr('fill-opacity', 0.75);
    if (otherValues) {
      const line = d3.line<number>().x((_v, b) => LEFT + b + 0.5).y((v) => y(v)).curve(d3.curveStepAfter);
      g.append('path').attr('d', line(otherValues)).attr('fill', 'none').attr('stroke', '#1d2430').attr('stroke-width', 1.2).attr('class', 'compare-line');
    }
  }

  moveCursor(t: number): void {
    const [from, to] = this.x.domain();
    const x = this.x(t);
    this.cursor?.attr('x1', x).attr('x2', x).attr('visibility', t >= from && t <= to ? 'visible' : 'hidden');
  }
}
