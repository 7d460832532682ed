// `volume.health` events carry every volume a set change moved alike; tests that follow one volume
// read them one volume at a time.
import type { TraceEvent } from '../../sim/core/trace.ts';

export interface VolumeHealthRecord {
  t: number;
  volume: string;
  health: string;
  from: string;
}

export function volumeHealth(events: readonly TraceEvent[]): VolumeHealthRecord[] {
  return events
    .filter((e) => e.type === 'volume.health')
    .flatMap((e) => (e.volumes as string[]).map((volume) => ({ t: e.t, volume, health: e.health as string, from: e.from as string })));
}
