// The domain speaks in codes: no file under src/domain imports the catalogue (src/i18n) or Slack
// (src/slack, @slack/*). Read from the files' own import specifiers, so a new import fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOMAIN = join(ROOT, 'src/domain');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module a file names: static imports and re-exports (`from '…'`), side-effect imports, `import('…')`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const match of text.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

/** The specifier as a path under the repository, or the package name when it is not relative. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? relative(ROOT, resolve(dirname(file), specifier)) : specifier;
}

const forbidden = (to: string) => to === 'src/i18n' || to.startsWith('src/i18n/') || to === 'src/slack' || to.startsWith('src/slack/') || to.startsWith('@slack/');

describe('the domain', () => {
  const files = sourceFiles(DOMAIN);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports neither the catalogue nor Slack', () => {
    const offences = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .map((s) => target(file, s))
        .filter(forbidden)
        .map((to) => `${relative(ROOT, file)} → ${to}`),
    );
    expect(offences).toEqual([]);
  });

  it('would be caught importing them', () => {
    const file = join(DOMAIN, 'example.ts');
    const text = "import type { Messages } from '../i18n/index.js';\nimport { x } from '../slack/errors.js';\nconst y = await import('@slack/bolt');";
    expect(specifiers(text).map((s) => target(file, s)).filter(forbidden)).toEqual(['src/i18n/index.js', 'src/slack/errors.js', '@slack/bolt']);
  });
});
