// manifest.yml is the truth Slack sees: its commands are exactly the modules in commands/.
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';

const manifest = parse(readFileSync('manifest.yml', 'utf8'));

describe('manifest.yml', () => {
  const inManifest = (manifest.features.slash_commands as Array<{ command: string }>).map((c) => c.command).sort();

  it('lists exactly the registered commands', () => {
    expect(inManifest).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it('has one module in commands/ per command', () => {
    const modules = readdirSync('commands')
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => `/${f.replace(/\.ts$/, '')}`)
      .sort();
    expect(modules).toEqual(inManifest);
  });

  it('asks Slack to escape channels and users, so the parser sees IDs', () => {
    for (const c of manifest.features.slash_commands) expect(c.should_escape).toBe(true);
  });
});
