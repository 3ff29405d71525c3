// Property-based fuzzing of one in-process Liaison over real signed HTTP: hostile slash commands,
// forged button payloads and modal submissions, raw bodies that are not valid UTF-8. Whatever
// arrives: never a 5xx; a refused request changes no row; no log line carries the bot token or
// free text; the app stays healthy. FUZZ_SEED replays a run; FUZZ_SCALE multiplies the run counts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_BODY_LIMIT } from '../../src/slack/app.js';
import { buttonsOf } from '../helpers/fake-slack.js';
import { BOT_TOKEN, Harness, type HttpAnswer, type TestUser, textOf, FakeClock } from '../helpers/harness.js';
import {
  ADMIN_ENV,
  INTAKE_CHANNEL,
  TEAM,
  admin,
  ckpsCoordinator,
  ckpsOfficer,
  intakeWorker,
  ok,
  seedWorld,
  stranger,
  wefightCoordinator,
  wpsCoordinator,
  wpsOfficer,
} from '../helpers/world.js';
import {
  AGES,
  CODES,
  COMMAND_NAMES,
  ENVELOPES,
  type Envelope,
  GENDERS,
  KNOWN_ACTIONS,
  NASTY,
  NEEDS,
  OUTCOMES,
  SENTINEL_PREFIX,
  UNKNOWN_ACTIONS,
  URGENCIES,
  buttonValueArb,
  commandCaseArb,
  elementArb,
  huge,
  keepWorldStable,
  sentinelText,
  stateArb,
  userArb,
} from './fuzz-inputs.js';
import type { SqliteDatabase } from '../../db/sqlite/open.js';
import { rollupProblems, slackLimitProblems } from './invariants.js';
import { SignedClient, signedHeaders } from './signed-client.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_171_010);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = {
  commands: Math.round(4_200 * SCALE),
  buttons: Math.round(2_600 * SCALE),
  views: Math.round(2_700 * SCALE),
  raw: Math.round(500 * SCALE),
  unmatched: Math.round(300 * SCALE),
};

const vsIntake: TestUser = { teamId: TEAM, userId: 'U0VSINTAKE' };
const VS_INTAKE_CHANNEL = 'C0VSINTAKE';
const CAST = { admin, wpsOfficer, wpsCoordinator, ckpsOfficer, ckpsCoordinator, intakeWorker, wefightCoordinator, vsIntake, stranger };
const CAST_IDS = Object.values(CAST).map((u) => u.userId);

/** A reply that says the request was refused (the contract's words). */
const REFUSED = /Nothing was stored|not registered|Only |cannot|There is no/;
/** A reply that says something was stored: only these may change rows. */
const WRITE_SUCCESS =
  /^(Added \*|Registered <@|<@[A-Z0-9]+> is now \*|Created \*|\*[A-Z0-9_-]+\* (joined|updated its counts in) \*|Closed \*|Logged \*[EC]-\d+\*|Referred \*R-\d+\*|Posting the )/;
/** Tables only admins and coordinators change (agencies, people, operations). */
const SETUP_KEYS = ['agencies', 'members', 'operations', 'participations', 'members.role', 'participations.counts', 'operations.closed', 'agencies.intake'];
const RECORD_KEYS = ['engagements', 'referrals', 'charges', 'charge_offences'];

type Snapshot = Record<string, number>;

interface Figures {
  sent: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  fiveXX: number;
  refused: number;
  refusedThatChangedRows: number;
  stored: number;
  unmatched: number;
  overSlackLimits: string[];
}

const figures: Figures = { sent: 0, byKind: {}, byStatus: {}, fiveXX: 0, refused: 0, refusedThatChangedRows: 0, stored: 0, unmatched: 0, overSlackLimits: [] };

