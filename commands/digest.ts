// /digest: preview an operation's digest (only the caller sees it), or post it now.
import { z } from 'zod';
import { reason } from './shared/reasons.js';
import { buildDigestMessage } from '../src/blocks/digest.js';
import { claimManualDigest, localDay } from '../src/domain/digest-runs.js';
import { computeDigest } from '../src/domain/digest.js';
import { AppError } from '../src/domain/errors.js';
import { requireOperation, treeAgencyIds } from '../src/domain/operations.js';
import { authorize } from '../src/domain/permissions.js';
import { parseArgs, validateArgs, ZCode } from './shared/args.js';
import { requestContext } from './shared/context.js';
import { isHelp, reply, usageReply } from './shared/reply.js';
import type { CommandDefinition } from './shared/types.js';

const ZDigest = z.object({ operation: ZCode, action: z.enum(['post'], reason('onlyPost')).optional() });

export const digestCommand: CommandDefinition = {
  name: '/digest',
  usage: (msg) => msg.usage.digest,
  async run(text, ctx) {
    const { msg, deps } = ctx;
    if (text.trim() === '' || isHelp(text)) return usageReply(msg.usage.digest);
    const input = validateArgs(ZDigest, parseArgs(text), ['operation', 'action'], msg.usage.digest, msg);
    const request = await requestContext(ctx);
    const operation = await requireOperation(ctx.tx, input.operation);
    // Coordinators see the digest of any operation their agency took part in, at any level of its tree.
    authorize(request.principal, 'digest', { joinedAgencyIds: await treeAgencyIds(ctx.tx, operation.id) });
    const now = deps.clock.now();
    const localDate = localDay(now.getTime(), operation.timezone);
    if (input.action !== 'post') {
      const digest = await computeDigest(ctx.tx, operation.id, now, deps.config.overdueLimits.pending);
      const preview = buildDigestMessage(digest, localDate, msg, { audience: 'preview', hideBelow: operation.hideBelow });
      return reply(preview.text, { blocks: preview.blocks });
    }
    if (!operation.digestChannelId) throw new AppError('invalid_input', { problem: 'noDigestChannel', operationCode: operation.code });
    const runId = await claimManualDigest(request, operation, localDate);
    return reply(msg.digest.posting(operation.code), { effects: [{ type: 'post_digest', operationId: operation.id, runId, localDate }] });
  },
};
