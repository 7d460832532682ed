import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { mapPixels, SCREENSHOTS } from './page.ts';

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('the single-file HTML report', () => {
  it('opens from file:// with the network blocked, shows the run and replays it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hcisim-report-')), 'report.html');
    const printed = execFileSync('node', ['bin/hcisim.js', 'run', 'scenarios/vsan-disk-failure.yaml', '--seed', '2', '--out', join(out, '..', 'run'), '--html', out], { encoding: 'utf8' });
    const hash = /trace ([0-9a-f]{16})/.exec(printed)?.[1];
    expect(printed).toMatch(/report .* bytes per event/);
    const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    // Anything but the report file itself is a network request the report must not make.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `file://${out}`) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${out}#t=3700`);
    await page.waitForFunction(() => document.body.dataset.run === 'done');
    expect(await page.textContent('#trace-hash')).toBe(hash);
    expect(Number(await page.evaluate(() => document.body.dataset.t))).toBe(3700);
    expect(await page.isHidden('#run')).toBe(true);
    const before = await mapPixels(page);
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    expect(await mapPixels(page)).not.toBe(before);
    await page.screenshot({ path: `${SCREENSHOTS}08-report-offline.png` });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
