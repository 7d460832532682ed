// Workshop keys: space plays and pauses, arrows step event by event, [ and ] jump between markers.
import type { Player } from './player.ts';

export function bindKeys(player: Player, on: { togglePlay(): void; changed(): void }): void {
  addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
    if (e.key === ' ') { e.preventDefault(); on.togglePlay(); return; }
    if (e.key === 'ArrowRight') player.stepEvent(1);
    else if (e.key === 'ArrowLeft') player.stepEvent(-1);
    else if (e.key === ']') player.jumpMarker(1);
    else if (e.key === '[') player.jumpMarker(-1);
    else return;
    e.preventDefault();
    player.playing = false;
    on.changed();
  });
}
