// Seeds a fresh Liaison through its front door: real signed slash commands from a bootstrap admin
// register an agency, an officer and an open operation, so the load's /engage takes the same path
// as a real officer's (permission check included) and nothing is written behind the app's back.
import { ADMIN_USER, AGENCY_CODE, ENGAGE_TEXT, LOGGED_MARK, OFFICER_USER, OPERATION_CODE } from './constants.js';
import { sendCommand } from './slack-signing.js';

const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function seedLiaison(port: number, responseBase: string): Promise<void> {
  let sequence = 1_000_000_000;
  const steps: Array<[user: string, command: string, text: string]> = [
    [ADMIN_USER, '/agency', `add ${AGENCY_CODE} "Bench Police Service" kind=police`],
    [ADMIN_USER, '/agency', `member <@${OFFICER_USER}|officer> ${AGENCY_CODE} role=officer`],
    [ADMIN_USER, '/op', `create ${OPERATION_CODE} "Bench Operation" start=${isoDate(-7)} end=${isoDate(30)} lead=${AGENCY_CODE}`],
    [ADMIN_USER, '/op', `join ${OPERATION_CODE} ${AGENCY_CODE} officers=40 support_staff=4 victim_services=2`],
    [OFFICER_USER, '/engage', ENGAGE_TEXT],
  ];
  const transcript: string[] = [];
  for (const [userId, command, text] of steps) {
    const answer = await sendCommand(port, { userId, command, text, sequence: ++sequence, responseBase });
    transcript.push(`${command} ${text} → ${answer.status} ${answer.text}`);
    if (answer.status !== 200) throw new Error(`seeding failed:\n${transcript.join('\n')}`);
  }
  // The last step is the load's own command: it must be logged, or the load would measure refusals.
  if (!transcript.at(-1)!.includes(LOGGED_MARK)) throw new Error(`seeding failed:\n${transcript.join('\n')}`);
}
