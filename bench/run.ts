import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { describeMachine, sectionStamp, type BenchSection } from './report.js';
import { dashboardBench } from './dashboard.js';
import { convoyProbeBench } from './convoy-probe.js';
import { crowdingBench } from './crowding.js';
import { emulatorBench } from './emulator.js';
import { emulatorScaleBench } from './emulator-scale.js';
import { framesBench } from './frames.js';
import { framesCostBench } from './frames-cost.js';
import { keysBench } from './keys.js';
import { realBench } from './real.js';
import { pythonCostsBench } from './python-costs.js';
import { pythonThreadsBench } from './python-threads.js';
import { realCostsBench } from './real-costs.js';
import { sideBySideBench } from './side-by-side.js';
import { simpyPeerBench } from './simpy-peer.js';
import { soakBench } from './soak.js';
import { startupBench } from './startup.js';

/**
 * `npm run bench`: runs every benchmark on this machine and writes BENCHMARKS.md.
 * `npm run bench -- NAME…` runs only those and keeps the other sections of the file as they were.
 * Medians of several runs; compare ratios measured in one run, since the machine is shared.
 */
const benches: { name: string; run: () => Promise<BenchSection> }[] = [
  { name: 'emulator', run: emulatorBench },
  { name: 'emulator-scale', run: emulatorScaleBench },
  { name: 'dashboard', run: dashboardBench },
  { name: 'frames', run: framesBench },
  { name: 'frames-cost', run: framesCostBench },
  { name: 'keys', run: keysBench },
  { name: 'real', run: realBench },
  { name: 'real-costs', run: realCostsBench },
  { name: 'side-by-side', run: sideBySideBench },
  { name: 'python-costs', run: pythonCostsBench },
  { name: 'python-threads', run: pythonThreadsBench },
  { name: 'convoy', run: convoyProbeBench },
  { name: 'crowding', run: crowdingBench },
  { name: 'startup', run: startupBench },
  { name: 'simpy', run: simpyPeerBench },
  { name: 'soak', run: soakBench },
];

const reportUrl = new URL('../../BENCHMARKS.md', import.meta.url);
const only = process.argv.slice(2);
const unknown = only.filter((name) => !benches.some((bench) => bench.name === name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown section ${unknown.join(', ')} (have ${benches.map((b) => b.name).join(', ')})\n`);
  process.exit(2);
}

/** Sections of the existing report, by title, so a partial run keeps the rest. */
function previousSections(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  if (!existsSync(reportUrl)) return sections;
  let current: string[] | undefined;
  for (const line of readFileSync(reportUrl, 'utf8').split('\n')) {
    if (line.startsWith('## ')) sections.set(line.slice(3), (current = []));
    else current?.push(line);
  }
  return sections;
}

/** Settled: the 1-minute load average a section reads before it starts, so a flag there means other programs. */
const SETTLED_LOAD = 0.5;
const SETTLE_MAX_MS = 150_000;

/**
 * Waits until the load average has fallen to SETTLED_LOAD (or SETTLE_MAX_MS passed). The load average trails by
 * a minute: without the wait, the previous section's own work reads as a busy machine in the next one's flags.
 */
async function settle(): Promise<void> {
  const until = Date.now() + SETTLE_MAX_MS;
  while (loadavg()[0]! > SETTLED_LOAD && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 2_000));
}

const previous = previousSections();
const fresh = new Map<string, string[]>();
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  if (fresh.size > 0) await settle();
  process.stderr.write(`bench: ${bench.name}… (load ${loadavg()[0]!.toFixed(2)})\n`);
  const started = new Date();
  const section = await bench.run();
  // A partial run keeps the other sections as they were: each says when, where and of what.
  fresh.set(section.title, [sectionStamp(started), '', ...section.lines]);
}
// Sections keep their place in the report; a section seen for the first time goes last.
const keptLines = (lines: string[]) => lines.slice(1, lines.at(-1) === '' ? -1 : undefined);
const sections: BenchSection[] = [
  ...[...previous].map(([title, lines]) => ({ title, lines: fresh.get(title) ?? keptLines(lines) })),
  ...[...fresh].filter(([title]) => !previous.has(title)).map(([title, lines]) => ({ title, lines })),
];
const report = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`npm run bench -- NAME` reruns one section, keeping the others: each section names its date, machine and commit). Medians of several runs. The last run:',
  '',
  ...describeMachine(),
  '',
  ...sections.flatMap((section) => [`## ${section.title}`, '', ...section.lines, '']),
].join('\n');
writeFileSync(reportUrl, report);
process.stderr.write('bench: wrote BENCHMARKS.md\n');
