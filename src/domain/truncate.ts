// Cutting text a person reads to a length limit (Slack's 75 characters for an option, 3,000 for a
// section). `String.prototype.slice` counts UTF-16 units: it can cut an emoji into a lone
// surrogate, which Slack refuses or shows as �, and it can split a flag or a family emoji into its
// parts. Every cut of user-visible text goes through here.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` if it is at most `limit` UTF-16 units long (the way JavaScript, and so Block Kit's
 * validation, counts), otherwise as many whole graphemes (what a reader sees as one character) as
 * fit with `ending` after them. A single grapheme longer than the room left (a letter under hundreds
 * of combining marks) is cut between code points instead, so the result is never empty for
 * non-empty text and never holds half a surrogate pair.
 */
export function truncate(text: string, limit: number, ending = ''): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - ending.length);
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length <= room) {
      kept += segment;
      continue;
    }
    if (kept === '') {
      for (const codePoint of segment) {
        if (kept.length + codePoint.length > room) break;
        kept += codePoint;
      }
    }
    break;
  }
  return `${kept}${ending}`;
}
