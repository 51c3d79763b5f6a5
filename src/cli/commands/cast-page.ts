import { basename } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError, checkOutputTarget, quoteName, readBoundedText, writeOutputFile } from '../../engine/descriptors.js';
import { withExamples } from '../help-examples.js';

/** A cast this page embeds: an hour of the dashboard at ~3 KB/s is ~11 MB; far larger is not a cast. */
const CAST_BYTES = 64 * 1024 * 1024;

/** The flags of `cast-page`. */
type CastPageFlags = { cast: string; page: string; force?: boolean | undefined };

export function castPageCommand(yargs: Argv): Argv {
  return yargs.command(
    'cast-page <cast> <page>',
    'write a page that plays a cast (asciinema-player, inlined)',
    (command) =>
      withExamples(
        command
          .positional('cast', { type: 'string', describe: 'the asciicast v2 file (from --record)' })
          .positional('page', { type: 'string', describe: 'the page to write, FILE.html' })
          .option('force', { type: 'boolean', describe: 'overwrite an existing page' }),
        [['$0 cast-page demo.cast demo.html', 'a page for a course site that plays demo.cast']],
      ),
    async (argv) => {
      const flags = argv as unknown as CastPageFlags;
      // Before reading the cast, so a typo in the page's name costs nothing.
      if (!/.\.html$/i.test(basename(flags.page))) throw new UsageError(`cast-page: the page is HTML; end ${quoteName(flags.page)} with .html`);
      checkOutputTarget(flags.page, 'page', flags.force ?? false);
      const read = readBoundedText(flags.cast, CAST_BYTES, 'cast-page');
      if (read.type === 'missing') throw new UsageError(`cast-page: ${quoteName(flags.cast)} does not exist`);
      // The player and the page are loaded only here: `--help` and other commands never pay for them.
      const [{ readCast }, { castToHtml }] = await Promise.all([import('../../export/asciicast.js'), import('../../export/cast-page.js')]);
      let header: ReturnType<typeof readCast>['header'];
      try {
        header = readCast(read.text).header;
      } catch (error) {
        throw new UsageError(`cast-page: ${quoteName(flags.cast)} is not an asciicast v2 file: ${(error as Error).message}`);
      }
      const page = castToHtml(read.text, header, basename(flags.cast));
      const written = writeOutputFile({ path: flags.page, force: flags.force ?? false }, [page], 'page');
      process.stderr.write(`wrote a player page for ${quoteName(flags.cast)} to ${quoteName(written)}\n`);
    },
  );
}
