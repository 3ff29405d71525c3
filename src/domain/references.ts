// Record references as people type and read them: E-<n>, R-<n>, C-<n>.
export type RefKind = 'E' | 'R' | 'C';

export function formatRef(kind: RefKind, id: number): string {
  return `${kind}-${id}`;
}

/** `E-12`, `e12`, `E 12` or `12` → 12; anything else → null. */
export function parseRef(kind: RefKind, text: string): number | null {
  const match = new RegExp(`^(?:${kind}[-\\s]?)?(\\d{1,9})$`, 'i').exec(text.trim());
  return match ? Number(match[1]) : null;
}
