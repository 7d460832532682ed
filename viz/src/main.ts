// The replay page: pick or drop a scenario, set knobs, run it in the worker, then play, seek and
// explain the trace. State that a presenter shares lives in the URL fragment.
import './style.css';
import type { Summary } from '../../sim/summary.ts';
import type { RunOutcome } from '../../sim/worker/protocol.ts';
import { SimClient } from './client.ts';
import { ComparePane } from './compare.ts';
import { withPlatform } from './platform-swap.ts';
import { $, buildKnobs, buildScenarioPicker, buildSpeeds, DROPPED, onScenarioFile, readKnobs, setDroppedOption, showProgress } from './controls.ts';
import { overridesOf, seedOf } from './knobs.ts';
import { hasEmbeddedRun, readEmbeddedRun } from './embedded.ts';
import { bindKeys } from './keys.ts';
import { Player } from './player.ts';
import { Replay } from './replay/replay.ts';
import { DEFAULT_SCENARIO, SHIPPED } from './scenarios.ts';
import { formatFragment, parseFragment, type ViewState } from './url.ts';
import { ClusterMap } from './views/cluster-map.ts';
import { explain } from './views/explain.ts';
import { formatNumber, formatTime } from './views/format.ts';
import { renderLegend } from './views/legend.ts';
import { escapeHtml, renderComparison, renderSummary } from './views/summary.ts';
import { Timeline } from './views/timeline.ts';

const fragment = parseFragment(location.hash);
const player = new Player();
const map = new ClusterMap($<HTMLCanvasElement>('map'));
const tooltip = $('tooltip');
const timeline = new Timeline($('timeline') as unknown as SVGSVGElement, {
  seek: (t) => { player.seek(t); draw(); saveFragment(); },
  hover: (m, x, y) => showTooltip(m ? `${formatTime(m.t)} · ${m.kind}\n${m.label}` : undefined, x, y),
  redraw: () => draw(),
});
const compare = new ComparePane($<HTMLCanvasElement>('map-b'));
let client: SimClient | undefined;
let dropped: { text: string; fileName: string } | undefined;
let running = false;
let summary: Summary | undefined;

function showTooltip(text: string | undefined, x: number, y: number): void {
  tooltip.hidden = text === undefined;
  if (text === undefined) return;
  tooltip.textContent = text;
  tooltip.style.left = `${Math.min(x + 14, innerWidth - 390)}px`;
  tooltip.style.top = `${Math.min(y + 14, innerHeight - tooltip.offsetHeight - 4)}px`;
}

function draw(): void {
  if (!player.replay) return;
  map.draw(player.state, player.replay, player.t);
  if (compare.active) compare.draw(player.t);
  timeline.moveCursor(player.t);
  $('clock').textContent = `${formatTime(player.t)} / ${formatTime(player.endT)}`;
  const scrub = $<HTMLInputElement>('scrub');
  scrub.value = String(player.endT > 0 ? Math.round((player.t / player.endT) * 1000) : 0);
  $('play').textContent = player.playing ? '❚❚' : '▶';
  document.body.dataset.t = String(player.t);
  document.body.dataset.index = String(player.state.index);
}

function currentSource(): { text: string; fileName: string; name: string } {
  const picked = $<HTMLSelectElement>('scenario').value;
  if (picked === DROPPED && dropped) return { ...dropped, name: '' };
  const s = SHIPPED.find((x) => x.name === picked) ?? SHIPPED.find((x) => x.name === DEFAULT_SCENARIO)!;
  return { text: s.text, fileName: s.fileName, name: s.name };
}

function saveFragment(): void {
  const source = currentSource();
  const state: ViewState = { knobs: readKnobs($<HTMLFormElement>('knobs')), t: player.t, speed: player.speed, play: player.playing, compare: $<HTMLSelectElement>('compare').value };
  if (source.name) state.scenario = source.name;
  history.replaceState(null, '', formatFragment(state));
}

