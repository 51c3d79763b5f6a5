import { createServer, type Socket } from 'node:net';

/** The rows the slow database returns: the tutorial's employees and projects. */
const TABLES: Record<string, readonly object[]> = {
  employees: [
    { id: 1, name: 'Ada', department: 'engineering' },
    { id: 2, name: 'Grace', department: 'research' },
    { id: 3, name: 'Linus', department: 'operations' },
  ],
  projects: [
    { id: 1, name: 'compiler', lead: 1 },
    { id: 2, name: 'scheduler', lead: 2 },
  ],
};

/** The tables a query can ask for. */
export const DB_TABLES: readonly string[] = Object.keys(TABLES);

/** The longest delay a request may ask for, so a bad request cannot pin a socket for hours. */
const MAX_DELAY_MS = 3_600_000;

export interface DbServer {
  port: number;
  /** Stops listening, cancels pending answers and closes every connection. */
  close(): Promise<void>;
}

/**
 * A slow "database" on an ephemeral loopback port, started for a run and closed after it.
 * A request is one JSON line `{"table": "employees", "delayMs": 100}`; the answer, after
 * `delayMs`, is one JSON line with the table's rows (or `{"error": …}`), then the socket closes.
 */
export async function startDbServer(): Promise<DbServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  // No Nagle delay: a request and its answer are one small write each.
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      const { delayMs, body } = answer(buffered.slice(0, newline));
      const timer = setTimeout(() => {
        timers.delete(timer);
        socket.end(`${body}\n`);
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the database server has no TCP port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(line: string): { delayMs: number; body: string } {
  try {
    const request = JSON.parse(line) as { table?: unknown; delayMs?: unknown };
    const rows = typeof request.table === 'string' ? TABLES[request.table] : undefined;
    const delayMs = typeof request.delayMs === 'number' && request.delayMs >= 0 ? Math.min(request.delayMs, MAX_DELAY_MS) : 0;
    if (!rows) return { delayMs, body: JSON.stringify({ error: `no table ${String(request.table)}` }) };
    return { delayMs, body: JSON.stringify(rows) };
  } catch {
    return { delayMs: 0, body: JSON.stringify({ error: 'the request is not JSON' }) };
  }
}
