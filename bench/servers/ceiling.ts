// The ceiling: the least any server can do for a Slack request on this machine — read the body,
// verify the v0 signature within Slack's five-minute window, answer 200. No framework, no work.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveTheBench } from './child.js';

const secret = process.env.SLACK_SIGNING_SECRET ?? '';
const FIVE_MINUTES_S = 5 * 60;
/** Liaison's body limit (passed in by the bench): a larger body is refused unread. */
const BODY_LIMIT = Number(process.env.BODY_LIMIT ?? 256 * 1024);

function verified(body: string, timestamp: string | undefined, signature: string | undefined): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > FIVE_MINUTES_S || !signature) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/slack/events') {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      res.writeHead(413, { connection: 'close' });
      res.end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const ok = verified(body, req.headers['x-slack-request-timestamp'] as string | undefined, req.headers['x-slack-signature'] as string | undefined);
    res.writeHead(ok ? 200 : 401);
    res.end();
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
serveTheBench(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
