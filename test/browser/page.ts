// Opening the built page (dist/index.html) in Chromium, from file:// or a throwaway static server,
// collecting every console error and uncaught exception so a test can insist there were none.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const DIST = resolve(fileURLToPath(new URL('../../dist/index.html', import.meta.url)));
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface OpenPage {
  page: Page;
  errors: string[];
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1400, height: 900 }): Promise<OpenPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

export const fileUrl = (fragment = '') => `file://${DIST}${fragment}`;

/** Waits until the run the page started has ended (done, invalid or cancelled). */
export async function runEnded(page: Page, runs?: number): Promise<string> {
  await page.waitForFunction(
    (atLeast) => Number(document.body.dataset.runs ?? 0) >= atLeast && ['done', 'invalid', 'cancelled'].includes(document.body.dataset.run ?? ''),
    runs ?? 0,
    { timeout: 90_000 },
  );
  return page.evaluate(() => document.body.dataset.run ?? '');
}

/** Serves dist/index.html on a free port; any other path is a 404. */
export async function serveDist(): Promise<{ server: Server; url: string }> {
  const html = readFileSync(DIST);
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** The canvas's pixels, to tell whether two moments draw differently. */
export const mapPixels = (page: Page) => page.evaluate(() => (document.getElementById('map') as HTMLCanvasElement).toDataURL());
