import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { TerminalSize } from '../layout.js';

/**
 * Columns and rows of the output, updated on resize (SIGWINCH). A fixed size (recording with
 * --cols/--rows, tests) wins over the terminal's. Ink 6.8 has no useWindowSize hook.
 */
export function useTerminalSize(fixed?: Partial<TerminalSize>): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({
    columns: fixed?.columns ?? (stdout.columns || 80),
    rows: fixed?.rows ?? (stdout.rows || 24),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return size;
}
