// The sandbox in French: the seeded French-speaking officer and intake worker (their Slack locale is
// fr-CA) read Liaison in French, and a card to the French-speaking agency is in French.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, which reads the text as shown.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/i18n/index.js';
import { CHANNELS, PEOPLE } from '../../src/sandbox/cast.js';
import { type BrowserSession, send as command, shot, startBrowserSession } from './session.js';

describe('the sandbox in French', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await startBrowserSession({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(() => session?.stop());
  afterEach(() => {
    expect(session.problems, `page problems; sandbox log:\n${session.logs.join('\n')}`).toEqual([]);
  });
  const open = async (person: (typeof PEOPLE)[keyof typeof PEOPLE], where: string): Promise<Page> => {
    const page = await session.open(person, where);
    await page.bringToFront();
    return page;
  };

  it('speaks French to a French-speaking officer: the answer, its buttons and the card of a French agency', async () => {
    const fr = messagesFor('fr');
    const page = await open(PEOPLE.sqOfficer, CHANNELS.general.id);
    // Her workspace has arrived (her private channels are none, the digest channel is listed).
    await page.getByRole('navigation').getByRole('button', { name: new RegExp(CHANNELS.onsDigest.name) }).waitFor();
    await command(page, '/engage ONS-QC age=18-24 gender=female offered=oui accepted=oui area="Centre-ville"');
    const answer = page.locator('li.msg.ephemeral').last();
    await expect.poll(() => answer.innerText()).toMatch(/Rencontre E-\d+ consignée dans ONS-QC\./);
    expect(await answer.getByRole('button').allInnerTexts()).toEqual([fr.engage.refer, fr.engage.logAnother]);
    const e = /E-\d+/.exec(await answer.innerText())![0];
    await command(page, `/refer ${e} to=CAVAC needs=shelter urgency=urgent consent=oui`);
    await expect.poll(() => page.locator('li.msg.ephemeral').last().innerText()).toContain('envoyée à CAVAC');
    const intakeFr = await open(PEOPLE.cavacIntake, CHANNELS.cavacIntake.id);
    const card = intakeFr.locator('li.msg').last();
    await expect.poll(() => card.getByRole('button').allInnerTexts()).toEqual(['Accepter', 'Refuser']);
    await shot(intakeFr, '12-french-card');
  });

});
