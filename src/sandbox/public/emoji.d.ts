// Types of the emoji module, for the unit tests that import it (emoji.js is served as is).

export function emojiFor(name: string): string | null;
export function emojify(text: string): string;
