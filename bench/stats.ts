// Small statistics the report is made of.
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `work` `times` times, returning each duration in ms (high-resolution clock). */
export function timeEach(times: number, work: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    work();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}
