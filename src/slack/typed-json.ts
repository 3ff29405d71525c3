// Values Slack hands back as we gave them (a button's `value`, a form's `private_metadata`): JSON we
// wrote, but anyone can forge a payload, so each is parsed against its schema on the way in.
import type { z } from 'zod';

/** The value if it is JSON that fits `schema`, or null (missing, not JSON, or the wrong shape). */
export function parseTypedJson<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
