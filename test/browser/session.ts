// What the browser suites share: an in-process sandbox on a fresh database (seeded through Liaison's
// own commands) with headless Chromium in front of it, pages opened as one person, and the problems
// any page reports: a console error or an uncaught exception fails the suite's tests.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createLogger } from '../../src/logger.js';
import type { Person } from '../../src/sandbox/cast.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js';
import { launchTestBrowser } from '../helpers/browser.js';

export const SHOTS = 'test-output/screenshots';

export interface BrowserSession {
  sandbox: RunningSandbox;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, from every page opened. */
  problems: string[];
  /** The sandbox's log, for the message of a failing test. */
  logs: string[];
  /** A new tab showing the workspace as `person` sees it, in channel `where` (or `home`). */
  open(person: Person, where: string): Promise<Page>;
  stop(): Promise<void>;
}

export async function startBrowserSession(options: { viewport: { width: number; height: number }; env?: Record<string, string> }): Promise<BrowserSession> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-sandbox-'));
  mkdirSync(SHOTS, { recursive: true });
  const logs: string[] = [];
  const problems: string[] = [];
  const sandbox = await startSandbox({
    env: { PORT: '0', DATABASE_PATH: join(dir, 'sandbox.db'), ...options.env },
    logger: createLogger('warn', (line) => logs.push(line)),
    cron: false,
  });
  const context = await launchTestBrowser(join(dir, 'chromium-profile'), options.viewport);
  // A step that cannot happen fails within seconds, with Playwright's account of what it waited for.
  context.setDefaultTimeout(10_000);
  return {
    sandbox,
    context,
    problems,
    logs,
    async open(person, where) {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${person.handle}: console error: ${m.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`${person.handle}: ${error.message}`));
      await page.goto(`${sandbox.url}/?as=${person.id}&in=${where}`);
      // Attached, not visible: on a phone the sidebar is a folded drawer.
      await page.locator('#sidebar h1').waitFor({ state: 'attached' });
      return page;
    },
    async stop() {
      await context.close();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Types a line in the message box and sends it. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('#composer-input');
  await box.fill(text);
  await box.press('Enter');
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
