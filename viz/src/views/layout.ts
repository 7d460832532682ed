// Where each host card goes: racks (when the scenario names them) as columns of cards, else one
// grid; the card size is the largest that fits every host in the view. d3 is not needed for a grid.
import type { ClusterInfo } from '../replay/state.ts';

export interface Rect { x: number; y: number; w: number; h: number }

export interface HostCard extends Rect {
  id: string;
  memoryGiB: number;
  disks: number;
  rack: string | undefined;
}

export interface MapLayout {
  cards: HostCard[];
  byId: Map<string, HostCard>;
  racks: { name: string; x: number; y: number }[];
  /** Card header and disk row heights (px); 0 where a card is too small for them. */
  header: number;
  diskRow: number;
}

const GAP = 6;
const RACK_LABEL = 16;

/** Rows each group needs with `cols` columns: each group (rack) starts a new row. */
const rowsFor = (groups: number[], cols: number) => groups.reduce((n, g) => n + Math.ceil(g / cols), 0);

/** Card width with `cols` columns: the largest 4:3 card that fits every group's rows in the box. */
function cardWidth(groups: number[], cols: number, w: number, h: number, labels: number): number {
  const rows = rowsFor(groups, cols);
  return Math.min((w - GAP * (cols + 1)) / cols, ((h - labels - GAP * (rows + 1)) / rows) * (4 / 3));
}

export function layoutMap(cluster: ClusterInfo, width: number, height: number): MapLayout {
  const hosts = cluster.hosts;
  const rackNames = [...new Set(hosts.map((h) => h.rack).filter((r): r is string => r !== undefined))];
  const useRacks = rackNames.length > 1;
  const groups = useRacks ? rackNames.map((r) => hosts.filter((h) => h.rack === r)) : [hosts];
  const sizes = groups.map((g) => g.length);
  const labels = useRacks ? RACK_LABEL * groups.length : 0;
  let cols = 1;
  for (let c = 1; c <= Math.max(1, hosts.length); c++) if (cardWidth(sizes, c, width, height, labels) > cardWidth(sizes, cols, width, height, labels)) cols = c;
  const w = Math.max(4, (width - GAP * (cols + 1)) / cols);
  const h = Math.max(3, Math.min(w * 0.75, cardWidth(sizes, cols, width, height, labels) * 0.75));
  const cards: HostCard[] = [];
  const racks: MapLayout['racks'] = [];
  let y = GAP;
  groups.forEach((group, gi) => {
    if (useRacks) {
      racks.push({ name: rackNames[gi], x: GAP, y: y + RACK_LABEL - 4 });
      y += RACK_LABEL;
    }
    group.forEach((host, i) => {
      const x = GAP + (i % cols) * (w + GAP);
      cards.push({ id: host.id, x, y: y + Math.floor(i / cols) * (h + GAP), w, h, memoryGiB: host.memoryGiB, disks: host.disks.count, rack: host.rack });
    });
    y += Math.ceil(group.length / cols) * (h + GAP);
  });
  const header = h >= 40 ? 14 : 0;
  const diskRow = h >= 30 ? Math.min(10, Math.max(4, h * 0.1)) : 0;
  return { cards, byId: new Map(cards.map((c) => [c.id, c])), racks, header, diskRow };
}
