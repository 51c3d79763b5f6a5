import type { Options } from 'yargs';

/** Flags of recording and scripted playback, shared by the dashboard and `demo`. */
export const RECORDING_OPTIONS = {
  record: { type: 'string', requiresArg: true, describe: 'write an asciicast v2 file of what the screen shows' },
  force: { type: 'boolean', describe: 'overwrite an existing --record file' },
  cols: { type: 'string', requiresArg: true, describe: 'fixed width of the picture (and of the recording)' },
  rows: { type: 'string', requiresArg: true, describe: 'fixed height of the picture (and of the recording)' },
} as const satisfies Record<string, Options>;

export type RecordingFlags = { record?: string | undefined; force?: boolean | undefined; cols?: string | undefined; rows?: string | undefined };
