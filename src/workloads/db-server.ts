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
 * after `delayMs`, is one JSON line with the table's rows (or `{"error": …}`). A connection
 * serves its requests one after another, as a real database's does, so a client may keep one
 * per thread (the Python harness does: a query is then a send and a receive, as in a pooled
 * client); a client that closes after its answer is served as well. Loopback is open to every
 * local user, so the server defends itself: a request without the run's token, or one that is
 * not JSON, is answered with an error and the connection closed; a request longer than
 * DB_BOUNDS.maxRequestBytes, or a first request not sent within DB_BOUNDS.idleMs, closes it; at
 * most `clients` + spare connections are open at once; a delay is at most the run's longest query.
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
    let chunks: Buffer[] = [];
    let length = 0;
    /** Takes in a chunk; true when it completed a request, whose answer is now pending. */
    const serve = (chunk: Buffer): boolean => {
      // Only the new chunk is scanned: a long line costs O(n), and stops at the cap.
      const newline = chunk.indexOf(0x0a);
      const end = newline < 0 ? chunk.length : newline;
      if (length + end > DB_BOUNDS.maxRequestBytes) {
        socket.destroy();
        return false;
      }
      chunks.push(newline < 0 ? chunk : chunk.subarray(0, newline));
      length += end;
      if (newline < 0) return false;
      // One request at a time: reading waits while its answer is pending (a client sends the
      // next one after its answer; anything sent early waits in the socket, not here).
      socket.pause();
      const rest = chunk.subarray(newline + 1);
      const { delayMs, body, trusted } = answer(Buffer.concat(chunks).toString('utf8'), token, limits.longestQueryMs);
      chunks = [];
      length = 0;
      // A client that knows the token is the run's own: it may sit idle between its queries
      // (a thread's CPU phase) for as long as the run lasts.
      if (trusted) socket.setTimeout(0);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!trusted) return void socket.end(`${body}\n`);
        socket.write(`${body}\n`);
        // The rest of the chunk that held this request may hold the next one already.
        if (!serve(rest)) socket.resume();
      }, delayMs);
      timers.add(timer);
      return true;
    };
    socket.on('data', serve);
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

/** The answer to one request line; `trusted`: it carried the run's token (a client of the run). */
function answer(line: string, token: string, maxDelayMs: number): { delayMs: number; body: string; trusted: boolean } {
  let request: { token?: unknown; table?: unknown; delayMs?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    return { delayMs: 0, body: JSON.stringify({ error: 'the request is not JSON' }), trusted: false };
  }
  if (typeof request !== 'object' || request === null || !sameToken(request.token, token))
    return { delayMs: 0, body: JSON.stringify({ error: 'bad token' }), trusted: false };
  const requested = typeof request.delayMs === 'number' && Number.isFinite(request.delayMs) && request.delayMs >= 0 ? request.delayMs : 0;
  const delayMs = Math.min(requested, maxDelayMs);
  const rows = typeof request.table === 'string' ? TABLES.get(request.table) : undefined;
  if (!rows) return { delayMs, body: JSON.stringify({ error: `no table ${String(request.table)}` }), trusted: true };
  return { delayMs, body: JSON.stringify(rows), trusted: true };
}

function sameToken(sent: unknown, token: string): boolean {
  // In constant time: the answer's timing must not tell a prober how much of a guess was right.
  return typeof sent === 'string' && sent.length === token.length && timingSafeEqual(Buffer.from(sent), Buffer.from(token));
}
