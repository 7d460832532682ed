// The header's controls: the scenario picker, the dropped file, the knobs form, the speed menu.
import { KNOBS, PLATFORMS, type Knobs } from './knobs.ts';
import { SPEEDS } from './player.ts';
import { SHIPPED } from './scenarios.ts';
import { formatTime } from './views/format.ts';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export const DROPPED = '(dropped file)';

export function buildScenarioPicker(select: HTMLSelectElement): void {
  select.innerHTML = SHIPPED.map((s) => `<option value="${s.name}">${s.name}</option>`).join('');
}

export function setDroppedOption(select: HTMLSelectElement, fileName: string): void {
  let option = select.querySelector<HTMLOptionElement>(`option[value="${DROPPED}"]`);
  if (!option) {
    option = document.createElement('option');
    option.value = DROPPED;
    select.prepend(option);
  }
  option.textContent = fileName;
  select.value = DROPPED;
}

export function buildKnobs(form: HTMLFormElement, values: Knobs): void {
  form.innerHTML = KNOBS.map((k) => {
    const v = values[k.key] ?? '';
    const input = k.kind === 'platform'
      ? `<select name="${k.key}"><option value="">(file)</option>${PLATFORMS.map((p) => `<option${p === v ? ' selected' : ''}>${p}</option>`).join('')}</select>`
      : `<input name="${k.key}" value="${v}" placeholder="(file)" ${k.kind === 'number' ? 'inputmode="decimal"' : ''}>`;
    return `<label for="knob-${k.key}">${k.label}</label>${input.replace('name=', `id="knob-${k.key}" name=`)}`;
  }).join('');
}

export function readKnobs(form: HTMLFormElement): Knobs {
  const data = new FormData(form);
  const knobs: Knobs = {};
  for (const k of KNOBS) {
    const v = data.get(k.key);
    if (typeof v === 'string' && v.trim() !== '') knobs[k.key] = v.trim();
  }
  return knobs;
}

export function buildSpeeds(select: HTMLSelectElement): void {
  select.innerHTML = SPEEDS.map((s) => `<option value="${s}">${formatTime(s)}/s</option>`).join('');
}

/** Calls `onFile` with a file dropped anywhere on the page or chosen with the picker. */
export function onScenarioFile(input: HTMLInputElement, zone: HTMLElement, onFile: (text: string, name: string) => void): void {
  const read = (file: File | undefined) => file && void file.text().then((text) => onFile(text, file.name));
  input.addEventListener('change', () => read(input.files?.[0]));
  document.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  document.addEventListener('dragleave', () => zone.classList.remove('over'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    read(e.dataTransfer?.files[0]);
  });
}

export function showProgress(element: HTMLElement, fraction: number | undefined, text: string): void {
  element.classList.toggle('indeterminate', fraction === undefined);
  (element.firstElementChild as HTMLElement).style.width = `${Math.round((fraction ?? 0) * 100)}%`;
  element.setAttribute('aria-valuenow', String(Math.round((fraction ?? 0) * 100)));
  element.querySelector('span')!.textContent = text;
}
