// Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the time went: self time per
// function, self time per area (Liaison's own code, each package, Node internals, GC), and the
// inclusive share of a few frames that name the stages of a request.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of samples that were not idle. */
  busyMs: number;
  topSelf: Array<{ fn: string; where: string; ms: number; pct: number }>;
  byArea: Array<{ area: string; ms: number; pct: number }>;
  inclusive: Array<{ fn: string; ms: number; pct: number }>;
}

/** Which part of the system a script URL belongs to. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(src|commands|db|bench)\/(.*)$/.exec(url);
  if (own) return `liaison ${own[1]}/${own[2]!.split('/')[0]}`;
  return url;
}

export function summarizeProfile(path: string, inclusiveNames: string[], top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });

  const fnSelf = new Map<string, { fn: string; where: string; us: number }>();
  const areaSelf = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') idleUs += us;
    const fn = functionName || '(anonymous)';
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|src|commands|db|bench)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const entry = fnSelf.get(key) ?? { fn, where, us: 0 };
    entry.us += us;
    fnSelf.set(key, entry);
    const area = areaOf(url, functionName);
    areaSelf.set(area, (areaSelf.get(area) ?? 0) + us);
  }

  // Inclusive: a sample counts once for each named frame on its stack.
  const inclusiveUs = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const name = byId.get(node)!.callFrame.functionName;
      if (inclusiveUs.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusiveUs.set(name, inclusiveUs.get(name)! + (profile.timeDeltas[i] ?? 0));
      }
    }
  });

  const busyUs = totalUs - idleUs;
  const pct = (us: number) => (us / busyUs) * 100;
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    topSelf: [...fnSelf.values()]
      .filter((e) => e.fn !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, where: e.where, ms: e.us / 1000, pct: pct(e.us) })),
    byArea: [...areaSelf.entries()]
      .filter(([area]) => area !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, ms: us / 1000, pct: pct(us) })),
    inclusive: [...inclusiveUs.entries()].map(([fn, us]) => ({ fn, ms: us / 1000, pct: pct(us) })),
  };
}
