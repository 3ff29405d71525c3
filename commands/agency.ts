// /agency: add, list, show and register members of partner agencies.
import { z } from 'zod';
import { AGENCY_KINDS, LANGUAGES, ROLES } from '../db/vocabulary.js';
import { addAgency, listAgencies, setMember, showAgency } from '../src/domain/agencies.js';
import { parseArgs, validateArgs, ZChannelId, ZCode, ZName, ZUserId, zOneOf } from './shared/args.js';
import { requestContext, splitSubcommand } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition } from './shared/types.js';

const ZAdd = z.object({ code: ZCode, name: ZName, kind: zOneOf(AGENCY_KINDS), intake: ZChannelId.optional(), lang: zOneOf(LANGUAGES).optional() });
const ZShow = z.object({ code: ZCode });
const ZMember = z.object({ user: ZUserId, code: ZCode, role: zOneOf(ROLES) });

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
      case 'member': {
        const input = validateArgs(ZMember, args, ['user', 'code'], usage, msg);
        const result = await setMember(await requestContext(ctx), { userId: input.user, agencyCode: input.code, role: input.role });
        return reply(msg.agency.memberSet(input.user, result.agency.code, result.role, result.previous));
      }
      default:
        return reply(msg.parse.unknownSubcommand('/agency', sub, usage));
    }
  },
};
