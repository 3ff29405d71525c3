// One load run: autocannon on loopback, every request a slash command signed at the moment it is
// built (setupRequest runs before each send), so a signature is never reused or stale. Latencies
// are taken from autocannon's per-response timings (fractional ms) rather than its histogram,
// which rounds to whole milliseconds: too coarse for sub-millisecond servers.
import autocannon from 'autocannon';
import { LOOPBACK } from './constants.js';
import { signedHeaders, slashCommandBody } from './slack-signing.js';

export interface LoadSpec {
  port: number;
  connections: number;
  /** Seconds; or `amount` requests. */
  duration?: number;
  amount?: number;
  /** With `duration` as a cap: stop as soon as this many responses arrived. */
  stopAfter?: number;
  command: string;
  text: string;
  userId: string;
  responseBase: string;
  /** When given, every 2xx body is checked with it; failures are counted and a few kept. */
  expectBody?: (body: string) => boolean;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Responses of any status. */
  responses: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  /** 2xx bodies checked, and how many did not pass. */
  checked: number;
  checkFailures: number;
  samples: string[];
}

let sequence = 0;

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let checked = 0;
  let checkFailures = 0;
  const samples: string[] = [];
  const instance = autocannon({
    url: `http://${LOOPBACK}:${spec.port}`,
    connections: spec.connections,
    pipelining: 1,
    timeout: 10,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request) => {
          const body = slashCommandBody({
            userId: spec.userId,
            command: spec.command,
            text: spec.text,
            sequence: ++sequence,
            responseBase: spec.responseBase,
          });
          return { ...request, body, headers: signedHeaders(body) };
        },
        onResponse: (status, body) => {
          if (!spec.expectBody || status < 200 || status > 299) return;
          checked++;
          if (samples.length < 3) samples.push(body);
          if (!spec.expectBody(body)) {
            checkFailures++;
            if (samples.length < 6) samples.push(`FAILED CHECK: ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  let responses = 0;
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status <= 299) latencies.push(responseTime);
    if (++responses === spec.stopAfter) instance.stop();
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const ok = result['2xx'];
  return {
    connections: spec.connections,
    seconds: result.duration,
    responses: ok + result.non2xx,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: ok / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    checked,
    checkFailures,
    samples,
  };
}
