// The browser the end-to-end tests drive: the Chromium build that `npm ci` brings inside
// @sparticuz/chromium (a headless shell with its fonts, no system libraries needed), so every
// machine renders with the same build and nobody installs a browser by hand. The first call
// unpacks it to the system's temporary folder (about 2 s, once per machine); later calls reuse it.
import sparticuz from '@sparticuz/chromium';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Flags for a test browser on a machine with no GPU and no internet: no sandbox (tests may run as
 * root), software rendering, and none of Chromium's background traffic, which a closed network
 * refuses noisily at every start.
 */
const TEST_FLAGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

/** A persistent browser context on a fresh profile folder; the caller closes it. */
export async function launchTestBrowser(profileDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: await sparticuz.executablePath(),
    headless: true,
    args: TEST_FLAGS,
    viewport,
  });
}
