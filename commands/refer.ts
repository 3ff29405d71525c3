// /refer: see the usage in src/i18n/en.ts and the contract.
import type { CommandDefinition } from './shared/types.js';
import { usageReply } from './shared/reply.js';

export const referCommand: CommandDefinition = {
  name: '/refer',
  usage: (msg) => msg.usage.refer,
  run(_text, ctx) {
    return usageReply(ctx.msg.usage.refer);
  },
};
