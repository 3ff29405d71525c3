// A tiny stand-in for the Slack Web API on loopback: Bolt calls `auth.test` once at construction
// (token verification, as Liaison configures it); anything else answers `{ ok: true }` so a stray
// call never hangs a server under load.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK, TEAM_ID } from './constants.js';

export interface SlackStub {
  /** Base URL for SLACK_API_URL (with the trailing slash the Web API client expects). */
  apiUrl: string;
  /** Base for response_url values. */
  base: string;
  calls: Map<string, number>;
  stop(): Promise<void>;
}

export async function startSlackStub(): Promise<SlackStub> {
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      calls.set(method, (calls.get(method) ?? 0) + 1);
      const body =
        method === 'auth.test'
          ? { ok: true, url: 'https://bench.slack.invalid/', team: 'Bench', user: 'liaison', team_id: TEAM_ID, user_id: 'U0BOT', bot_id: 'B0BOT' }
          : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://${LOOPBACK}:${port}/api/`,
    base: `http://${LOOPBACK}:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
