import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let installed = false;

/**
 * Kills `child` if this process exits while it still runs (an uncaught error, process.exit
 * from a signal handler): a child computing in a loop would not notice its IPC closing.
 * Returns a function that forgets the child once it has ended normally.
 */
export function killOnExit(child: ChildProcess): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', () => {
      for (const running of children) running.kill('SIGKILL');
    });
  }
  children.add(child);
  return () => children.delete(child);
}
