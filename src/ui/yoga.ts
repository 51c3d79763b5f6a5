import { loadYoga } from 'yoga-layout/load';

/** The global symbol by which Ink's modules in the command line's bundle find yoga-layout (scripts/bundle.mjs). */
const YOGA_KEY = Symbol.for('concur-tui.yoga-layout');

/**
 * Loads yoga-layout, Ink's layout engine, and lends it to Ink by a global symbol. Yoga's main
 * module compiles its WebAssembly at its top level, asynchronously; the command line's bundle
 * is a CommonJS script (V8's code cache takes no ES module on Node 20: src/cli/code-cache.ts),
 * which can hold no top-level await. So there Ink's import of yoga is a front that reads this
 * global on each use, and yoga's loader (`yoga-layout/load`, no top-level await) is bundled
 * and called here, before the dashboard lays out its first frame. Unbundled (tests, the
 * compiled modules), Ink imports yoga itself and the lent instance goes unused.
 */
export async function lendYogaToInk(): Promise<void> {
  const lent = globalThis as Record<symbol, unknown>;
  lent[YOGA_KEY] ??= await loadYoga();
}
