// /op: see the usage in src/i18n/en.ts and the contract.
import type { CommandDefinition } from './shared/types.js';
import { usageReply } from './shared/reply.js';

export const opCommand: CommandDefinition = {
  name: '/op',
  usage: (msg) => msg.usage.op,
  run(_text, ctx) {
    return usageReply(ctx.msg.usage.op);
  },
};
