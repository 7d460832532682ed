// The cluster map on a canvas (SVG cannot redraw 10,000 VM blocks 30 times a second): host cards
// bordered by status, their VMs as squares whose area is proportional to memory, coloured by
// state, a corner mark for a volume that is not healthy, a disk row, and each migration in flight
// as an arc from source to target with a dot at its progress. Each frame records where it drew
// what host held which VMs, so the tooltip packs only the card under the pointer again.
import type { Replay } from '../replay/replay.ts';
import type { ReplayState } from '../replay/state.ts';
import { diskKey } from '../replay/state.ts';
import { ARC_COLOR, DISK_COLOR, HEALTH_COLOR, HOST_COLOR, VM_COLOR } from './colors.ts';
import { layoutMap, type HostCard, type MapLayout, type Rect } from './layout.ts';

export interface Hit extends Rect {
  kind: 'vm' | 'host' | 'disk';
  id: string;
  disk?: number;
}

export class ClusterMap {
  private ctx: CanvasRenderingContext2D;
  private layout: MapLayout | undefined;
  /** The VMs on each host in the last frame, for the tooltip. */
  private onHost = new Map<string, VmBox[]>();
  private size = { w: 0, h: 0 };

  constructor(private canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d', { alpha: false })!;
  }

  /** Lays the cards out again for the canvas's current size. */
  resize(state: ReplayState): void {
    const ratio = window.devicePixelRatio || 1;
    const { clientWidth: w, clientHeight: h } = this.canvas;
    this.canvas.width = Math.round(w * ratio);
    this.canvas.height = Math.round(h * ratio);
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.size = { w, h };
    this.layout = layoutMap(state.cluster, w, h);
  }

  draw(state: ReplayState, replay: Replay, t: number): void {
    if (!this.layout || this.layout.cards.length !== state.cluster.hosts.length) this.resize(state);
    const layout = this.layout!;
    const ctx = this.ctx;
    ctx.fillStyle = '#f4f5f7';
    ctx.fillRect(0, 0, this.size.w, this.size.h);
    ctx.fillStyle = '#667';
    ctx.font = '11px system-ui, sans-serif';
    for (const r of layout.racks) ctx.fillText(`rack ${r.name}`, r.x, r.y);
    const onHost = new Map<string, VmBox[]>();
    for (const vm of state.cluster.vms) {
      const host = state.vmHost.get(vm.id);
      if (host === undefined) continue;
      const list = onHost.get(host);
      if (list) list.push(vm);
      else onHost.set(host, [vm]);
    }
    const targets = new Set([...state.copyJobs.values()].map((j) => diskKey(j.to, j.disk)));
    // One path per colour, filled once: a fill per VM block is what made 10,000 VMs slow to draw.
    const paths = new Map<string, Path2D>();
    for (const card of layout.cards) this.drawCard(card, state, onHost.get(card.id) ?? [], targets, layout, paths);
    for (const [key, path] of paths) {
      ctx.fillStyle = key.split('|')[0];
      ctx.fill(path);
    }
    this.onHost = onHost;
    this.drawArcs(state, replay, t, layout);
  }

  private drawCard(card: HostCard, state: ReplayState, vms: readonly VmBox[], targets: Set<string>, layout: MapLayout, paths: Map<string, Path2D>): void {
    const ctx = this.ctx;
    const status = state.hosts.get(card.id) ?? 'up';
    ctx.fillStyle = status === 'maintenance' ? '#e6eefc' : status === 'failed' ? '#fbe4e4' : '#fff';
    ctx.fillRect(card.x, card.y, card.w, card.h);
    ctx.strokeStyle = HOST_COLOR[status];
    ctx.lineWidth = status === 'up' ? 1 : 2.5;
    ctx.strokeRect(card.x + 0.5, card.y + 0.5, card.w - 1, card.h - 1);
    if (layout.header > 0) {
      ctx.fillStyle = '#1d2430';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(status === 'up' ? card.id : `${card.id} · ${status}`, card.x + 4, card.y + 11, card.w - 8);
    }
    const body = bodyOf(card, layout);
    this.drawVms(body, card.memoryGiB, vms, state, paths);
    if (layout.diskRow > 0) this.drawDisks(card, body.y + body.h + (card.w > 30 ? 3 : 1), layout.diskRow, state, targets);
  }

