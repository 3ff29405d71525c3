// The README's sandbox walk-through, run as written on a freshly seeded sandbox through the page's
// own API: each line is what a person types (or presses) and must go through, not be refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { CHANNELS, EVERYONE } from '../../src/sandbox/cast.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { elementsOf } from '../../src/sandbox/workspace.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const WALK_THROUGH = /<!-- sandbox walk-through -->\s*```\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
const STEPS = WALK_THROUGH.split('\n')
  .map((line) => /^(\w+) in #([\w-]+)\s+(.+)$/.exec(line.trim()))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([line, handle, channel, action]) => ({ line: line!, handle: handle!, channel: channel!, action: action! }));

describe('the README’s sandbox walk-through', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-walk-through-'));
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ env: { PORT: '0', DATABASE_PATH: join(dir, 'sandbox.db') }, logger: createLogger('warn', () => {}), cron: false });
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = async (action: string, body: unknown) => {
    const res = await fetch(`${sandbox.url}/sandbox/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; outcome?: string; result?: string };
  };

  it('has steps', () => {
    expect(STEPS.length).toBeGreaterThanOrEqual(5);
  });

  it.each(STEPS)('$line', async ({ handle, channel, action }) => {
    const person = EVERYONE.find((p) => p.handle === handle)!;
    const conversation = Object.values(CHANNELS).find((c) => c.name === channel)!;
    expect(person, handle).toBeDefined();
    expect(conversation, channel).toBeDefined();
    const press = /^press (\w+) on (R-\d+)$/.exec(action);
    if (!press) {
      const answer = await page('send', { as: person.id, channel: conversation.id, text: action });
      expect(answer.outcome, action).toBe('answered');
      return;
    }
    const [, label, ref] = press;
    const labelled = (e: Record<string, unknown>) => (e.text as { text?: string } | undefined)?.text === label;
    // The card follows the answer to /refer: wait until it shows the button.
    const find = () => {
      const card = sandbox.workspace.messagesFor(person.id, conversation.id).find((m) => new RegExp(`\\b${ref}\\b`).test(m.text));
      const block = card?.blocks.find((b) => elementsOf(b).some(labelled));
      return card && block ? { card, block, button: elementsOf(block).find(labelled)! } : undefined;
    };
    await expect.poll(find, { message: `${label} on ${ref} in #${channel}` }).toBeDefined();
    const { card, block, button } = find()!;
    const clicked = await page('click', { as: person.id, surface: 'message', channel: conversation.id, ts: card.ts, blockId: block.block_id, actionId: button.action_id });
    expect(clicked.result).toBe('sent');
  });
});