async function run(options: { t?: number; play?: boolean } = {}): Promise<void> {
  if (running) return;
  const source = currentSource();
  const knobs = readKnobs($<HTMLFormElement>('knobs'));
  $('guide').textContent = SHIPPED.find((s) => s.name === source.name)?.guide ?? '';
  const replay = new Replay();
  player.load(replay);
  player.playing = false;
  summary = undefined;
  renderSummary($('summary'), undefined, 'running…');
  $('trace-hash').textContent = '–';
  $('problems').hidden = true;
  setRunning(true);
  timeline.render(replay, 0);
  draw();
  showProgress($('progress'), undefined, 'loading, placing VMs…');
  let lastRender = 0;
  client ??= new SimClient();
  compare.clear();
  showPanes(false);
  const request = { text: source.text, fileName: source.fileName, overrides: overridesOf(knobs, source.text), seed: seedOf(knobs) };
  const outcome: RunOutcome = await client.run(
    request,
    {
      onEvents(events, batch) {
        replay.append(events);
        player.follow();
        const fraction = batch.bounded ? batch.nowMs / batch.endMs : undefined;
        showProgress($('progress'), fraction, `${formatTime(batch.nowMs / 1000)} · ${formatNumber(batch.eventCount)} events`);
        if (performance.now() - lastRender > 300) {
          lastRender = performance.now();
          timeline.render(replay, replay.endT);
          draw();
        }
      },
    },
  );
  const platform = $<HTMLSelectElement>('compare').value;
  const compared = outcome.kind === 'done' && platform ? await runCompared(request, platform) : undefined;
  setRunning(false);
  finish(outcome, replay, options);
  if (compared?.kind === 'invalid') showProblems([`compare with ${platform}:`, ...compared.problems]);
}

/** The same request on another platform, after the main run, in the same worker. */
async function runCompared(request: Parameters<SimClient['run']>[0], platform: string): Promise<RunOutcome> {
  const replay = compare.start(platform);
  const outcome = await client!.run({ ...request, overrides: withPlatform(request.overrides, platform, request.text) }, {
    onEvents(events, batch) {
      replay.append(events);
      showProgress($('progress'), batch.bounded ? batch.nowMs / batch.endMs : undefined, `${platform}: ${formatNumber(batch.eventCount)} events`);
    },
  });
  compare.finish(outcome);
  return outcome;
}

function showPanes(on: boolean): void {
  $('pane-b').hidden = !on;
  $('title-a').hidden = !on;
  $('hash-b-box').hidden = !on;
  document.body.dataset.compare = on ? 'shown' : '';
}

function showProblems(lines: string[]): void {
  $('problems').hidden = false;
  $('problems').innerHTML = lines.map(escapeHtml).join('\n');
}

function finish(outcome: RunOutcome, replay: Replay, options: { t?: number; play?: boolean }): void {
  document.body.dataset.run = outcome.kind;
  if (outcome.kind === 'invalid') {
    showProblems(outcome.problems);
    showProgress($('progress'), 0, 'invalid scenario');
    player.endT = 0;
    draw();
    renderSummary($('summary'), undefined, 'The scenario has problems (above).');
    return;
  }
  if (outcome.kind === 'cancelled') {
    showProgress($('progress'), undefined, `cancelled after ${formatNumber(outcome.eventCount)} events`);
    $('progress').classList.remove('indeterminate');
    renderSummary($('summary'), undefined, 'Cancelled: the partial trace is shown.');
  } else {
    summary = outcome.summary;
    $('trace-hash').textContent = outcome.traceHash;
    showProgress($('progress'), 1, `done · ${formatNumber(outcome.eventCount)} events`);
    renderSummary($('summary'), summary);
    if (outcome.warnings.length) showProblems(outcome.warnings);
  }
  player.endT = replay.endT;
  if (compare.active && summary) showComparison(summary);
  player.speed = options.t === undefined && fragment.speed === undefined ? Player.speedFor(player.endT) : player.speed;
  $<HTMLSelectElement>('speed').value = String(player.speed);
  timeline.render(replay, player.endT, compare.active ? compare.player.replay : undefined);
  player.seek(options.t ?? 0);
  player.playing = options.play ?? false;
  draw();
  saveFragment();
}

/** Both runs on one clock: the longer one sets its length; titles, hashes and the summary table show both. */
function showComparison(a: Summary): void {
  showPanes(true);
  player.endT = Math.max(player.endT, compare.player.endT);
  $('title-a').textContent = `${a.platform} (trace ${$('trace-hash').textContent})`;
  $('title-b').textContent = `${compare.platform} (trace ${compare.traceHash})`;
  $('trace-hash-b').textContent = compare.traceHash ?? '–';
  renderComparison($('summary'), a, compare.summary!);
  map.resize(player.state);
  compare.map.resize(compare.player.state);
}

function setRunning(on: boolean): void {
  running = on;
  document.body.dataset.run = on ? 'running' : document.body.dataset.run;
  // A run counter lets a test wait for "the next run has ended" without having to catch the
  // transient 'running' state, which a short run can pass through between two polls.
  if (on) document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
  $<HTMLButtonElement>('run').disabled = on;
  $<HTMLButtonElement>('cancel').disabled = !on;
}

