// /digest: see the usage in src/i18n/en.ts and the contract.
import type { CommandDefinition } from './shared/types.js';
import { usageReply } from './shared/reply.js';

export const digestCommand: CommandDefinition = {
  name: '/digest',
  usage: (msg) => msg.usage.digest,
  run(_text, ctx) {
    return usageReply(ctx.msg.usage.digest);
  },
};
