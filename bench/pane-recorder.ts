import { appendFileSync, writeFileSync } from 'node:fs';

/**
 * `node dist/bench/pane-recorder.js FILE`: the command tmux's `pipe-pane -O` runs. It writes
 * every chunk of what the program in the pane sent to the terminal as one line of FILE,
 * `[epochMs, base64]`, stamped on the clock the bench reads too (time origin + now, shared by
 * processes to a few µs), so the bench can cut a window out of the stream and replay it. Bytes
 * are kept as bytes: a chunk may end inside a UTF-8 character.
 */
const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: pane-recorder FILE\n');
  process.exit(2);
}
writeFileSync(file, '');
process.stdin.on('data', (chunk: Buffer) => {
  appendFileSync(file, `${JSON.stringify([performance.timeOrigin + performance.now(), chunk.toString('base64')])}\n`);
});
