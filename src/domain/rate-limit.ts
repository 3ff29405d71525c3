// Per-person rate limiting of commands: a token bucket per (team, user), so a stuck client or a
// script cannot flood the database, while a person typing at full speed is never slowed.
import type { Actor } from './actor.js';

export interface RateLimit {
  /** Commands a person may send in a burst. */
  burst: number;
  /** Commands per minute sustained; 0 turns the limit off. */
  perMinute: number;
}

export class CommandRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Takes one command from the person's bucket; returns 0, or the seconds to wait when empty. */
  take(actor: Actor, now: number): number {
    if (this.limit.perMinute <= 0) return 0;
    const key = `${actor.teamId}:${actor.userId}`;
    const refillPerMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
  }

  /** Buckets that have refilled carry no information: drop them so memory stays bounded. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * (this.limit.perMinute / 60_000) >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
