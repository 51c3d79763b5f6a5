import { stat } from 'node:fs/promises';

/**
 * Starts libuv's thread pool (its four threads for file-system work), if nothing has yet. libuv
 * starts it on the first asynchronous file call and aborts the whole process when it cannot
 * create a thread: under a process limit (`ulimit -u`), once a run's workers have taken the
 * last slots, a later file call would kill the process instead of failing one lane. Started
 * before a run's first worker, the pool is there whatever the limit leaves.
 */
export async function startThreadPool(): Promise<void> {
  await stat(process.execPath);
}
