// Debian's chromium driven by playwright-core (Playwright's own browser download does not work
// here), with nothing that phones home. Playwright gives every launch a fresh temporary profile
// (it refuses a --user-data-dir argument), so no state carries over between runs.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}
