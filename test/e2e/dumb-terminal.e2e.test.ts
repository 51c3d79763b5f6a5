import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, TmuxSession, stopTmuxServer } from './tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(stopTmuxServer);

describe('a dumb terminal (tmux, TERM=dumb)', { timeout: 30_000 }, () => {
  it('gets the printed table, as a pipe does, with no alternate screen or cursor addressing', async () => {
    session = new TmuxSession(`env TERM=dumb node ${BIN} --scenario juggle`);
    const screen = await session.waitFor((text) => text.includes('EXIT='));
    expect(screen).toContain('EXIT=0');
    expect(screen).toMatch(/^strategy\s+/m);
    expect(screen).toMatch(/^threads\s+\S+/m);
    // The live dashboard's header and footer never appeared.
    expect(screen).not.toContain('juggle │');
    expect(screen).not.toContain('? help');
    expect(session.format('#{alternate_on}')).toBe('0');
  });
});