function short(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

describe('fuzzing one Liaison over signed HTTP', () => {
  let h: Harness;
  let client: SignedClient;
  let snapshot: () => Promise<Snapshot>;
  const began = Date.now();

  // The generators ask for the highest references synchronously: they read a copy kept current after each exchange.
  const highest = { e: 1, r: 1 };
  const maxIds = { e: () => highest.e, r: () => highest.r };
  const refreshHighest = async () => {
    highest.e = Number(await h.sql.value('SELECT coalesce(max(id), 0) FROM engagements')) || 1;
    highest.r = Number(await h.sql.value('SELECT coalesce(max(id), 0) FROM referrals')) || 1;
  };

  beforeAll(async () => {
    // During the seeded operation, so records logged "now" fall within its dates.
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    client = new SignedClient(() => h.url, h.slack, 15_000);
    await seedWorld(h);
    // A second receiving agency, so forged clicks can reach across agencies.
    await ok(h, admin, '/agency', `add VS "Victim Services Essex" kind=victim_services intake=<#${VS_INTAKE_CHANNEL}|vs-intake>`);
    await ok(h, admin, '/agency', `member ${vsIntake.userId} VS role=intake`);
    await ok(h, admin, '/op', 'join ONS-WE VS victim_services=2');
    for (const [officer, to] of [
      [wpsOfficer, 'WEFIGHT'],
      [ckpsOfficer, 'VS'],
      [wpsOfficer, 'VS'],
      [ckpsOfficer, 'WEFIGHT'],
    ] as const) {
      const e = /E-\d+/.exec(await ok(h, officer, '/engage', `ONS-WE age=18-24 gender=female offered=yes accepted=yes area="Windsor" note="${SENTINEL_PREFIX}seed-note"`))![0];
      await ok(h, officer, '/refer', `${e} to=${to} needs=shelter urgency=urgent consent=yes note="${SENTINEL_PREFIX}seed-referral"`);
    }
    // The shared state of requests (handled ids, rate buckets, App Home viewers) records every
    // request, refused or not: it is not what a refusal must leave alone.
    const tables = (await h.sql.tables()).filter((t) => !['handled_requests', 'rate_buckets', 'home_viewers'].includes(t));
    const total = (expression: string) => `coalesce(sum(${expression}), 0)`;
    const query = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')},
         (SELECT ${total("id * CASE status WHEN 'pending' THEN 1 WHEN 'accepted' THEN 2 WHEN 'declined' THEN 3 ELSE 4 END")} FROM referrals) AS "referrals.status",
         (SELECT ${total('agency_id * 16 + length(role)')} FROM members) AS "members.role",
         (SELECT ${total('officers')} + ${total('support_staff')} * 1000003 + ${total('victim_services')} * 1000000007 FROM participations) AS "participations.counts",
         (SELECT count(closed_at) FROM operations) AS "operations.closed",
         (SELECT count(intake_channel_id) FROM agencies) AS "agencies.intake"`;
    const sqlite = h.db.engine === 'sqlite' ? (h.db as SqliteDatabase).sqlite : null;
    // On SQLite, recounted only when it says a row changed on the app's connection since the last count.
    let last: { changes: number; snapshot: Snapshot } | undefined;
    snapshot = async () => {
      const changes = sqlite ? (sqlite.prepare('SELECT total_changes()').pluck().get() as number) : Number.NaN;
      if (last?.changes !== changes) last = { changes, snapshot: (await h.sql.get<Snapshot>(query))! };
      return last.snapshot;
    };
    await refreshHighest();
    console.log(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays it), runs ${JSON.stringify(RUNS)}`);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  function changes(before: Snapshot, after: Snapshot): string[] {
    return Object.keys(after).filter((k) => before[k] !== after[k]);
  }

  function count(kind: string, status: number): void {
    figures.sent++;
    figures.byKind[kind] = (figures.byKind[kind] ?? 0) + 1;
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
    if (status >= 500) figures.fiveXX++;
  }

  /** Sends one request, waits for its answer, and measures what it changed. */
  async function exchange(kind: string, request: () => Promise<HttpAnswer>) {
    const before = await snapshot();
    const started = Date.now();
    const answer = await request();
    count(kind, answer.status);
    // Bolt answers a request no listener took only after its 3 s timeout: those belong in the unmatched batch.
    if (Date.now() - started > 2_500) figures.unmatched++;
    // What Slack would refuse to show: a reply or a view over Block Kit's limits.
    const shown = answer.json?.response_action === 'update' ? answer.json.view : answer.json;
    const overLimit = slackLimitProblems(shown, answer.json?.response_action === 'update' ? 'view' : 'message');
    if (overLimit.length) figures.overSlackLimits.push(`${kind}: ${overLimit[0]}`);
    const after = await snapshot();
    await refreshHighest();
    return { answer, changed: changes(before, after) };
  }

  function check(condition: boolean, message: () => string): void {
    if (!condition) throw new Error(message());
  }

  /** Who a payload says is acting, read the way the app reads it (enterprise, else the user's team). */
  async function principalOf(actor: { teamId: string; userId: string }): Promise<{ role: string | null; agencyId: number | null }> {
    const member = await h.sql.get<{ role: string; agency_id: number }>('SELECT role, agency_id FROM members WHERE team_id = ? AND user_id = ?', actor.teamId, actor.userId);
    const isAdmin = actor.userId === admin.userId;
    return { role: isAdmin ? 'admin' : (member?.role ?? null), agencyId: member?.agency_id ?? null };
  }

  async function referralOf(id: number | null): Promise<{ status: string; to_agency_id: number } | undefined> {
    // Ids past PostgreSQL's integer are no referral at all (and would be refused as a query).
    if (id === null || id > 2_147_483_647) return undefined;
    return h.sql.get<{ status: string; to_agency_id: number }>('SELECT status, to_agency_id FROM referrals WHERE id = ?', id);
  }

  async function mayAct(actor: { teamId: string; userId: string }, referral: { to_agency_id: number }): Promise<boolean> {
    const p = await principalOf(actor);
    return p.role === 'admin' || ((p.role === 'intake' || p.role === 'coordinator') && p.agencyId === referral.to_agency_id);
  }

  /** `{ "referral": n }` as the app reads a button value or private_metadata; null when it is not that. */
  function referralIdIn(raw: unknown): number | null {
    if (typeof raw !== 'string') return null;
    try {
      const parsed = JSON.parse(raw) as { referral?: unknown } | null;
      const id = parsed && typeof parsed === 'object' ? parsed.referral : undefined;
      return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
    } catch {
      return null;
    }
  }

  it(
    `survives ${RUNS.commands} hostile slash commands`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          commandCaseArb(CAST, maxIds),
          async (generated) => {
            const { command, user } = generated;
            const text = keepWorldStable(command, generated.text, CAST_IDS);
            const label = `${user.userId} ${command} ${short(text)}`;
            const { answer, changed } = await exchange('command', () => client.command(user, command, text));
            check(answer.status < 500, () => `${label} → HTTP ${answer.status}`);
            const reply = String(answer.json?.text ?? '');
            const stored = WRITE_SUCCESS.test(reply);
            const refused = !stored && REFUSED.test(reply);
            if (stored) figures.stored++;
            if (refused) figures.refused++;
            if (refused && changed.length) figures.refusedThatChangedRows++;
            check(!(refused && changed.length), () => `${label} was refused (${short(reply, 200)}) but changed ${changed.join(', ')}`);
            check(stored || changed.length === 0, () => `${label} answered ${short(reply, 200)} yet changed ${changed.join(', ')}`);
            check(user !== stranger || changed.length === 0, () => `a stranger changed ${changed.join(', ')}: ${label}`);
            if (user === intakeWorker || user === vsIntake) {
              check(!changed.some((k) => RECORD_KEYS.includes(k) || SETUP_KEYS.includes(k)), () => `an intake worker changed ${changed.join(', ')}: ${label}`);
            }
          },
        ),
        { numRuns: RUNS.commands, seed: SEED, endOnFailure: true },
      );
    },
    180_000,
  );

  it(
    `survives ${RUNS.buttons} forged button clicks`,
    async () => {
      const envelopeOf = (payload: Record<string, unknown>, envelope: Envelope) => {
        const user = payload.user as Record<string, unknown>;
        switch (envelope) {
          case 'home':
            payload.container = { type: 'view', view_id: 'VHOMEFUZZ' };
            payload.view = { id: 'VHOMEFUZZ', type: 'home', blocks: [] };
            delete payload.channel;
            delete payload.message;
            delete payload.response_url;
            break;
          case 'no-container':
            delete payload.container;
            break;
          case 'enterprise':
            payload.enterprise = { id: 'E0ENTERPRISE', name: 'Grid' };
            break;
          case 'team-missing':
            delete user.team_id;
            break;
          case 'extra-actions':
            (payload.actions as unknown[]).push({ type: 'button', action_id: 'referral_accept', block_id: 'x', value: '{"referral":1}', action_ts: '1' });
            break;
          default:
            break;
        }
        const enterprise = (payload.enterprise as { id?: string } | undefined)?.id;
        return { teamId: enterprise || (user.team_id as string | undefined) || 'unknown', userId: user.id as string };
      };
      await fc.assert(
        fc.asyncProperty(
          userArb(CAST),
          fc.constantFrom(...KNOWN_ACTIONS),
          buttonValueArb(maxIds.r),
          fc.constantFrom(...ENVELOPES),
          fc.constantFrom(INTAKE_CHANNEL, VS_INTAKE_CHANNEL, 'CGENERAL'),
          async (user, actionId, value, envelope, channel) => {
            const payload = client.buttonPayload(user, { actionId, value }, { channel, ts: '1700000000.000100' }, client.nextId('fz-act'));
            const actor = envelopeOf(payload, envelope);
            const referralId = referralIdIn(value);
            const referral = await referralOf(referralId);
            const expectAccept = actionId === 'referral_accept' && referral !== undefined && referral.status === 'pending' && (await mayAct(actor, referral));
            const label = `${user.userId} clicks ${JSON.stringify(actionId)} value=${short(value, 120)} (${envelope}, ${channel})`;
            const { answer, changed } = await exchange('button', () => client.interact(payload));
            check(answer.status < 500, () => `${label} → HTTP ${answer.status}`);
            if (expectAccept && answer.status === 200) {
              figures.stored++;
              check(
                changed.includes('referral_events') && changed.includes('audit_log') && !changed.some((k) => RECORD_KEYS.includes(k) || SETUP_KEYS.includes(k)),
                () => `${label}: an allowed Accept of a pending referral changed ${changed.join(', ') || 'nothing'}`,
              );
            } else {
              figures.refused++;
              if (changed.length) figures.refusedThatChangedRows++;
              check(changed.length === 0, () => `${label}: a click that must be refused or ignored changed ${changed.join(', ')}`);
            }
          },
        ),
        { numRuns: RUNS.buttons, seed: SEED + 1, endOnFailure: true },
      );
    },
    120_000,
  );

  it(
    `survives ${RUNS.views} forged modal submissions`,
    async () => {
      const yesNo = fc.constantFrom('yes', 'no', 'YES', 'maybe');
      const codes = fc.constantFrom(...CODES);
      const freeText = fc.oneof(fc.constantFrom('Windsor downtown', 'prefers afternoon', 'en', 'fr'), sentinelText, fc.constantFrom(...NASTY), huge);
      const referralMetadata = fc.oneof(
        { weight: 4, arbitrary: buttonValueArb(maxIds.r) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>('', '{"channel":"CGENERAL"}', `{"referral":1,"pad":"${'y'.repeat(4000)}"}`) },
      );
      const views = fc.oneof(
        fc.record({
          callbackId: fc.constant<unknown>('engage_modal'),
          privateMetadata: fc.constantFrom<unknown>('{"channel":"CGENERAL"}', '', 'junk', 7, null),
          values: stateArb({
            operation: elementArb('select', fc.constantFrom('ONS-WE', 'ONS-WE', 'ons-we', 'ONS-ON', 'ONS-X', 'NOPE')),
            age_band: elementArb('select', fc.constantFrom(...AGES, 'adult', '')),
            gender: elementArb('radio', fc.constantFrom(...GENDERS, 'other')),
            offered: elementArb('radio', yesNo),
            accepted: elementArb('radio', yesNo),
            safety_ensured: elementArb('checkbox', yesNo),
            area: elementArb('text', freeText),
            language: elementArb('text', fc.constantFrom('en', 'fr', 'pt-BR', 'english', '')),
            note: elementArb('text', freeText),
          }),
        }),
        fc.record({
          callbackId: fc.constant<unknown>('refer_modal'),
          privateMetadata: fc.constantFrom<unknown>('{"channel":"CGENERAL"}', '', 'junk'),
          values: stateArb({
            engagement: elementArb(
              'select',
              fc.oneof(
                fc.integer({ min: 1, max: 10_000 }).map((n) => String((n % (maxIds.e() + 2)) + 1)),
                fc.constantFrom('E-1', '0', '-1', '1.5', '1e3', ' 2 ', '9999999999999999', 'x'),
              ),
            ),
            to_agency: elementArb('select', codes),
            needs: elementArb('multi', fc.constantFrom(...NEEDS, 'spa')),
            urgency: elementArb('radio', fc.constantFrom(...URGENCIES, 'now')),
            consent: elementArb('checkbox', yesNo),
            note: elementArb('text', freeText),
          }),
        }),
        fc.record({
          callbackId: fc.constant<unknown>('referral_decline_modal'),
          privateMetadata: referralMetadata,
          values: stateArb({
            reason: elementArb('text', fc.oneof(fc.constantFrom('No capacity this week', 'call 519-555-0101', ''), sentinelText, huge, fc.constantFrom(...NASTY))),
          }),
        }),
        fc.record({
          callbackId: fc.constant<unknown>('referral_close_modal'),
          privateMetadata: referralMetadata,
          values: stateArb({ outcome: elementArb('radio', fc.constantFrom(...OUTCOMES, 'cured', '')) }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(userArb(CAST), views, async (user, view) => {
          const payload = client.viewPayload(user, view, client.nextId('fz-view'));
          const callbackId = String(view.callbackId);
          const label = `${user.userId} submits ${callbackId} metadata=${short(view.privateMetadata, 100)} values=${short(view.values, 400)}`;
          const transition = callbackId === 'referral_decline_modal' ? 'pending' : callbackId === 'referral_close_modal' ? 'accepted' : null;
          const referral = transition ? await referralOf(referralIdIn(view.privateMetadata)) : undefined;
          const { answer, changed } = await exchange('view', () => client.interact(payload));
          check(answer.status < 500, () => `${label} → HTTP ${answer.status}`);
          const action = answer.json?.response_action;
          const shown = answer.json?.view as { title?: { text?: string }; blocks?: unknown } | undefined;
          const refused = action === 'errors' || (action === 'update' && (shown?.title?.text === 'Not stored' || REFUSED.test(textOf(shown?.blocks))));
          if (refused) {
            figures.refused++;
            if (changed.length) figures.refusedThatChangedRows++;
            check(changed.length === 0, () => `${label} was refused (${short(answer.text, 200)}) but changed ${changed.join(', ')}`);
            return;
          }
          if (changed.length === 0) return;
          figures.stored++;
          check((user !== stranger && user !== intakeWorker && user !== vsIntake) || transition !== null, () => `${label}: ${user.userId} stored ${changed.join(', ')}`);
          if (transition) {
            check(
              referral !== undefined && referral.status === transition && (await mayAct({ teamId: user.teamId, userId: user.userId }, referral)),
              () => `${label}: a transition of ${JSON.stringify(referral)} by someone not allowed, or from the wrong state, changed ${changed.join(', ')}`,
            );
          }
        }),
        { numRuns: RUNS.views, seed: SEED + 2, endOnFailure: true },
      );
    },
    120_000,
  );

  it(
    `survives ${RUNS.raw} raw bodies: invalid UTF-8, lone surrogates, malformed payloads`,
    async () => {
      const INVALID = ['%ED%A0%80', '%ED%BF%BF', '%FF', '%FE%FF', '%C0%AF', '%E2%82', '%F4%90%80%80', '%F8%88%80%80%80', '%00', '%', '%%', '%G1', '%C3'];
      const RAW_BYTES = [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80], [0x00]];
      const HEADS = [
        'ONS-WE age=18-24 gender=female offered=yes accepted=no note=',
        'add X',
        'E-1 to=WEFIGHT needs=shelter urgency=routine consent=yes note=',
        'ONS-WE ',
      ];
      const raws = fc.oneof(
        // Percent-escapes that decode to no valid UTF-8, in a command's text.
        fc
          .tuple(userArb(CAST), fc.constantFrom(...COMMAND_NAMES), fc.constantFrom(...HEADS), fc.constantFrom(...INVALID), fc.constantFrom('', 'x', ' area=Windsor'))
          .map(([user, command, head, bad, tail]) => {
            const body = client.commandBody(user, command, `${head}@@BAD@@${tail}`).replace(encodeURIComponent('@@BAD@@'), bad);
            return { label: `${user.userId} ${command} ${head}${bad}${tail}`, body, contentType: 'application/x-www-form-urlencoded' };
          }),
        // Raw bytes that are not UTF-8, signed over the bytes (as Slack would) or over their decoded text.
        fc
          .tuple(userArb(CAST), fc.constantFrom(...COMMAND_NAMES), fc.constantFrom(...RAW_BYTES), fc.boolean())
          .map(([user, command, bytes, signDecoded]) => {
            const [head, tail] = client.commandBody(user, command, 'ONS-WE age=18-24 gender=male offered=no accepted=no area=@@BAD@@').split(encodeURIComponent('@@BAD@@'));
            const body = Buffer.concat([Buffer.from(head!), Buffer.from(bytes), Buffer.from(tail!)]);
            return {
              label: `${user.userId} ${command} with raw bytes ${bytes.map((b) => b.toString(16)).join(' ')} (signed over the ${signDecoded ? 'decoded text' : 'bytes'})`,
              body: signDecoded ? body.toString('utf8') : body,
              contentType: 'application/x-www-form-urlencoded',
            };
          }),
        // JSON payloads with lone surrogates escaped (valid JSON, invalid Unicode) in free text and values.
        fc
          .tuple(userArb(CAST), fc.constantFrom('\\ud800', '\\udfff', 'a\\udc00b', '\\ud83d', '\\u0000'), fc.constantFrom('reason', 'note', 'value'))
          .map(([user, lone, where]) => {
            const id = client.nextId('fz-raw');
            const base =
              where === 'value'
                ? client.buttonPayload(user, { actionId: 'referral_accept', value: '{"referral":1,"x":"LONE"}' }, { channel: INTAKE_CHANNEL, ts: '1.2' }, id)
                : client.viewPayload(
                    user,
                    where === 'reason'
                      ? { callbackId: 'referral_decline_modal', privateMetadata: '{"referral":1}', values: { reason: { reason: { type: 'plain_text_input', value: 'No capacity LONE' } } } }
                      : {
                          callbackId: 'engage_modal',
                          values: {
                            operation: { operation: { selected_option: { value: 'ONS-WE' } } },
                            age_band: { age_band: { selected_option: { value: '25-34' } } },
                            gender: { gender: { selected_option: { value: 'female' } } },
                            offered: { offered: { selected_option: { value: 'yes' } } },
                            accepted: { accepted: { selected_option: { value: 'no' } } },
                            note: { note: { type: 'plain_text_input', value: `${SENTINEL_PREFIX}lone LONE` } },
                          },
                        },
                    id,
                  );
            // `lone` is a JSON escape such as \ud800: valid JSON text that decodes to invalid Unicode.
            const json = JSON.stringify(base).replace(/LONE/g, lone);
            return { label: `${user.userId}: payload with ${lone} in ${where}`, body: `payload=${encodeURIComponent(json)}`, contentType: 'application/x-www-form-urlencoded' };
          }),
        // Malformed envelopes Bolt answers at once: a payload that is not JSON, a body of the wrong type, an ssl_check.
        fc.constantFrom(
          { label: 'payload that is not JSON', body: 'payload=not-json', contentType: 'application/x-www-form-urlencoded' },
          { label: 'payload cut short', body: 'payload=%7B%22type%22%3A', contentType: 'application/x-www-form-urlencoded' },
          { label: 'JSON body that is not JSON', body: '{"type":', contentType: 'application/json' },
          { label: 'a command sent as text/plain', body: 'command=%2Fagency&text=list&user_id=U0ADMIN&team_id=T0TEAM', contentType: 'text/plain' },
          {
            label: 'ssl_check with a smuggled payload',
            body: `ssl_check=1&payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U0ADMIN', team_id: TEAM }, view: { callback_id: 'engage_modal' } }))}`,
            contentType: 'application/x-www-form-urlencoded',
          },
        ),
      );
      await fc.assert(
        fc.asyncProperty(raws, async (raw) => {
          const { answer, changed } = await exchange('raw', () => client.post(raw.body, signedHeaders(raw.body, raw.contentType)));
          check(answer.status < 500, () => `${raw.label} → HTTP ${answer.status}`);
          const reply = String(answer.json?.text ?? '');
          const title = String((answer.json?.view as { title?: { text?: string } } | undefined)?.title?.text ?? '');
          const stored = WRITE_SUCCESS.test(reply) || (answer.json?.response_action === 'update' && /^[ER]-\d+$/.test(title));
          if (stored) figures.stored++;
          else if (REFUSED.test(reply) || title === 'Not stored' || answer.status !== 200) figures.refused++;
          if (!stored && changed.length && (REFUSED.test(reply) || title === 'Not stored')) figures.refusedThatChangedRows++;
          // An empty 200 is a decline or close that went through; anything else that stored must say so.
          check(stored || changed.length === 0 || (answer.status === 200 && answer.text === ''), () => `${raw.label} answered ${short(answer.text, 200)} yet changed ${changed.join(', ')}`);
        }),
        { numRuns: RUNS.raw, seed: SEED + 3, endOnFailure: true },
      );
    },
    60_000,
  );

  it(
    `survives ${RUNS.unmatched} requests no listener takes, sent at once`,
    async () => {
      // Bolt answers these only after its 3 s timeout, so they go out together and are checked as a batch:
      // nothing else runs meanwhile, so any change in the database is theirs.
      const unmatched = fc.oneof(
        fc
          .tuple(userArb(CAST), fc.constantFrom(...UNKNOWN_ACTIONS), buttonValueArb(maxIds.r))
          .map(([user, actionId, value]) => ({
            label: `${user.userId} clicks ${JSON.stringify(actionId)}`,
            body: new URLSearchParams({ payload: JSON.stringify(client.buttonPayload(user, { actionId, value }, { channel: INTAKE_CHANNEL, ts: '1.2' }, client.nextId('fz-un'))) }).toString(),
            contentType: 'application/x-www-form-urlencoded',
          })),
        fc
          .tuple(userArb(CAST), fc.constantFrom('unknown_modal', 'done_modal', 'ENGAGE_MODAL', '', 'engage_modal ', 'refer_modal\u0000'), fc.constantFrom<unknown>('{"referral":1}', ''))
          .map(([user, callbackId, privateMetadata]) => ({
            label: `${user.userId} submits ${JSON.stringify(callbackId)}`,
            body: new URLSearchParams({
              payload: JSON.stringify(
                client.viewPayload(user, { callbackId, privateMetadata, values: { reason: { reason: { value: `${SENTINEL_PREFIX}unmatched` } } } }, client.nextId('fz-un')),
              ),
            }).toString(),
            contentType: 'application/x-www-form-urlencoded',
          })),
        fc.constantFrom(
          { label: 'payload JSON array', body: 'payload=%5B1%2C2%5D', contentType: 'application/x-www-form-urlencoded' },
          { label: 'payload JSON number', body: 'payload=7', contentType: 'application/x-www-form-urlencoded' },
          { label: 'empty form body', body: '', contentType: 'application/x-www-form-urlencoded' },
          { label: 'JSON number body', body: '42', contentType: 'application/json' },
          { label: 'JSON event of no known type', body: '{"type":"event_callback","team_id":"T0TEAM","event":{"type":"nope"}}', contentType: 'application/json' },
          { label: 'block_actions with no actions', body: `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U0ADMIN', team_id: TEAM }, team: { id: TEAM }, actions: [] }))}`, contentType: 'application/x-www-form-urlencoded' },
          { label: 'interaction of an unknown type', body: `payload=${encodeURIComponent(JSON.stringify({ type: 'dialog_submission', user: { id: 'U0ADMIN', team_id: TEAM }, team: { id: TEAM } }))}`, contentType: 'application/x-www-form-urlencoded' },
        ),
      );
      const before = await snapshot();
      const batch: Array<{ label: string; answer: Promise<HttpAnswer> }> = [];
      await fc.assert(
        fc.asyncProperty(unmatched, async (raw) => {
          batch.push({ label: raw.label, answer: client.post(raw.body, signedHeaders(raw.body, raw.contentType), 10_000) });
        }),
        { numRuns: RUNS.unmatched, seed: SEED + 4 },
      );
      const settled = await Promise.allSettled(batch.map((b) => b.answer));
      const statuses: Record<string, number> = {};
      settled.forEach((s, i) => {
        const status = s.status === 'fulfilled' ? s.value.status : 0;
        count('unmatched', status);
        figures.unmatched++;
        statuses[status] = (statuses[status] ?? 0) + 1;
        check(status !== 0 && status < 500, () => `${batch[i]!.label} → ${s.status === 'fulfilled' ? `HTTP ${status}` : String(s.reason)}`);
      });
      console.log(`fuzz: unmatched requests answered ${JSON.stringify(statuses)}`);
      expect(changes(before, await snapshot())).toEqual([]);
    },
    30_000,
  );

  it('refuses a body over the size limit and changes nothing', async () => {
    const before = await snapshot();
    const padding = 'x'.repeat(REQUEST_BODY_LIMIT + 1024);
    const body = client.commandBody(admin, '/agency', `add BIG "${padding}" kind=police`);
    expect(body.length).toBeGreaterThan(REQUEST_BODY_LIMIT);
    const answer = await client.post(body, signedHeaders(body, 'application/x-www-form-urlencoded'));
    count('size-limit', answer.status);
    expect(answer.status).toBe(413);
    // Just over the limit, as a button payload: refused the same way.
    const click = `payload=${encodeURIComponent(JSON.stringify(client.buttonPayload(intakeWorker, { actionId: 'referral_accept', value: JSON.stringify({ referral: 1, pad: 'p'.repeat(REQUEST_BODY_LIMIT) }) }, { channel: INTAKE_CHANNEL, ts: '1.2' })))}`;
    const clicked = await client.post(click, signedHeaders(click, 'application/x-www-form-urlencoded'));
    count('size-limit', clicked.status);
    expect(clicked.status).toBe(413);
    expect(changes(before, await snapshot())).toEqual([]);
  });

  it('ends healthy, with no 5xx, no token and no free text in the logs, after at least 10,000 inputs', async () => {
    expect(await h.healthz()).toEqual({ status: 200, body: { ok: true } });

    const leaks = h.logs.filter((line) => line.includes('xoxb-') || line.includes(BOT_TOKEN) || line.includes(SENTINEL_PREFIX));
    const errors = new Map<string, number>();
    for (const line of h.logs) {
      const entry = JSON.parse(line) as { level: string; msg: string; error?: { message?: string }; view?: string; action?: string; command?: string };
      if (entry.level !== 'error') continue;
      const key = `${entry.msg} ${entry.command ?? entry.view ?? entry.action ?? ''} ${entry.error?.message ?? ''}`.trim();
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
    const storedSentinels = await h.sql.value<number>(`SELECT (SELECT count(*) FROM engagements WHERE note LIKE '${SENTINEL_PREFIX}%' OR area LIKE '${SENTINEL_PREFIX}%')
                     + (SELECT count(*) FROM referrals WHERE note LIKE '${SENTINEL_PREFIX}%' OR decline_reason LIKE '${SENTINEL_PREFIX}%')
                     + (SELECT count(*) FROM charges WHERE note LIKE '${SENTINEL_PREFIX}%')`);
    const rollups = await rollupProblems(h.sql);
    for (const call of h.slack.calls) {
      const surface = call.method.startsWith('views.') ? 'view' : 'message';
      const payload = surface === 'view' ? call.args.view : call.args;
      for (const problem of slackLimitProblems(payload, surface).slice(0, 1)) figures.overSlackLimits.push(`${call.method}: ${problem}`);
    }
    console.log(
      `fuzz summary: ${JSON.stringify({
        storedSentinels,
        rollupProblems: rollups.length,
        seed: SEED,
        ...figures,
        logLines: h.logs.length,
        leakingLogLines: leaks.length,
        errorLogs: Object.fromEntries(errors),
        seconds: Math.round((Date.now() - began) / 100) / 10,
      })}`,
    );
    expect(leaks.slice(0, 3)).toEqual([]);
    expect(rollups).toEqual([]);
    expect(figures.overSlackLimits.slice(0, 5)).toEqual([]);
    expect(figures.fiveXX).toBe(0);
    expect(figures.refusedThatChangedRows).toBe(0);
    expect(figures.sent).toBeGreaterThanOrEqual(10_000);
  }, 30_000);

  // What the fuzz found once, kept as tests so it stays fixed.
  describe('found by the fuzzer', () => {
    // The form once passed age band and gender to the database unchecked: only the CHECK constraint
    // stopped an unknown value, and the officer read "Something went wrong on our side".
    it('refuses an unknown age band in the /engage form under its field, without an internal error', async () => {
      const errorsBefore = h.logs.filter((l) => l.includes('"level":"error"')).length;
      const answer = await client.interact(
        client.viewPayload(wpsOfficer, {
          callbackId: 'engage_modal',
          privateMetadata: '{"channel":"CGENERAL"}',
          values: {
            operation: { operation: { type: 'static_select', selected_option: { value: 'ONS-WE' } } },
            age_band: { age_band: { type: 'static_select', selected_option: { value: 'adult' } } },
            gender: { gender: { type: 'radio_buttons', selected_option: { value: 'female' } } },
            offered: { offered: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
            accepted: { accepted: { type: 'radio_buttons', selected_option: { value: 'no' } } },
          },
        }),
      );
      expect(answer.status).toBe(200);
      expect(h.logs.filter((l) => l.includes('"level":"error"')).length).toBe(errorsBefore);
      expect(answer.json).toMatchObject({ response_action: 'errors', errors: { age_band: expect.any(String) } });
    });

    // Free text typed as "<!here> see <https://evil.example|the file>" once reached the card's mrkdwn
    // as a live @here and a disguised link in the receiving agency's intake channel.
    it('shows free text on a referral card literally, never as a live mention or disguised link', async () => {
      const logged = await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=female offered=yes accepted=yes area="&lt;!channel&gt; downtown"');
      const e = /E-\d+/.exec(logged)![0];
      const answer = await client.command(wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=yes note="&lt;!here&gt; see &lt;https://evil.example|the file&gt;"`);
      const reply = String(answer.json?.text ?? '');
      if (REFUSED.test(reply)) return; // refusing such text is a fix too
      const ref = /R-\d+/.exec(reply)![0];
      // The card is posted as a line, then drawn with its details and buttons: wait for the drawing.
      await expect.poll(() => h.slack.channelMessages(INTAKE_CHANNEL).some((m) => m.text.includes(`${ref} `) && buttonsOf(m).length > 0)).toBe(true);
      const card = textOf(h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `))!.blocks);
      expect(card).not.toMatch(/<!(channel|here|everyone)>|<https?:[^>|]*\|/);
    });
  });
});
