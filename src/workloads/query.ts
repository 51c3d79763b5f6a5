import { connect } from 'node:net';
import { DB_TABLES, type DbAddress } from './db-server.js';
import type { Workload } from './types.js';

/** Python-side work around one database round trip: build the query, then parse rows. */
const BUILD_US = 200;
const PARSE_US = 300;
/** The send on a loopback socket: a system call that returns at once, with the GIL released. */
export const QUERY_SEND_US = 20;
/** The bytecode between the send and the receive (the receive loop's set-up). */
const BETWEEN_US = 5;

/**
 * A request to a slow database, a send and a receive, each releasing the GIL and taking it back
 * (CPython's socket module wraps both in Py_BEGIN_ALLOW_THREADS): a little CPU, the send (the
 * thread keeps its core), a few bytecodes, the wait for the answer (it sleeps; the answer comes
 * `ms` after the send, so a thread that waited for the GIL meanwhile finds it there), a little CPU.
 */
export const queryWorkload: Workload<'query'> = {
  name: 'query',
  unit: 'milliseconds',
  cost: (ms) => [
    { kind: 'cpu', us: BUILD_US },
    { kind: 'io', us: QUERY_SEND_US, syscall: true },
    { kind: 'cpu', us: BETWEEN_US },
    { kind: 'io', us: Math.round(ms * 1_000), reply: true },
    { kind: 'cpu', us: PARSE_US },
  ],
  scale: (ms, sizing) => ms * sizing.scale,
  run: async (ms, host) => {
    const address = host.db;
    if (address === null) throw new Error('no database server was started for this run');
    const table = DB_TABLES.includes(host.taskName) ? host.taskName : DB_TABLES[0]!;
    let rows = 0;
    await host.waitOutside(async () => (rows = await query(address, table, ms)));
    return `${rows} rows`;
  },
};

/**
 * Asks the run's database (db-server.ts at `address`, with its token) for `table`, answered
 * after `ms`; resolves with the number of rows. Rejects on a refused connection, an error answer
 * or a connection closed before the answer. One connection per query, closed after its answer
 * line (the server would serve more on it).
 */
export function query(address: DbAddress, table: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: address.port, host: '127.0.0.1', noDelay: true });
    let received = '';
    let answered = false;
    const fail = (message: string) => reject(new Error(`query ${table}: ${message}`));
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ token: address.token, table, delayMs: ms })}\n`));
    socket.on('data', (chunk: string) => {
      received += chunk;
      const newline = received.indexOf('\n');
      if (answered || newline < 0) return;
      answered = true;
      socket.end();
      try {
        const rows = JSON.parse(received.slice(0, newline)) as unknown;
        if (!Array.isArray(rows)) throw new Error(String((rows as { error?: unknown }).error ?? 'bad answer'));
        resolve(rows.length);
      } catch (error) {
        fail((error as Error).message);
      }
    });
    socket.on('error', (error) => fail(error.message));
    socket.on('close', () => answered || fail('the database closed the connection before answering'));
  });
}
