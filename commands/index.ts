// The registry of slash commands; manifest.yml must list exactly these (a test checks it).
import { agencyCommand } from './agency.js';
import { chargeCommand } from './charge.js';
import { digestCommand } from './digest.js';
import { engageCommand } from './engage.js';
import { opCommand } from './op.js';
import { referCommand } from './refer.js';
import type { CommandDefinition } from './shared/types.js';

export const COMMANDS: readonly CommandDefinition[] = [
  agencyCommand,
  opCommand,
  engageCommand,
  referCommand,
  chargeCommand,
  digestCommand,
];

export type { CommandContext, CommandDefinition, CommandResult } from './shared/types.js';
