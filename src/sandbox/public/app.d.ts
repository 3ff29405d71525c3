// Types of the page module's pure exports, for the unit tests that import them (app.js itself is
// served to the browser as is, without a build step).

export type MrkdwnNode =
  | { t: 'text'; v: string }
  | { t: 'b' | 'i' | 's' | 'quote'; c: MrkdwnNode[] }
  | { t: 'code' | 'pre'; v: string }
  | { t: 'br' }
  | { t: 'user'; id: string }
  | { t: 'channel'; id: string; name: string }
  | { t: 'link'; url: string; label: string }
  | { t: 'date'; ts: number; format: string; fallback: string }
  | { t: 'broadcast'; name: string }
  | { t: 'emoji'; name: string };

export function decodeEntities(s: string): string;
export function parseMrkdwn(source: string): MrkdwnNode[];
export function safeHref(url: string): string | null;
export function formatSlackDate(seconds: number, format: string, fallback: string, options?: { now?: number; timeZone?: string }): string;
export function fill(template: string, values: Record<string, string | number>): string;
export function countUnread(messages: Array<{ ts: string; user: string; threadTs?: string }>, readUpTo: string | undefined, me: string): number;
export interface LineHistory {
  add(line: string): void;
  move(step: -1 | 1, typed: string): string | null;
  restart(): void;
}
export function createLineHistory(limit?: number): LineHistory;
