import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Socket } from 'node:net';

/** The rows the slow database returns: the tutorial's employees and projects. */
const TABLES: ReadonlyMap<string, readonly object[]> = new Map([
  [
    'employees',
    [
      { id: 1, name: 'Ada', department: 'engineering' },
      { id: 2, name: 'Grace', department: 'research' },
      { id: 3, name: 'Linus', department: 'operations' },
    ],
  ],
  [
    'projects',
    [
      { id: 1, name: 'compiler', lead: 1 },
      { id: 2, name: 'scheduler', lead: 2 },
    ],
  ],
]);

/** The tables a query can ask for. */
export const DB_TABLES: readonly string[] = [...TABLES.keys()];

/** Where a run's database listens, and the secret its clients must send. */
export interface DbAddress {
  port: number;
  /** Random per run: another local user who finds the port cannot use the server. */
  token: string;
}

/** What the run needs of its server; anything beyond it is refused. */
export interface DbLimits {
  /** The longest delay a query of this run asks for (ms); longer requests are cut to it. */
  longestQueryMs: number;
  /** How many queries can be in flight at once (one per task at most). */
  clients: number;
}

/** What a run of `tasks` needs of its database, or null when none of them queries it. */
export function dbLimitsOf(tasks: readonly { calls: readonly { workload: string; argument: number }[] }[]): DbLimits | null {
  const delays = tasks.flatMap((task) => task.calls.filter((call) => call.workload === 'query').map((call) => call.argument));
  return delays.length === 0 ? null : { longestQueryMs: Math.max(...delays), clients: tasks.length };
}

/** The bounds every server keeps, whatever the run. */
export const DB_BOUNDS = {
  /** A request is one short JSON line; a longer one is cut off here, never buffered. */
  maxRequestBytes: 4_096,
  /** A connection that has not sent a whole request by then is closed. */
  idleMs: 2_000,
  /** Connections beyond the run's clients, for a retry or a slow close. */
  spareConnections: 4,
} as const;

export interface DbServer {
  address: DbAddress;
  /** Stops listening, cancels pending answers and closes every connection. */
  close(): Promise<void>;
}

/**
 * A slow "database" on an ephemeral loopback port, started for a run and closed after it.
 * A request is one JSON line `{"token": …, "table": "employees", "delayMs": 100}`; the answer,
 * after `delayMs`, is one JSON line with the table's rows (or `{"error": …}`), then the socket
 * closes. Loopback is open to every local user, so the server defends itself: a request without
 * the run's token, longer than DB_BOUNDS.maxRequestBytes, or not sent within DB_BOUNDS.idleMs
 * closes the connection; at most `clients` + spare connections are open at once; a delay is at
 * most the run's longest query.
 */
export async function startDbServer(limits: DbLimits): Promise<DbServer> {
  const token = randomBytes(16).toString('hex');
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  // No Nagle delay: a request and its answer are one small write each.
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(DB_BOUNDS.idleMs, () => socket.destroy());
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      // Only the new chunk is scanned: a long line costs O(n), and stops at the cap.
      const newline = chunk.indexOf(0x0a);
      const end = newline < 0 ? chunk.length : newline;
      if (length + end > DB_BOUNDS.maxRequestBytes) {
        socket.destroy();
        return;
      }
      chunks.push(newline < 0 ? chunk : chunk.subarray(0, newline));
      length += end;
      if (newline < 0) return;
      socket.off('data', onData);
      socket.setTimeout(0);
      const { delayMs, body } = answer(Buffer.concat(chunks).toString('utf8'), token, limits.longestQueryMs);
      const timer = setTimeout(() => {
        timers.delete(timer);
        socket.end(`${body}\n`);
      }, delayMs);
      timers.add(timer);
    };
    socket.on('data', onData);
  });
  server.maxConnections = Math.max(1, limits.clients) + DB_BOUNDS.spareConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the database server has no TCP port');
  return {
    address: { port: address.port, token },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(line: string, token: string, maxDelayMs: number): { delayMs: number; body: string } {
  let request: { token?: unknown; table?: unknown; delayMs?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    return { delayMs: 0, body: JSON.stringify({ error: 'the request is not JSON' }) };
  }
  if (typeof request !== 'object' || request === null || !sameToken(request.token, token)) return { delayMs: 0, body: JSON.stringify({ error: 'bad token' }) };
  const requested = typeof request.delayMs === 'number' && Number.isFinite(request.delayMs) && request.delayMs >= 0 ? request.delayMs : 0;
  const delayMs = Math.min(requested, maxDelayMs);
  const rows = typeof request.table === 'string' ? TABLES.get(request.table) : undefined;
  if (!rows) return { delayMs, body: JSON.stringify({ error: `no table ${String(request.table)}` }) };
  return { delayMs, body: JSON.stringify(rows) };
}

function sameToken(sent: unknown, token: string): boolean {
  // In constant time: the answer's timing must not tell a prober how much of a guess was right.
  return typeof sent === 'string' && sent.length === token.length && timingSafeEqual(Buffer.from(sent), Buffer.from(token));
}
