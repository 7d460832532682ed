// Frame times of the replay page in real headless Chromium: opens the built dist/index.html from
// file://, runs a scenario in the worker, then plays it and reads the page's own per-frame record
// (rAF timestamps and the ms each frame spent in tick + draw). Also times seeks to random moments.
//   npm run bench:viz                                    replay-500-hosts, 10 s of playing
//   npm run bench:viz -- --scenario vsan-disk-failure --seconds 5 --speed 3600
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launch } from '../test/browser/browser.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const scenario = arg('scenario', 'replay-500-hosts');
const seconds = Number(arg('seconds', '10'));
const speed = Number(arg('speed', '900'));
const width = Number(arg('width', '1600')), height = Number(arg('height', '1000'));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const ms = (x: number) => `${x.toFixed(1)} ms`;

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width, height } });
  const url = `${pathToFileURL(resolve('dist/index.html')).href}#scenario=${scenario}&t=3600&speed=${speed}`;
  // Main-thread responsiveness while the worker runs: the gaps between animation frames.
  // A string, not a function: tsx would wrap a named function in a helper the page does not have.
  await page.addInitScript(`
    const gaps = [];
    globalThis.hcisimGaps = gaps;
    let last = performance.now();
    const loop = (now) => {
      gaps.push(now - last);
      last = now;
      if (document.body?.dataset.run !== 'done') requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  `);
  const started = performance.now();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.run === 'done', null, { timeout: 600_000 });
  const runSeconds = (performance.now() - started) / 1000;
  const gaps = await page.evaluate(() => (globalThis as unknown as { hcisimGaps: number[] }).hcisimGaps.slice(1));
  const info = await page.evaluate(() => ({ events: document.querySelector('#progress span')?.textContent ?? '', hash: document.getElementById('trace-hash')?.textContent }));
  await page.keyboard.press(' ');
  await page.waitForTimeout(seconds * 1000);
  await page.keyboard.press(' ');
  const frames = await page.evaluate(() => (globalThis as unknown as { hcisimFrames: { at: number[]; costMs: number[] } }).hcisimFrames);
  const intervals = frames.at.slice(1).map((t, i) => t - frames.at[i]);
  // Seeks: drag the scrubber to random places (a seeded sequence, so runs are comparable).
  const seekMs = await page.evaluate(() => {
    const scrub = document.getElementById('scrub') as HTMLInputElement;
    const out: number[] = [];
    let x = 12345;
    for (let i = 0; i < 50; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t0 = performance.now();
      scrub.value = String(x % 1000);
      scrub.dispatchEvent(new Event('input'));
      out.push(performance.now() - t0);
    }
    return out;
  });
  console.log(`scenario       ${scenario} (${info.events}, trace ${info.hash}), viewport ${width}x${height}`);
  console.log(`run in worker  ${runSeconds.toFixed(1)} s (page load to run end)`);
  console.log(`page meanwhile frame gap mean ${ms(mean(gaps))}, p95 ${ms(quantile(gaps, 0.95))}, max ${ms(Math.max(...gaps))}, ${gaps.filter((g) => g > 100).length} gaps over 100 ms`);
  console.log(`playing        ${frames.at.length} frames in ${seconds} s: ${(1000 / mean(intervals)).toFixed(1)} fps`);
  console.log(`frame interval mean ${ms(mean(intervals))}, p95 ${ms(quantile(intervals, 0.95))}, max ${ms(Math.max(...intervals))}`);
  console.log(`tick + draw    mean ${ms(mean(frames.costMs))}, p95 ${ms(quantile(frames.costMs, 0.95))}, max ${ms(Math.max(...frames.costMs))}`);
  console.log(`seek + draw    mean ${ms(mean(seekMs))}, p95 ${ms(quantile(seekMs, 0.95))}, max ${ms(Math.max(...seekMs))} (50 random seeks)`);
} finally {
  await browser.close();
}
