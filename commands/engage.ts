// /engage: see the usage in src/i18n/en.ts and the contract.
import type { CommandDefinition } from './shared/types.js';
import { usageReply } from './shared/reply.js';

export const engageCommand: CommandDefinition = {
  name: '/engage',
  usage: (msg) => msg.usage.engage,
  run(_text, ctx) {
    return usageReply(ctx.msg.usage.engage);
  },
};
