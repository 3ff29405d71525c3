// A small cast and a seeded operation for end-to-end tests, set up the way people would in Slack.
import { expect } from 'vitest';
import type { Harness, TestUser } from './harness.js';

export const TEAM = 'T0TEAM';
export const admin: TestUser = { teamId: TEAM, userId: 'U0ADMIN' };
export const wpsOfficer: TestUser = { teamId: TEAM, userId: 'U0WPSOFF' };
export const wpsCoordinator: TestUser = { teamId: TEAM, userId: 'U0WPSCOORD' };
export const ckpsOfficer: TestUser = { teamId: TEAM, userId: 'U0CKOFF' };
export const ckpsCoordinator: TestUser = { teamId: TEAM, userId: 'U0CKCOORD' };
export const intakeWorker: TestUser = { teamId: TEAM, userId: 'U0WFINTAKE' };
export const wefightCoordinator: TestUser = { teamId: TEAM, userId: 'U0WFCOORD' };
export const stranger: TestUser = { teamId: TEAM, userId: 'U0STRANGER' };

export const INTAKE_CHANNEL = 'C0WEFIGHTIN';
export const DIGEST_CHANNEL = 'C0DIGEST';

export const ADMIN_ENV = { BOOTSTRAP_ADMINS: admin.userId };

/** Sends a command and expects Liaison to accept it; returns the reply text. */
export async function ok(h: Harness, user: TestUser, command: string, text: string): Promise<string> {
  const answer = await h.command(user, command, text);
  expect(answer.status).toBe(200);
  const reply = String(answer.json?.text ?? '');
  expect(reply, `${command} ${text}`).not.toMatch(/Nothing was stored|not registered|Only |cannot|There is no/);
  return reply;
}

/** Sends a command and returns the reply text, whatever it says. */
export async function say(h: Harness, user: TestUser, command: string, text: string): Promise<string> {
  const answer = await h.command(user, command, text);
  expect(answer.status).toBe(200);
  return String(answer.json?.text ?? '');
}

/**
 * Agencies WPS, CKPS (police), OPP (police, provincial lead), WEFIGHT (advocacy, with an intake
 * channel); their people; a provincial operation ONS-ON and the local ONS-WE under it.
 */
export async function seedWorld(h: Harness): Promise<void> {
  await ok(h, admin, '/agency', 'add OPP "Ontario Provincial Police" kind=police');
  await ok(h, admin, '/agency', 'add WPS "Windsor Police Service" kind=police');
  await ok(h, admin, '/agency', 'add CKPS "Chatham-Kent Police Service" kind=police');
  await ok(h, admin, '/agency', `add WEFIGHT "WEFiGHT" kind=advocacy intake=<#${INTAKE_CHANNEL}|wefight-intake>`);
  await ok(h, admin, '/agency', `member <@${wpsCoordinator.userId}|coord> WPS role=coordinator`);
  await ok(h, wpsCoordinator, '/agency', `member <@${wpsOfficer.userId}|officer> WPS role=officer`);
  await ok(h, admin, '/agency', `member ${ckpsCoordinator.userId} CKPS role=coordinator`);
  await ok(h, ckpsCoordinator, '/agency', `member ${ckpsOfficer.userId} ckps role=officer`);
  await ok(h, admin, '/agency', `member ${wefightCoordinator.userId} WEFIGHT role=coordinator`);
  await ok(h, wefightCoordinator, '/agency', `member ${intakeWorker.userId} WEFIGHT role=intake`);
  await ok(
    h,
    admin,
    '/op',
    `create ONS-ON "Northern Spotlight Ontario" start=2017-10-09 end=2017-10-15 lead=OPP digest=<#${DIGEST_CHANNEL}|digest> digest_time=08:00`,
  );
  // Placed under ONS-ON by an admin (the provincial lead's right); WPS leads it and invites its partners.
  await ok(h, admin, '/op', 'create ONS-WE "Northern Spotlight Windsor-Essex" start=2017-10-10 end=2017-10-13 lead=WPS parent=ONS-ON');
  await ok(h, wpsCoordinator, '/op', 'invite ONS-WE CKPS');
  await ok(h, wpsCoordinator, '/op', 'invite ONS-WE WEFIGHT');
  await ok(h, wpsCoordinator, '/op', 'join ONS-WE WPS officers=12 support_staff=2 victim_services=1');
  await ok(h, ckpsCoordinator, '/op', 'join ONS-WE CKPS officers=6');
  await ok(h, wefightCoordinator, '/op', 'join ONS-WE WEFIGHT victim_services=3');
}

/**
 * Row counts of every table: equal before and after means nothing was stored. The shared state of
 * requests (handled ids, rate buckets, App Home viewers) is left out: it records the request itself.
 */
export async function tableCounts(h: Harness): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await h.sql.tables()) {
    if (REQUEST_STATE.has(table)) continue;
    counts[table] = Number(await h.sql.value(`SELECT count(*) FROM "${table}"`));
  }
  return counts;
}

const REQUEST_STATE = new Set(['handled_requests', 'rate_buckets', 'home_viewers']);
