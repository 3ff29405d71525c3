// What the sandbox learns from manifest.yml at start, as Slack learns it when the app is created:
// the app's name and colour, its slash commands with their descriptions and usage hints, and the
// App Home settings. The message box completes commands from this list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const MANIFEST_PATH = fileURLToPath(new URL('../../manifest.yml', import.meta.url));

const ZManifest = z.object({
  display_information: z.object({ name: z.string(), background_color: z.string().optional() }),
  features: z.object({
    app_home: z
      .object({
        home_tab_enabled: z.boolean().optional(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    slash_commands: z
      .array(
        z.object({ command: z.string(), description: z.string(), usage_hint: z.string().optional(), should_escape: z.boolean().optional() }),
      )
      .default([]),
  }),
});

export interface SlashCommandSpec {
  command: string;
  description: string;
  usageHint: string;
  /** Slack turns typed @mentions and #channels into `<@U…>` and `<#C…>` for such commands. */
  shouldEscape: boolean;
}

export interface AppManifest {
  name: string;
  color: string;
  commands: SlashCommandSpec[];
  homeTab: boolean;
  messagesTabReadOnly: boolean;
}

export function readManifest(path = MANIFEST_PATH): AppManifest {
  const manifest = ZManifest.parse(parse(readFileSync(path, 'utf8')));
  const home = manifest.features.app_home ?? {};
  return {
    name: manifest.display_information.name,
    color: manifest.display_information.background_color ?? '#4a154b',
    commands: manifest.features.slash_commands.map((c) => ({
      command: c.command,
      description: c.description,
      usageHint: c.usage_hint ?? '',
      shouldEscape: c.should_escape ?? false,
    })),
    homeTab: home.home_tab_enabled ?? false,
    messagesTabReadOnly: home.messages_tab_read_only_enabled ?? false,
  };
}
