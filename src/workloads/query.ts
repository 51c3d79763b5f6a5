import type { WorkloadCost } from './types.js';

/** Python-side work around one database round trip: build and send the query, then parse rows. */
const SEND_US = 200;
const PARSE_US = 300;

/** A request to a slow database: a little CPU, a wait on the socket (GIL released), a little CPU. */
export const queryCost: WorkloadCost = {
  cost: (ms: number) => [
    { kind: 'cpu', us: SEND_US },
    { kind: 'io', us: Math.round(ms * 1_000) },
    { kind: 'cpu', us: PARSE_US },
  ],
  describe: (ms) => `query(${ms} ms)`,
};
