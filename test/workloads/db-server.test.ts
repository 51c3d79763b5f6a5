import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_BOUNDS, startDbServer, type DbServer } from '../../src/workloads/db-server.js';
import { query } from '../../src/workloads/query.js';

let server: DbServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/**
 * Sends `line` raw and resolves with the server's first answer line (the server keeps a run's
 * client connected after it) or, when it closes first, with everything it sent.
 */
function ask(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('\n')) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.on('close', () => resolve())));

describe('the loopback database defends itself (issue 17, defect 3)', () => {
  it("a request without the run's token is refused at once, whatever delay it asks for", async () => {
    server = await startDbServer({ longestQueryMs: 50, clients: 1 });
    const answer = await ask(server.address.port, JSON.stringify({ table: 'employees', delayMs: 3_600_000 }));
    expect(JSON.parse(answer)).toEqual({ error: 'bad token' });
    const guessed = await ask(server.address.port, JSON.stringify({ token: '0'.repeat(32), table: 'employees' }));
    expect(JSON.parse(guessed)).toEqual({ error: 'bad token' });
  });

  it('another local user (nobody) cannot query it: it does not know the token', async () => {
    server = await startDbServer({ longestQueryMs: 50, clients: 1 });
    const script = `const s=require('net').connect(${server.address.port},'127.0.0.1',()=>s.write('{"table":"employees"}\\n'));s.setEncoding('utf8');let r='';s.on('data',d=>r+=d);s.on('close',()=>process.stdout.write(r));`;
    // spawn, not spawnSync: this process serves the database meanwhile.
    const other = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('close', (status) => resolve({ status, stdout }));
    });
    expect(other.status).toBe(0);
    expect(JSON.parse(other.stdout)).toEqual({ error: 'bad token' });
  });

  it('tables are looked up as own entries only: __proto__ and constructor are not tables', async () => {
    server = await startDbServer({ longestQueryMs: 50, clients: 1 });
    for (const table of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expect(query(server.address, table, 0)).rejects.toThrow(`query ${table}: no table ${table}`);
    }
    await expect(query(server.address, 'employees', 0)).resolves.toBe(3);
  });

  it("a delay is bounded by the run's longest query, also for 3600000 and 1e309", async () => {
    server = await startDbServer({ longestQueryMs: 30, clients: 2 });
    const { port, token } = server.address;
    const started = performance.now();
    const answers = await Promise.all([
      ask(port, JSON.stringify({ token, table: 'projects', delayMs: 3_600_000 })),
      ask(port, `{"token":"${token}","table":"projects","delayMs":1e309}`),
    ]);
    expect(answers.map((text) => JSON.parse(text))).toEqual([expect.any(Array), expect.any(Array)]);
    // Far below the hour asked for (the bound is 30 ms; any load margin fits under 30 s).
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('a request longer than the cap is cut off: the connection closes before 50 MB are taken in', async () => {
    server = await startDbServer({ longestQueryMs: 10, clients: 1 });
    const socket = connect({ port: server.address.port, host: '127.0.0.1' });
    socket.on('error', () => undefined); // ECONNRESET/EPIPE once the server hangs up
    const chunk = Buffer.alloc(1024 * 1024, 0x61); // no newline anywhere
    let sent = 0;
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    while (sent < 50 && !socket.destroyed) {
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
      sent++;
    }
    await closed(socket);
    expect(socket.bytesWritten).toBeLessThan(50 * 1024 * 1024);
    // And the server still serves the run.
    await expect(query(server.address, 'employees', 0)).resolves.toBe(3);
  });

  it("connections beyond the run's need are refused, and idle ones are closed", async () => {
    server = await startDbServer({ longestQueryMs: 10, clients: 2 });
    const limit = 2 + DB_BOUNDS.spareConnections;
    const sockets = Array.from({ length: limit + 5 }, () => connect({ port: server!.address.port, host: '127.0.0.1' }).on('error', () => undefined));
    // Every idle connection ends: the extra ones at once, the others after DB_BOUNDS.idleMs.
    await Promise.all(sockets.map(closed));
    await expect(query(server.address, 'projects', 0)).resolves.toBe(2);
  });
});

describe('a connection serves several requests, as a pooled client expects (issue 13)', () => {
  /** A client that keeps its connection: each request resolves with its answer line. */
  function keptConnection(port: number) {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    socket.setEncoding('utf8');
    let received = '';
    const waiting: ((line: string) => void)[] = [];
    socket.on('data', (chunk: string) => {
      received += chunk;
      let newline: number;
      while ((newline = received.indexOf('\n')) >= 0) {
        waiting.shift()?.(received.slice(0, newline));
        received = received.slice(newline + 1);
      }
    });
    const request = (body: object) =>
      new Promise<string>((resolve) => {
        waiting.push(resolve);
        socket.write(`${JSON.stringify(body)}\n`);
      });
    return { socket, request };
  }

  it("answers one request after another on one connection, and keeps the run's client connected while it idles", async () => {
    server = await startDbServer({ longestQueryMs: 10, clients: 1 });
    const { token, port } = server.address;
    const client = keptConnection(port);
    expect(JSON.parse(await client.request({ token, table: 'employees', delayMs: 5 }))).toHaveLength(3);
    expect(JSON.parse(await client.request({ token, table: 'projects', delayMs: 0 }))).toHaveLength(2);
    // Idle longer than a first request may take: a thread's CPU phase between two of its queries.
    await new Promise((resolve) => setTimeout(resolve, DB_BOUNDS.idleMs + 300));
    expect(client.socket.destroyed).toBe(false);
    expect(JSON.parse(await client.request({ token, table: 'salaries', delayMs: 0 }))).toEqual({ error: 'no table salaries' });
    expect(JSON.parse(await client.request({ token, table: 'employees', delayMs: 0 }))).toHaveLength(3);
    client.socket.destroy();
  });

  it('two requests written at once are answered in order, each after its own delay', async () => {
    server = await startDbServer({ longestQueryMs: 50, clients: 1 });
    const { token, port } = server.address;
    const client = keptConnection(port);
    const answers = await Promise.all([client.request({ token, table: 'employees', delayMs: 30 }), client.request({ token, table: 'projects', delayMs: 0 })]);
    expect(answers.map((line) => (JSON.parse(line) as unknown[]).length)).toEqual([3, 2]);
    client.socket.destroy();
  });

  it('a request without the token on a kept connection is answered with an error and the connection closed', async () => {
    server = await startDbServer({ longestQueryMs: 10, clients: 1 });
    const { token, port } = server.address;
    const client = keptConnection(port);
    expect(JSON.parse(await client.request({ token, table: 'employees', delayMs: 0 }))).toHaveLength(3);
    expect(JSON.parse(await client.request({ table: 'employees', delayMs: 0 }))).toEqual({ error: 'bad token' });
    await closed(client.socket);
  });
});