/** Per played frame: when it started and how long tick + draw took (ms), for `npm run bench:viz`. */
const frameStats: { at: number[]; costMs: number[] } = { at: [], costMs: [] };
(globalThis as { hcisimFrames?: typeof frameStats }).hcisimFrames = frameStats;

let lastFrame = performance.now();
function frame(now: number): void {
  const dt = Math.min(0.25, (now - lastFrame) / 1000);
  lastFrame = now;
  if (player.playing && !running) {
    player.tick(dt);
    draw();
    if (frameStats.at.length < 10_000) {
      frameStats.at.push(now);
      frameStats.costMs.push(performance.now() - now);
    }
  }
  requestAnimationFrame(frame);
}

function init(): void {
  buildScenarioPicker($<HTMLSelectElement>('scenario'));
  buildKnobs($<HTMLFormElement>('knobs'), fragment.knobs);
  buildSpeeds($<HTMLSelectElement>('speed'));
  renderLegend($('legend'));
  if (fragment.speed !== undefined) player.speed = fragment.speed;
  const picked = SHIPPED.some((s) => s.name === fragment.scenario) ? fragment.scenario! : DEFAULT_SCENARIO;
  $<HTMLSelectElement>('scenario').value = picked;
  $('run').addEventListener('click', () => void run());
  $('cancel').addEventListener('click', () => client?.cancel());
  $('scenario').addEventListener('change', () => void run());
  $<HTMLSelectElement>('compare').value = fragment.compare ?? '';
  $('compare').addEventListener('change', () => void run());
  const canvasB = $<HTMLCanvasElement>('map-b');
  canvasB.addEventListener('mousemove', (e) => {
    const replayB = compare.player.replay;
    const hit = replayB ? compare.map.hitAt(e.offsetX, e.offsetY) : undefined;
    showTooltip(hit && replayB ? explain(hit, compare.player.state, replayB) : undefined, e.clientX, e.clientY);
  });
  canvasB.addEventListener('mouseleave', () => showTooltip(undefined, 0, 0));
  $('speed').addEventListener('change', () => { player.speed = Number($<HTMLSelectElement>('speed').value); saveFragment(); });
  $('play').addEventListener('click', togglePlay);
  $('scrub').addEventListener('input', () => { player.seek((Number($<HTMLInputElement>('scrub').value) / 1000) * player.endT); draw(); saveFragment(); });
  onScenarioFile($<HTMLInputElement>('file'), $('drop'), (text, fileName) => {
    dropped = { text, fileName };
    setDroppedOption($<HTMLSelectElement>('scenario'), fileName);
    void run();
  });
  const canvas = $<HTMLCanvasElement>('map');
  canvas.addEventListener('mousemove', (e) => {
    const hit = player.replay ? map.hitAt(e.offsetX, e.offsetY) : undefined;
    showTooltip(hit && player.replay ? explain(hit, player.state, player.replay) : undefined, e.clientX, e.clientY);
  });
  canvas.addEventListener('mouseleave', () => showTooltip(undefined, 0, 0));
  addEventListener('resize', () => {
    map.resize(player.state);
    if (compare.active) compare.map.resize(compare.player.state);
    if (player.replay) timeline.render(player.replay, player.endT, compare.active ? compare.player.replay : undefined);
    draw();
  });
  bindKeys(player, { togglePlay, changed: () => { draw(); saveFragment(); } });
  requestAnimationFrame(frame);
  if (hasEmbeddedRun()) void showEmbedded();
  else void run({ t: fragment.t, play: fragment.play });
}

/** A report page: replays the run it carries; there is nothing to pick or re-run. */
async function showEmbedded(): Promise<void> {
  for (const id of ['scenario', 'compare', 'drop', 'knobs-box', 'run', 'cancel']) ($(id).closest('label') ?? $(id)).setAttribute('hidden', '');
  const embedded = await readEmbeddedRun();
  $('guide').textContent = `${embedded.fileName}: ${embedded.guide}`;
  const replay = new Replay();
  player.load(replay);
  replay.append(embedded.events);
  player.follow();
  finish({ kind: 'done', summary: embedded.summary, traceHash: embedded.traceHash, eventCount: embedded.events.length, warnings: [] }, replay, { t: fragment.t, play: fragment.play });
}

function togglePlay(): void {
  if (running || !player.replay) return;
  if (!player.playing && player.t >= player.endT) player.seek(0);
  player.playing = !player.playing;
  draw();
  saveFragment();
}

init();
