import { connect } from 'node:net';
import { DB_TABLES } from './db-server.js';
import type { Workload } from './types.js';

/** Python-side work around one database round trip: build and send the query, then parse rows. */
const SEND_US = 200;
const PARSE_US = 300;

/** A request to a slow database: a little CPU, a wait on the socket (GIL released), a little CPU. */
export const queryWorkload: Workload<'query'> = {
  name: 'query',
  unit: 'milliseconds',
  cost: (ms) => [
    { kind: 'cpu', us: SEND_US },
    { kind: 'io', us: Math.round(ms * 1_000) },
    { kind: 'cpu', us: PARSE_US },
  ],
  scale: (ms, sizing) => ms * sizing.scale,
  run: async (ms, host) => {
    const port = host.dbPort;
    if (port === null) throw new Error('no database server was started for this run');
    const table = DB_TABLES.includes(host.taskName) ? host.taskName : DB_TABLES[0]!;
    let rows = 0;
    await host.waitOutside(async () => (rows = await query(port, table, ms)));
    return `${rows} rows`;
  },
};

/**
 * Asks the run's database (db-server.ts on loopback `port`) for `table`, answered after `ms`;
 * resolves with the number of rows. Rejects on a refused connection or an error answer.
 */
export function query(port: number, table: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ table, delayMs: ms })}\n`));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error) => reject(new Error(`query ${table}: ${error.message}`)));
    socket.on('end', () => {
      try {
        const rows = JSON.parse(received) as unknown;
        if (!Array.isArray(rows)) throw new Error(String((rows as { error?: unknown }).error ?? 'bad answer'));
        resolve(rows.length);
      } catch (error) {
        reject(new Error(`query ${table}: ${(error as Error).message}`));
      }
    });
  });
}
