// /charge: see the usage in src/i18n/en.ts and the contract.
import type { CommandDefinition } from './shared/types.js';
import { usageReply } from './shared/reply.js';

export const chargeCommand: CommandDefinition = {
  name: '/charge',
  usage: (msg) => msg.usage.charge,
  run(_text, ctx) {
    return usageReply(ctx.msg.usage.charge);
  },
};
