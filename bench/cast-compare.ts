import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readCast } from '../src/export/asciicast.js';
import { compareCasts, describe, type Comparison } from './cast-screens.js';

/**
 * `node dist/bench/cast-compare.js A B`: do two casts show the same screens? A and B are two
 * asciicast v2 files, or two folders whose casts are paired by name. Replays both into
 * headless xterms and compares every cell (character, colours, attributes) after every output
 * event; prints the first difference. Exit 0 when every screen is equal, 1 when one differs
 * (or a cast has no partner), 2 on bad input.
 */
async function main(args: readonly string[]): Promise<number> {
  if (args.length !== 2) return usage('expected two casts, or two folders of casts');
  const [a, b] = args as [string, string];
  for (const path of [a, b]) if (!existsSync(path)) return usage(`no such file or folder: ${path}`);
  const folders = statSync(a).isDirectory();
  if (folders !== statSync(b).isDirectory()) return usage('give two files or two folders, not one of each');
  const pairs = folders ? pairByName(a, b) : [{ name: basename(a), a, b }];
  let differing = 0;
  for (const pair of pairs) {
    if (pair.a === null || pair.b === null) {
      console.log(`${pair.name}: only in ${pair.a === null ? b : a}`);
      differing++;
      continue;
    }
    const texts: string[] = [];
    for (const path of [pair.a, pair.b]) {
      try {
        texts.push(readFileSync(path, 'utf8'));
        readCast(texts.at(-1)!);
      } catch (error) {
        return fail(`${path}: ${(error as Error).message}`);
      }
    }
    const comparison = await compareCasts(texts[0]!, texts[1]!);
    console.log(report(pair.name, comparison));
    if (comparison.firstDifference) differing++;
  }
  if (pairs.length > 1) console.log(differing === 0 ? `all ${pairs.length} pairs show the same screens` : `${differing} of ${pairs.length} pairs differ`);
  return differing === 0 ? 0 : 1;
}

function pairByName(a: string, b: string): { name: string; a: string | null; b: string | null }[] {
  const casts = (folder: string) => new Set(readdirSync(folder).filter((name) => name.endsWith('.cast')));
  const inA = casts(a);
  const inB = casts(b);
  return [...new Set([...inA, ...inB])].sort().map((name) => ({ name, a: inA.has(name) ? join(a, name) : null, b: inB.has(name) ? join(b, name) : null }));
}

function report(name: string, { moments, eventsA, eventsB, firstDifference: d }: Comparison): string {
  const counts = `${eventsA} and ${eventsB} output events`;
  if (!d) return `${name}: same screens at all ${moments} moments (${counts})`;
  if (d.row < 0) return `${name}: differ at ${d.atSeconds.toFixed(3)} s: ${describe(d.a)} vs ${describe(d.b)}`;
  return [
    `${name}: first difference at ${d.atSeconds.toFixed(3)} s (moment ${moments}; ${counts}), row ${d.row + 1}, column ${d.column + 1}:`,
    `  A: ${describe(d.a)}    row: ${JSON.stringify(d.rowA)}`,
    `  B: ${describe(d.b)}    row: ${JSON.stringify(d.rowB)}`,
  ].join('\n');
}

/** Bad input: one line, exit 2. */
function fail(why: string): number {
  console.error(`cast-compare: ${why}`);
  return 2;
}

function usage(why: string): number {
  console.error(`cast-compare: ${why}\nusage: node dist/bench/cast-compare.js A.cast B.cast   (or two folders of casts, paired by name)`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
