import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioText, type Override } from '../../sim/scenario/load.ts';
import { createSimulation } from '../../sim/simulation.ts';
import { launch } from './browser.ts';
import { fileUrl, mapPixels, openPage, runEnded, SCREENSHOTS, serveDist } from './page.ts';

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => browser?.close());

/** The trace hash `hcisim run FILE --seed N` prints (with `--set` overrides, as `hcisim sweep` takes them). */
function cliHash(file: string, seed: number, overrides: Override[] = []): string {
  const loaded = loadScenarioText(readFileSync(file, 'utf8'), file, overrides);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const sim = createSimulation(loaded.scenario, { seed });
  sim.finish();
  return sim.traceHash();
}

const shot = (name: string) => ({ path: `${SCREENSHOTS}${name}.png` });

describe('the replay page in Chromium', () => {
  it('runs the default scenario in the worker from file:// with no console error, showing the CLI trace hash', async () => {
    const { page, errors } = await openPage(browser, fileUrl());
    expect(await runEnded(page)).toBe('done');
    expect(await page.textContent('#trace-hash')).toBe(cliHash('scenarios/vsphere-firmware-rollout.yaml', 1));
    await page.screenshot(shot('01-default-loaded'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works the same from a static server, and with another seed gives the CLI hash of that seed', async () => {
    const { server, url } = await serveDist();
    try {
      const { page, errors } = await openPage(browser, `${url}#scenario=vsphere-firmware-rollout&seed=7`);
      expect(await runEnded(page)).toBe('done');
      expect(await page.textContent('#trace-hash')).toBe(cliHash('scenarios/vsphere-firmware-rollout.yaml', 7));
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      server.close();
    }
  });

  it('draws something else after a seek and while playing', async () => {
    const { page } = await openPage(browser, fileUrl());
    await runEnded(page);
    const atStart = await mapPixels(page);
    await page.locator('#timeline rect[style*="ew-resize"]').click({ position: { x: 400, y: 60 } });
    const seekedTo = Number(await page.evaluate(() => document.body.dataset.t));
    expect(seekedTo).toBeGreaterThan(3600);
    const afterSeek = await mapPixels(page);
    expect(afterSeek).not.toBe(atStart);
    // Onto a moment with migrations in flight (the first maintenance marker), then play through it.
    await page.evaluate(() => { (document.getElementById('scrub') as HTMLInputElement).value = '0'; document.getElementById('scrub')!.dispatchEvent(new Event('input')); });
    await page.keyboard.press(']');
    await page.screenshot(shot('02-first-drain'));
    const before = Number(await page.evaluate(() => document.body.dataset.t));
    const drawnBefore = await mapPixels(page);
    await page.keyboard.press(' ');
    await page.waitForFunction((t0) => Number(document.body.dataset.t) > t0 + 30, before);
    await page.keyboard.press(' ');
    expect(await mapPixels(page)).not.toBe(drawnBefore);
    await page.screenshot(shot('03-playing-migrations'));
    await page.close();
  });

  it('opens at the time the URL fragment names, on the named scenario', async () => {
    const { page, errors } = await openPage(browser, fileUrl('#scenario=vsphere-ha-host-failure&t=7230'));
    expect(await runEnded(page)).toBe('done');
    expect(await page.inputValue('#scenario')).toBe('vsphere-ha-host-failure');
    expect(Number(await page.evaluate(() => document.body.dataset.t))).toBe(7230);
    expect(await page.textContent('#clock')).toMatch(/^2h 00m 30s/);
    await page.screenshot(shot('04-ha-failure-at-t'));
    // The wheel zooms the timeline into the failure's hours; a double click shows the whole run again.
    const ticks = () => page.locator('#timeline .tick text').allTextContents();
    const whole = await ticks();
    const box = (await page.locator('#timeline').boundingBox())!;
    await page.mouse.move(box.x + 205, box.y + 60);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    const zoomed = await ticks();
    expect(zoomed).not.toEqual(whole);
    await page.screenshot(shot('04b-ha-failure-timeline-zoomed'));
    await page.dblclick('#timeline');
    expect(await ticks()).toEqual(whole);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains a VM under the pointer: its placement decision and its volume copies', async () => {
    const { page } = await openPage(browser, fileUrl('#t=1000'));
    await runEnded(page);
    await page.mouse.move(40, 70);
    const text = await page.textContent('#tooltip');
    expect(text).toMatch(/^VM /);
    expect(text).toMatch(/best scores: esx-/);
    expect(text).toMatch(/copies: esx-/);
    await page.screenshot(shot('05-vm-tooltip'));
    await page.close();
  });

  it('shows FILE:LINE:COL for a malformed dropped file and keeps working', async () => {
    const { page, errors } = await openPage(browser, fileUrl());
    await runEnded(page);
    const bad = 'name: broken\nplatform: vmware\nhosts:\n  - { group: h, count: -2, cores: 8, memoryGiB: 64 }\n';
    const dt = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'broken.yaml', { type: 'application/yaml' }));
      return transfer;
    }, bad);
    await page.dispatchEvent('#map', 'drop', { dataTransfer: dt });
    await page.waitForFunction(() => document.body.dataset.run === 'invalid');
    const problems = await page.textContent('#problems');
    expect(problems).toMatch(/broken\.yaml:2:11: platform: /);
    expect(problems).toMatch(/broken\.yaml:4:\d+: hosts\.0\.count: /);
    await page.screenshot(shot('06-malformed-file'));
    // A shipped scenario still runs afterwards.
    const runsBefore = Number(await page.evaluate(() => document.body.dataset.runs));
    await page.selectOption('#scenario', 'vsphere-firmware-rollout');
    expect(await runEnded(page, runsBefore + 1)).toBe('done');
    expect(await page.isHidden('#problems')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cancels a long run and keeps the partial trace', async () => {
    const { page, errors } = await openPage(browser, fileUrl());
    await runEnded(page);
    await page.selectOption('#scenario', 'replay-500-hosts');
    // Wait for the first batch: the map follows the trace as it streams in.
    await page.waitForFunction(() => Number(document.body.dataset.index) > 0 && document.body.dataset.run === 'running');
    await page.screenshot(shot('07-500-hosts-streaming'));
    await page.click('#cancel');
    expect(await runEnded(page)).toBe('cancelled');
    expect(await page.textContent('#progress')).toMatch(/cancelled after/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compares two platforms on one clock: both runs drawn, both hashes, the differing figures highlighted', async () => {
    const { page, errors } = await openPage(browser, fileUrl('#scenario=vsphere-firmware-rollout&compare=harvester&t=4000'));
    expect(await runEnded(page)).toBe('done');
    await page.waitForFunction(() => document.body.dataset.compare === 'shown');
    const file = 'scenarios/vsphere-firmware-rollout.yaml';
    expect(await page.textContent('#trace-hash')).toBe(cliHash(file, 1));
    expect(await page.textContent('#trace-hash-b')).toBe(cliHash(file, 1, [{ path: 'platform', value: 'harvester' }, { path: 'storage.kind', value: 'longhorn' }]));
    expect(await page.textContent('#summary th:nth-child(3)')).toBe('harvester');
    expect(await page.locator('#summary td.diff').count()).toBeGreaterThan(4);
    expect(await page.isVisible('#map-b')).toBe(true);
    await page.screenshot(shot('09-compare-vsphere-harvester'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('re-runs with the knobs as overrides (the CLI hash of the same overrides) and keeps them in the URL', async () => {
    const { page, errors } = await openPage(browser, fileUrl());
    await runEnded(page);
    await page.click('#knobs-box summary');
    await page.fill('#knob-hostCount', '6');
    await page.fill('#knob-maintenanceConcurrency', '2');
    await page.fill('#knob-workDuration', '10m');
    await page.screenshot(shot('10-knobs'));
    const runsBefore = Number(await page.evaluate(() => document.body.dataset.runs));
    await page.click('#run');
    expect(await runEnded(page, runsBefore + 1)).toBe('done');
    const overrides = [
      { path: 'hosts.0.count', value: 6 },
      { path: 'schedule.0.concurrency', value: 2 },
      { path: 'schedule.0.workDuration', value: '10m' },
    ];
    expect(await page.textContent('#trace-hash')).toBe(cliHash('scenarios/vsphere-firmware-rollout.yaml', 1, overrides));
    expect(page.url()).toMatch(/hostCount=6&maintenanceConcurrency=2&workDuration=10m/);
    // Arrow keys step through the trace one event time at a time.
    const t0 = Number(await page.evaluate(() => document.body.dataset.t));
    await page.keyboard.press('ArrowRight');
    const t1 = Number(await page.evaluate(() => document.body.dataset.t));
    expect(t1).toBeGreaterThan(t0);
    await page.keyboard.press('ArrowLeft');
    expect(Number(await page.evaluate(() => document.body.dataset.t))).toBeLessThan(t1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
