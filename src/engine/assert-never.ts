/**
 * The end of every `switch` over a closed set (strategies, GIL models, workloads, messages):
 * TypeScript rejects the call when a case is missing, and a value that slips past the types
 * (a trace read from JSON, a message from another process) fails loudly instead of falling through.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