  private drawVms(body: Rect, hostMemoryGiB: number, vms: readonly VmBox[], state: ReplayState, paths: Map<string, Path2D>): void {
    if (tooSmallForBlocks(body, hostMemoryGiB, vms)) return drawMemoryBar(body, hostMemoryGiB, vms, state, paths);
    packVms(body, hostMemoryGiB, vms, (vm, x, y, side) => {
      pathFor(paths, VM_COLOR[state.vmState.get(vm.id) ?? 'unplaced']).rect(x, y, side, side);
      const health = state.volumes.get(vm.id);
      if (health !== undefined && health !== 'healthy' && side >= 4) {
        const m = Math.max(3, side * 0.45);
        const mark = pathFor(paths, HEALTH_COLOR[health] + '|mark');
        mark.moveTo(x + side - m, y); mark.lineTo(x + side, y); mark.lineTo(x + side, y + m); mark.closePath();
      }
    });
  }

  private drawDisks(card: HostCard, y: number, h: number, state: ReplayState, targets: Set<string>): void {
    const w = (card.w - 6) / Math.max(1, card.disks);
    for (let d = 0; d < card.disks; d++) {
      const key = diskKey(card.id, d);
      this.ctx.fillStyle = state.failedDisks.has(key) ? DISK_COLOR.failed : targets.has(key) ? DISK_COLOR.target : DISK_COLOR.ok;
      const x = card.x + 3 + d * w;
      this.ctx.fillRect(x, y, Math.max(1, w - 1), h);
    }
  }

  private drawArcs(state: ReplayState, replay: Replay, t: number, layout: MapLayout): void {
    const ctx = this.ctx;
    ctx.lineWidth = 1.5;
    for (const m of state.migrations.values()) {
      const a = layout.byId.get(m.from), b = layout.byId.get(m.to);
      if (!a || !b) continue;
      const [x1, y1, x2, y2] = [a.x + a.w / 2, a.y + a.h / 2, b.x + b.w / 2, b.y + b.h / 2];
      // Bend to the left of the direction of travel, so a pair migrating both ways shows two arcs.
      const cx = (x1 + x2) / 2 - (y2 - y1) * 0.25, cy = (y1 + y2) / 2 + (x2 - x1) * 0.25;
      ctx.strokeStyle = ARC_COLOR + '88';
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.quadraticCurveTo(cx, cy, x2, y2); ctx.stroke();
      const end = replay.migrationEnds.get(m.startIndex) ?? t + 1;
      const p = Math.min(1, Math.max(0, (t - m.startT) / Math.max(1e-9, end - m.startT)));
      const q = 1 - p;
      ctx.fillStyle = ARC_COLOR;
      ctx.beginPath();
      ctx.arc(q * q * x1 + 2 * q * p * cx + p * p * x2, q * q * y1 + 2 * q * p * cy + p * p * y2, 3.5, 0, Math.PI * 2);
      ctx.fill();
    }
  }

  /** What the last frame drew under (x, y): a VM, a disk or the host card, packed again for that card only. */
  hitAt(x: number, y: number): Hit | undefined {
    const layout = this.layout;
    const card = layout?.cards.find((c) => x >= c.x && x <= c.x + c.w && y >= c.y && y <= c.y + c.h);
    if (!layout || !card) return undefined;
    const body = bodyOf(card, layout);
    let hit: Hit | undefined;
    packVms(body, card.memoryGiB, this.onHost.get(card.id) ?? [], (vm, vx, vy, side) => {
      if (x >= vx && x <= vx + side && y >= vy && y <= vy + side) hit = { kind: 'vm', id: vm.id, x: vx, y: vy, w: side, h: side };
    });
    if (hit) return hit;
    const diskY = body.y + body.h;
    if (layout.diskRow > 0 && y >= diskY) {
      const disk = Math.floor((x - card.x - 3) / ((card.w - 6) / Math.max(1, card.disks)));
      if (disk >= 0 && disk < card.disks) return { kind: 'disk', id: card.id, disk, x, y: diskY, w: 1, h: layout.diskRow };
    }
    return { kind: 'host', id: card.id, x: card.x, y: card.y, w: card.w, h: card.h };
  }
}

