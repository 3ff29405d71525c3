// Calendar arithmetic in an operation's own time zone, with the standard library's Intl only.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
}

/** The wall-clock date and time in `zone` at the instant `at`. */
export function toLocal(at: Date | number, zone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(at))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function zoneOffsetMs(utcMs: number, zone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(utcMs))) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `zone` shows `date time`. A time skipped by a
 * daylight-saving jump resolves to the same wall time shifted forward by the gap (02:30 → 03:30);
 * a time shown twice resolves to its first occurrence.
 */
export function fromLocal(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const firstGuess = wall - zoneOffsetMs(wall, zone);
  const offsetThen = zoneOffsetMs(firstGuess, zone);
  const candidate = wall - offsetThen;
  // Earlier of the two readings when the wall time occurs twice.
  const earlier = wall - zoneOffsetMs(candidate - 3_600_000, zone);
  if (earlier < candidate && toLocal(earlier, zone).time === time && toLocal(earlier, zone).date === date) {
    return earlier;
  }
  return candidate;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
