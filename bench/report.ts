import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One section of BENCHMARKS.md, produced by one bench module. */
export interface BenchSection {
  title: string;
  /** Markdown lines (tables, remarks). */
  lines: string[];
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times after `warmup` discarded runs; returns the times in ms. */
export function timeRuns(fn: () => void, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** A markdown table from a header and rows. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** The checkout's commit, and whether it has changes not committed (what a figure is of; the report itself aside). */
function commitOfCheckout(dir = fileURLToPath(new URL('../..', import.meta.url))): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md') === '' ? commit : `${commit} with changes not committed`;
}

/** The build CONCUR_BENCH_BEFORE names: a built checkout of another commit, which a section measures beside this one. */
export interface BeforeBuild {
  dir: string;
  commit: string;
  /** `before (COMMIT)`: sections measured on different days compare different builds. */
  label: string;
}

/**
 * CONCUR_BENCH_BEFORE=DIR, or null when it is not set; `needs` are the files (relative to DIR) the
 * section runs, each checked so a checkout that was never built fails in one line, naming the file.
 */
export function beforeBuild(...needs: string[]): BeforeBuild | null {
  const dir = process.env.CONCUR_BENCH_BEFORE;
  if (!dir) return null;
  for (const need of needs) if (!existsSync(join(dir, need))) throw new Error(`CONCUR_BENCH_BEFORE: no ${join(dir, need)}`);
  const commit = commitOfCheckout(dir);
  return { dir, commit, label: `before (${commit})` };
}

/** The first line of a section: when it was measured (UTC), on what machine, of which commit. */
export function sectionStamp(started: Date): string {
  const cpu = cpus();
  return `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, commit ${commitOfCheckout()}.`;
}

/** The machine, for the top of the report. */
export function describeMachine(): string[] {
  const cpu = cpus();
  return [
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `- Node ${process.version} on ${process.platform}/${process.arch}${process.env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS set: each new Node process pays ~35 ms more CPU)' : ''}`,
  ];
}
