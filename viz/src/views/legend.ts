// The legend: every colour the map and the timeline use, from the same palette.
import { DISK_COLOR, HEALTH_COLOR, HOST_COLOR, MARKER_COLOR, VM_COLOR } from './colors.ts';

const item = (color: string, label: string, outline = false) =>
  `<div class="row"><i style="${outline ? `border:2px solid ${color}` : `background:${color}`}"></i>${label}</div>`;

export function renderLegend(element: HTMLElement): void {
  element.innerHTML = [
    '<h4>VMs (area = memory)</h4>',
    ...Object.entries(VM_COLOR).map(([k, c]) => item(c, k)),
    '<h4>Hosts (border)</h4>',
    ...Object.entries(HOST_COLOR).map(([k, c]) => item(c, k, true)),
    '<h4>Volume (VM corner mark)</h4>',
    ...Object.entries(HEALTH_COLOR).filter(([k]) => k !== 'healthy').map(([k, c]) => item(c, k)),
    '<h4>Disks (card bottom row)</h4>',
    item(DISK_COLOR.ok, 'in service'), item(DISK_COLOR.target, 'copy job writing'), item(DISK_COLOR.failed, 'failed'),
    '<h4>Timeline markers</h4>',
    ...Object.entries(MARKER_COLOR).map(([k, c]) => item(c, k)),
    '<div class="row">arc + dot: a live migration and its progress</div>',
  ].join('');
}
