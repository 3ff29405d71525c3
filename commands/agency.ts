// /agency: add, list, show and register members of partner agencies.
import { reasonText } from './shared/reasons.js';
import { z } from 'zod';
import { AGENCY_KINDS, LANGUAGES, ROLES } from '../db/vocabulary.js';
import { addAgency, listAgencies, setMember, setMembers, showAgency } from '../src/domain/agencies.js';
import { invalidInput, type ParsedArgs, parseArgs, validateArgs, ZChannelId, ZCode, ZName, ZUserId, zOneOf } from './shared/args.js';
import { requestContext, splitSubcommand } from './shared/context.js';
import { renderProblem } from '../src/i18n/problems.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandContext, CommandDefinition } from './shared/types.js';

const ZAdd = z.object({ code: ZCode, name: ZName, kind: zOneOf(AGENCY_KINDS), intake: ZChannelId.optional(), lang: zOneOf(LANGUAGES).optional() });
const ZShow = z.object({ code: ZCode });
const ZMember = z.object({ user: ZUserId, code: ZCode, role: zOneOf(ROLES) });

/** People one `/agency member` may name: a coordinator's team at a time, within Slack's 4,000 characters. */
const MAX_MEMBERS_PER_COMMAND = 50;

export const agencyCommand: CommandDefinition = {
  name: '/agency',
  usage: (msg) => msg.usage.agency,
  async run(text, ctx) {
    const { msg } = ctx;
    const usage = msg.usage.agency;
    const { sub, rest } = splitSubcommand(text);
    if (sub === '' || isHelp(sub)) return usageReply(usage);
    const args = parseArgs(rest);
    switch (sub) {
      case 'add': {
        const input = validateArgs(ZAdd, args, ['code', 'name'], usage, msg);
        const agency = await addAgency(await requestContext(ctx), { code: input.code, name: input.name, kind: input.kind, intakeChannelId: input.intake, lang: input.lang });
        return reply(msg.agency.added(agency));
      }
      case 'list': {
        validateArgs(z.object({}), args, [], usage, msg);
        return reply(msg.agency.list(await listAgencies(await requestContext(ctx))));
      }
      case 'show': {
        const input = validateArgs(ZShow, args, ['code'], usage, msg);
        return reply(msg.agency.show(await showAgency(await requestContext(ctx), input.code)));
      }
      case 'member':
        return registerMembers(args, ctx, usage);
      default:
        return reply(msg.parse.unknownSubcommand('/agency', sub, usage));
    }
  },
};

/**
 * `/agency member <user> [<user> …] <CODE> role=…`: every mention is checked before anyone is
 * registered; a person already at another agency is refused alone, and the answer says what
 * happened to each.
 */
async function registerMembers(args: ParsedArgs, ctx: CommandContext, usage: string) {
  const { msg } = ctx;
  const people = args.positionals.slice(0, -1);
  if (people.length <= 1) {
    const input = validateArgs(ZMember, args, ['user', 'code'], usage, msg);
    const result = await setMember(await requestContext(ctx), { userId: input.user, agencyCode: input.code, role: input.role });
    return reply(msg.agency.memberSet(input.user, result.agency.code, result.role, result.previous));
  }
  if (people.length > MAX_MEMBERS_PER_COMMAND) return reply(msg.agency.tooManyMembers(MAX_MEMBERS_PER_COMMAND));
  const input = validateArgs(ZMember, { ...args, positionals: [people[0]!, args.positionals.at(-1)!] }, ['user', 'code'], usage, msg);
  const userIds: string[] = [];
  const problems: string[] = [];
  for (const person of people) {
    const parsed = ZUserId.safeParse(person);
    if (parsed.success) userIds.push(parsed.data);
    else problems.push(msg.parse.badValue(`\`<user>\` (${person.slice(0, 40)})`, reasonText(parsed.error.issues[0]!.message, msg)));
  }
  if (problems.length > 0) throw invalidInput(problems, usage);
  const { agency, outcomes } = await setMembers(await requestContext(ctx), { userIds, agencyCode: input.code, role: input.role });
  const lines = outcomes.map((o) => ('refusal' in o ? renderProblem(o.refusal, msg) : msg.agency.memberSet(o.userId, agency.code, input.role, o.previous)));
  return reply(msg.agency.membersSet(lines));
}
