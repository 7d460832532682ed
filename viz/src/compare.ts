// The compared run: the same scenario and knobs on another platform, replayed on the main run's
// clock beside it. It has its own replay, state and map; the main Player's time drives it.
import { parse } from 'yaml';
import type { Summary } from '../../sim/summary.ts';
import type { Override } from '../../sim/scenario/load.ts';
import type { RunOutcome } from '../../sim/worker/protocol.ts';
import { Player } from './player.ts';
import { Replay } from './replay/replay.ts';
import { ClusterMap } from './views/cluster-map.ts';

export class ComparePane {
  readonly player = new Player();
  readonly map: ClusterMap;
  summary: Summary | undefined;
  traceHash: string | undefined;
  platform = '';

  constructor(canvas: HTMLCanvasElement) {
    this.map = new ClusterMap(canvas);
  }

  get active(): boolean {
    return this.summary !== undefined;
  }

  start(platform: string): Replay {
    const replay = new Replay();
    this.player.load(replay);
    this.platform = platform;
    this.summary = undefined;
    this.traceHash = undefined;
    return replay;
  }

  clear(): void {
    this.summary = undefined;
    this.player.replay = undefined;
  }

  finish(outcome: RunOutcome): void {
    if (outcome.kind !== 'done' || !this.player.replay) return;
    this.summary = outcome.summary;
    this.traceHash = outcome.traceHash;
    this.player.endT = this.player.replay.endT;
  }

  /** Draws the compared run at the main run's time (its last state once it has ended). */
  draw(t: number): void {
    const replay = this.player.replay;
    if (!replay) return;
    this.player.seek(t);
    this.map.draw(this.player.state, replay, t);
  }
}

/** Each platform's own storage (the default by platform in sim/scenario/parameter-schema.ts). */
const NATIVE_STORAGE: Record<string, string> = { vsphere: 'vsan', harvester: 'longhorn', openstack: 'ceph', baremetal: 'local' };

/**
 * The main run's overrides with the platform replaced by the compared one. Storage that belongs to
 * one platform (vSAN, Longhorn, Ceph) becomes the compared platform's own, as a migration between
 * them would; local and external storage exist on every platform and stay.
 */
export function withPlatform(overrides: readonly Override[], platform: string, text: string): Override[] {
  const out = overrides.filter((o) => o.path !== 'platform' && o.path !== 'storage.kind');
  out.push({ path: 'platform', value: platform });
  const kind = storageKindOf(text);
  if (kind !== undefined && Object.values(NATIVE_STORAGE).includes(kind) && kind !== 'local') out.push({ path: 'storage.kind', value: NATIVE_STORAGE[platform] });
  return out;
}

function storageKindOf(text: string): string | undefined {
  try {
    const doc = parse(text) as { storage?: { kind?: unknown } } | null;
    return typeof doc?.storage?.kind === 'string' ? doc.storage.kind : undefined;
  } catch {
    return undefined;
  }
}
