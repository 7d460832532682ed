// One palette for the map, the timeline and the legend, so a colour means the same thing everywhere.
import type { Health, HostStatus, VmState } from '../replay/state.ts';
import type { MarkerKind } from '../replay/markers.ts';

export const VM_COLOR: Record<VmState, string> = {
  up: '#4caf7a', migrating: '#3b82f6', booting: '#f2c14e', down: '#e0474c', stopped: '#9b7bb8', unplaced: '#c8ccd4',
};
export const HOST_COLOR: Record<HostStatus, string> = { up: '#5a6478', draining: '#e8912d', maintenance: '#3b82f6', failed: '#e0474c' };
export const HEALTH_COLOR: Record<Health, string> = { healthy: '#4caf7a', degraded: '#e8912d', inaccessible: '#e0474c', lost: '#111' };
export const MARKER_COLOR: Record<MarkerKind, string> = { maintenance: '#3b82f6', failure: '#e0474c', rebuild: '#8e6bd1', stall: '#e8912d' };
export const DISK_COLOR = { ok: '#b8c0cc', failed: '#e0474c', target: '#8e6bd1' };
export const ARC_COLOR = '#3b82f6';
