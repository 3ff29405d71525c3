// /agency: see the usage in src/i18n/en.ts and the contract.
import type { CommandDefinition } from './shared/types.js';
import { usageReply } from './shared/reply.js';

export const agencyCommand: CommandDefinition = {
  name: '/agency',
  usage: (msg) => msg.usage.agency,
  run(_text, ctx) {
    return usageReply(ctx.msg.usage.agency);
  },
};
