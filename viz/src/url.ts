// The URL fragment holds what a presenter shares: the scenario, the seed, the replay position and
// speed, whether to play on load, and every knob that is set. Parsing ignores what it does not know.
import { KNOBS, type KnobKey, type Knobs } from './knobs.ts';

export interface ViewState {
  scenario?: string;
  t?: number;
  speed?: number;
  play?: boolean;
  compare?: string;
  knobs: Knobs;
}

const KNOB_KEYS = new Set<string>(KNOBS.map((k) => k.key));

export function parseFragment(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: ViewState = { knobs: {} };
  const num = (v: string | null) => (v !== null && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  for (const [key, value] of params) {
    if (key === 'scenario') state.scenario = value;
    else if (key === 't') state.t = num(value);
    else if (key === 'speed') state.speed = num(value);
    else if (key === 'play') state.play = value === '1' || value === 'true';
    else if (key === 'compare') state.compare = value;
    else if (KNOB_KEYS.has(key)) state.knobs[key as KnobKey] = value;
  }
  return state;
}

export function formatFragment(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.scenario) params.set('scenario', state.scenario);
  for (const k of KNOBS) {
    const v = state.knobs[k.key];
    if (v !== undefined && v.trim() !== '') params.set(k.key, v.trim());
  }
  if (state.t !== undefined) params.set('t', String(Math.round(state.t * 1000) / 1000));
  if (state.speed !== undefined) params.set('speed', String(state.speed));
  if (state.play) params.set('play', '1');
  if (state.compare) params.set('compare', state.compare);
  return `#${params.toString()}`;
}