interface VmBox { id: string; memoryGiB: number }

function pathFor(paths: Map<string, Path2D>, key: string): Path2D {
  let path = paths.get(key);
  if (!path) paths.set(key, (path = new Path2D()));
  return path;
}

function bodyOf(card: HostCard, layout: MapLayout): Rect {
  const pad = card.w > 30 ? 3 : 1;
  return { x: card.x + pad, y: card.y + layout.header + pad, w: card.w - 2 * pad, h: card.h - layout.header - layout.diskRow - 3 * pad };
}

/** Below this side in pixels a VM square is a dot no one can read (500 hosts on one screen). */
const BLOCK_SIDE_MIN = 3;

function tooSmallForBlocks(body: Rect, hostMemoryGiB: number, vms: readonly VmBox[]): boolean {
  if (vms.length === 0) return false;
  const unit = Math.sqrt((body.w * body.h * 0.8) / Math.max(1, hostMemoryGiB));
  const median = [...vms].sort((a, b) => a.memoryGiB - b.memoryGiB)[vms.length >> 1].memoryGiB;
  return unit * Math.sqrt(median) - 1 < BLOCK_SIDE_MIN;
}

/** The order of VM states along a memory bar, serving first. */
const BAR_ORDER = ['up', 'migrating', 'booting', 'stopped', 'down'] as const;
const HEALTH_RANK: Record<string, number> = { healthy: 0, degraded: 1, inaccessible: 2, lost: 3 };

/**
 * A card too small for VM blocks shows its host's memory as one bar: the share each VM state takes
 * of the host's memory, in BAR_ORDER, and a corner mark in the worst volume health among its VMs.
 */
function drawMemoryBar(body: Rect, hostMemoryGiB: number, vms: readonly VmBox[], state: ReplayState, paths: Map<string, Path2D>): void {
  const memory = new Map<string, number>();
  let worst = 'healthy';
  for (const vm of vms) {
    const s = state.vmState.get(vm.id) ?? 'unplaced';
    memory.set(s, (memory.get(s) ?? 0) + vm.memoryGiB);
    const health = state.volumes.get(vm.id) ?? 'healthy';
    if (HEALTH_RANK[health] > HEALTH_RANK[worst]) worst = health;
  }
  let x = body.x;
  const end = body.x + body.w;
  for (const s of [...BAR_ORDER, ...[...memory.keys()].filter((k) => !(BAR_ORDER as readonly string[]).includes(k))]) {
    const gib = memory.get(s);
    if (gib === undefined || x >= end) continue;
    const w = Math.min(end - x, Math.max(1, (body.w * gib) / Math.max(1, hostMemoryGiB)));
    pathFor(paths, VM_COLOR[s as keyof typeof VM_COLOR]).rect(x, body.y, w, body.h);
    x += w;
  }
  if (worst !== 'healthy') {
    const m = Math.min(body.h, 6);
    const mark = pathFor(paths, HEALTH_COLOR[worst as keyof typeof HEALTH_COLOR] + '|mark');
    mark.moveTo(end - m, body.y); mark.lineTo(end, body.y); mark.lineTo(end, body.y + m); mark.closePath();
  }
}

/** Shelf packing of squares with area proportional to memory: a full host roughly fills its body. */
function packVms(body: Rect, hostMemoryGiB: number, vms: readonly VmBox[], at: (vm: VmBox, x: number, y: number, side: number) => void): void {
  const unit = Math.sqrt((body.w * body.h * 0.8) / Math.max(1, hostMemoryGiB));
  let x = body.x, y = body.y, shelf = 0;
  for (const vm of vms) {
    const side = Math.max(1.5, unit * Math.sqrt(vm.memoryGiB) - 1);
    if (x + side > body.x + body.w && x > body.x) { x = body.x; y += shelf + 1; shelf = 0; }
    if (y + side > body.y + body.h + 0.5) break;
    at(vm, x, y, side);
    x += side + 1;
    shelf = Math.max(shelf, side);
  }
}
