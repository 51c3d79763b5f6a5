/*
 * The frames bench's floor: a Node process that does nothing but what any 15 fps terminal
 * program must, a timer 15 times a second and a write of about the dashboard's bytes a frame
 * (a cursor move and a changing run of text), to the pane it runs in. What it costs a frame is
 * the part of the dashboard's cost that is Node waking and writing on this machine, not drawing.
 */
const FRAME_MS = 1_000 / 15;
/** About what the dashboard writes a frame while playing count (BENCHMARKS.md: ~3.2 KB/s at 15 fps). */
const BYTES = 210;

let frame = 0;
setInterval(() => {
  frame++;
  const text = `${frame} `.repeat(BYTES).slice(0, BYTES - 8);
  process.stdout.write(`\u001B[${(frame % 20) + 1};1H${text}`);
}, FRAME_MS);
