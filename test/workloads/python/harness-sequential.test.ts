import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const HARNESS = fileURLToPath(new URL('../../../src/workloads/python/harness.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'concur-harness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface TraceLine {
  ev: string;
  lane: number;
  tid: number | null;
}

/** Runs the harness on python3 with `strategy` over two small counts; resolves with its trace lines once both are done. */
function traceOf(strategy: string): Promise<TraceLine[]> {
  const socketPath = join(dir, `${strategy}.sock`);
  const lines: TraceLine[] = [];
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      let buffer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
          lines.push(JSON.parse(buffer.slice(0, at)) as TraceLine);
          buffer = buffer.slice(at + 1);
        }
        if (lines.filter((line) => line.ev === 'done').length === 2) {
          // Closing its stdin ends the harness (and its process group, its own: detached).
          child.stdin.end();
          server.close();
          resolve(lines);
        }
      });
    });
    const count = { workload: 'count', argument: 1_000 };
    const tasks = [0, 1].map((i) => ({ name: `T${i + 1}`, arrivalUs: 0, calls: [count] }));
    const spec = { strategy, workers: 1, tasks, traceSocket: socketPath, switchIntervalUs: 5_000, checkInterval: 100, dbPort: null, dbToken: null };
    const child = spawn('python3', ['-I', HARNESS], { stdio: ['pipe', 'ignore', 'inherit'], detached: true });
    child.on('error', reject);
    server.on('error', reject);
    server.listen(socketPath, () => child.stdin.write(`${JSON.stringify(spec)}\n`));
  });
}

describe('the harness’s sequential strategy', () => {
  it('runs the tasks one after another in the main thread, as a plain script does (issue 12)', async () => {
    const lines = await traceOf('sequential');
    const mainTid = lines.find((line) => line.ev === 'begin')!.tid;
    const taskTids = new Set(lines.filter((line) => line.ev === 'start').map((line) => line.tid));
    expect(mainTid).not.toBeNull();
    expect(taskTids.size).toBe(1);
    expect(taskTids.has(mainTid)).toBe(true);
  }, 30_000);
});
