// /op: create, join, list, show and close operations.
import { z } from 'zod';
import { reason } from './shared/reasons.js';
import { computeDigest } from '../src/domain/digest.js';
import { DIGEST_LANGUAGES } from '../db/vocabulary.js';
import { closeOperation, createOperation, inviteAgency, joinOperation, listOperations, requireOperation } from '../src/domain/operations.js';
import { authorize } from '../src/domain/permissions.js';
import { isClockTime, isIsoDate, isValidTimeZone } from '../src/domain/time.js';
import { parseArgs, validateArgs, ZChannelId, ZCode, ZCount, ZName, zOneOf } from './shared/args.js';
import { requestContext, splitSubcommand } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition } from './shared/types.js';

const ZDate = z.string().refine(isIsoDate, reason('date'));

const ZCreate = z.object({
  code: ZCode,
  name: ZName,
  start: ZDate,
  end: ZDate,
  lead: ZCode,
  parent: ZCode.optional(),
  tz: z.string().refine(isValidTimeZone, reason('timeZone')).optional(),
  digest: ZChannelId.optional(),
  digest_time: z.string().refine(isClockTime, reason('clockTime')).optional(),
  lang: zOneOf(DIGEST_LANGUAGES).optional(),
  hide_below: z
    .string()
    .regex(/^\d{1,3}$/, reason('hideBelow'))
    .transform(Number)
    .pipe(z.number().min(1, reason('hideBelow')).max(100, reason('hideBelow')))
    .optional(),
});
const ZInvite = z.object({ code: ZCode, agency: ZCode });
const ZJoin = z.object({
  code: ZCode,
  agency: ZCode,
  officers: ZCount.optional(),
  support_staff: ZCount.optional(),
  victim_services: ZCount.optional(),
});
const ZCodeOnly = z.object({ code: ZCode });

export const opCommand: CommandDefinition = {
  name: '/op',
  usage: (msg) => msg.usage.op,
  async run(text, ctx) {
    const { msg } = ctx;
    const usage = msg.usage.op;
    const { sub, rest } = splitSubcommand(text);
    if (sub === '' || isHelp(sub)) return usageReply(usage);
    const args = parseArgs(rest);
    switch (sub) {
      case 'create': {
        const input = validateArgs(ZCreate, args, ['code', 'name'], usage, msg);
        const operation = await createOperation(await requestContext(ctx), {
          code: input.code,
          name: input.name,
          startDate: input.start,
          endDate: input.end,
          leadCode: input.lead,
          parentCode: input.parent,
          timezone: input.tz,
          digestChannelId: input.digest,
          digestTime: input.digest_time,
          lang: input.lang,
          hideBelow: input.hide_below,
        });
        return reply(msg.op.created(operation));
      }
      case 'join': {
        const input = validateArgs(ZJoin, args, ['code', 'agency'], usage, msg);
        const result = await joinOperation(await requestContext(ctx), {
          operationCode: input.code,
          agencyCode: input.agency,
          officers: input.officers,
          supportStaff: input.support_staff,
          victimServices: input.victim_services,
        });
        return reply(msg.op.joined(input.agency, result.operation.code, result.participation, result.rejoined));
      }
      case 'invite': {
        const input = validateArgs(ZInvite, args, ['code', 'agency'], usage, msg);
        const result = await inviteAgency(await requestContext(ctx), input.code, input.agency);
        return reply(msg.op.invited(result.agency, result.operation.code, result.already));
      }
      case 'list': {
        validateArgs(z.object({}), args, [], usage, msg);
        return reply(msg.op.list(await listOperations(await requestContext(ctx))));
      }
      case 'show': {
        const input = validateArgs(ZCodeOnly, args, ['code'], usage, msg);
        const request = await requestContext(ctx);
        authorize(request.principal, 'read', {});
        const operation = await requireOperation(ctx.tx, input.code);
        return reply(msg.op.show(operation, await computeDigest(ctx.tx, operation.id, ctx.deps.clock.now())));
      }
      case 'close': {
        const input = validateArgs(ZCodeOnly, args, ['code'], usage, msg);
        return reply(msg.op.closedNow((await closeOperation(await requestContext(ctx), input.code)).code));
      }
      default:
        return reply(msg.parse.unknownSubcommand('/op', sub, usage));
    }
  },
};
