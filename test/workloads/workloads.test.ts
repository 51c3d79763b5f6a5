import { describe, expect, it } from 'vitest';
import { compressSync, compressibleData } from '../../src/workloads/compress.js';
import { count } from '../../src/workloads/count.js';
import { startDbServer } from '../../src/workloads/db-server.js';
import { query } from '../../src/workloads/query.js';

const exactSum = (n: number) => (BigInt(n) * BigInt(n - 1)) / 2n;

describe('count', () => {
  it('returns the exact sum 0 + 1 + … + (n−1), also beyond what a double holds exactly', () => {
    expect(count(0)).toBe(0n);
    expect(count(10)).toBe(45n);
    expect(count(3_000_000, undefined, 1_000)).toBe(exactSum(3_000_000));
    // 2^27 + 5 iterations: the plain double sum would already be off.
    expect(count(134_217_733)).toBe(exactSum(134_217_733));
  });

  it('reports after every chunk', () => {
    const seen: number[] = [];
    count(2_500, (done) => seen.push(done), 1_000);
    expect(seen).toEqual([1_000, 2_000, 2_500]);
  });
});

describe('compress', () => {
  it('generates the same text-like data for the same size, and zlib shrinks it', () => {
    const data = compressibleData(100_000);
    expect(data.equals(compressibleData(100_000))).toBe(true);
    const size = compressSync(data);
    expect(size).toBeLessThan(50_000);
    expect(size).toBeGreaterThan(1_000);
  });
});

describe('the loopback database', () => {
  it('answers a query after its delay with the table rows, and closes cleanly', async () => {
    const server = await startDbServer({ longestQueryMs: 300, clients: 2 });
    const { address } = server;
    try {
      // The waits overlap: a query sent second but asked to wait less is answered first (a server
      // answering in turn would answer it 300 ms later). An order, so a busy machine cannot flip it.
      const started = performance.now();
      const answered: string[] = [];
      const ask = (table: string, ms: number) =>
        query(address, table, ms).then((rows) => {
          answered.push(table);
          return rows;
        });
      const [employees, projects] = await Promise.all([ask('employees', 300), ask('projects', 100)]);
      expect([employees, projects]).toEqual([3, 2]);
      expect(answered).toEqual(['projects', 'employees']);
      expect(performance.now() - started).toBeGreaterThanOrEqual(299);
      await expect(query(address, 'salaries', 0)).rejects.toThrow('query salaries: no table salaries');
    } finally {
      await server.close();
    }
    await expect(query(address, 'employees', 0)).rejects.toThrow(/ECONNREFUSED/);
  });
});
