// The start-up bundles of a build (scripts/build.mjs runs this after the compiler).
//
// Node spends most of a short command's life finding, reading and compiling modules: `--help`
// loaded ~120 files (yargs' ~30 among them) and the dashboard ~500 (Ink, React, the engine), and
// Node 20 has no compile cache. esbuild joins the compiler's output into a few files:
//
//   dist/cli/main.cjs                    what bin/concur-tui runs: a stored help, the early emulation process, then
//   dist/cli/command-line.cjs            the command line: every command, run with V8's code cache (src/cli/code-cache.ts);
//                                        a command's code runs only when its handler calls it
//   dist/src/ui/emulation-child-entry.js the dashboard's emulation process, one file (its first picture waits for it)
//
// Everything else (worker threads, child processes, tests) keeps loading the compiler's modules.
// A bundled module must still find the files beside it (worker entries, the Python harness, the
// package's own package.json, yargs' locales): its `import.meta.url` becomes the URL it has
// unbundled, so every relative path means what it meant.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** Where a bundled dependency's files are: found from the bundle at run time, as Node finds packages (a clone, an npm install with hoisting). */
const PACKAGE_URL = 'concur-bundle:package-url';
const PACKAGE_URL_SOURCE = `
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const searched = createRequire(import.meta.url).resolve.paths('') ?? [];
/** The URL of \`file\` in installed package \`name\`; the bundle's own URL if the package is not found. */
export function packageFileUrl(name, file) {
  for (const dir of searched) if (existsSync(join(dir, name, 'package.json'))) return pathToFileURL(join(dir, name, file)).href;
  return import.meta.url;
}
`;

/** `node_modules/@scope/name/rest` or `node_modules/name/rest` → [package name, rest]; the outermost package. */
function packageOf(path) {
  const parts = path.split(sep);
  const at = parts.indexOf('node_modules');
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return [parts.slice(at + 1, at + 1 + length).join('/'), parts.slice(at + 1 + length).join('/')];
}

/**
 * Gives every bundled module that reads `import.meta.url` the URL it has unbundled: the compiler's
 * output (`dist/src/…`, at a fixed place relative to the bundle), or the installed dependency.
 */
function unbundledUrls(outDir) {
  return {
    name: 'unbundled-import-meta-url',
    setup(bundler) {
      bundler.onResolve({ filter: new RegExp(`^${PACKAGE_URL}$`) }, () => ({ path: PACKAGE_URL, namespace: 'concur-bundle' }));
      bundler.onLoad({ filter: /.*/, namespace: 'concur-bundle' }, () => ({ contents: PACKAGE_URL_SOURCE, loader: 'js', resolveDir: outDir }));
      bundler.onLoad({ filter: /\.(m|c)?js$/ }, async ({ path }) => {
        let text = await readFile(path, 'utf8');
        const inPackage = path.split(sep).includes('node_modules');
        const patches = inPackage ? SOURCE_PATCHES[packageOf(path).join('/')] : undefined;
        if (patches) text = patched(text, path, patches);
        if (!text.includes('import.meta.url')) return patches ? { contents: text, loader: 'js' } : undefined;
        if (inPackage) {
          const [name, file] = packageOf(path);
          const header = `import { packageFileUrl as __packageFileUrl } from '${PACKAGE_URL}';\nconst __unbundledUrl = __packageFileUrl(${JSON.stringify(name)}, ${JSON.stringify(file)});\n`;
          return { contents: header + text.replaceAll('import.meta.url', '__unbundledUrl'), loader: 'js' };
        }
        const twin = relative(outDir, path).split(sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(twin)}, import.meta.url).href`), loader: 'js' };
      });
    },
  };
}

/** esbuild's metafiles of main.cjs and of the command line's bundle, in the build's directory. */
export const BUNDLE_MAP = 'cli-bundle.json';

/**
 * string-width (yargs' help, cliui, wrap-ansi, Ink) builds an Intl.Segmenter and Unicode
 * property tables when it loads and on its first calls: ~50–100 ms of a start here, though most
 * text it measures is printable ASCII, one column a character. Every import of it gets this
 * front: printable ASCII is measured here (the same answer: no escape, no cluster, no wide
 * character), anything else by the real string-width of the importer's version, loaded on the
 * first such text (`require` of a bundled module runs its top level then).
 */
function lazyStringWidth() {
  return {
    name: 'lazy-string-width',
    setup(bundler) {
      bundler.onResolve({ filter: /^string-width$/ }, async ({ importer, resolveDir, kind, pluginData }) => {
        if (pluginData?.real) return undefined;
        const real = await bundler.resolve('string-width', { importer, resolveDir, kind, pluginData: { real: true } });
        return real.errors.length > 0 ? real : { path: real.path, namespace: 'lazy-string-width' };
      });
      bundler.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, ({ path }) => ({
        resolveDir: dirname(path),
        loader: 'js',
        contents: `
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
let measure;
export default function stringWidth(text, options) {
  if (typeof text === 'string' && PRINTABLE_ASCII.test(text)) return text.length;
  measure ??= require(${JSON.stringify(path)}).default;
  return measure(text, options);
}
`,
      }));
    },
  };
}

/**
 * React's packages (react, react-reconciler, scheduler) choose their development or production
 * build by NODE_ENV when they load, so a bundle held both: ~750 KB of development code that
 * every dashboard start read and parsed to run the production one (~12 % of loading the UI,
 * counted in instructions). The production builds stay in the bundle; a development build is
 * required from the installed package, only under a NODE_ENV other than production (tests, a
 * React developer).
 */
function developmentBuildsAsInstalled() {
  return {
    name: 'development-builds-as-installed',
    setup(bundler) {
      bundler.onResolve({ filter: /\.development\.js$/ }, async ({ path, importer, resolveDir, kind, pluginData }) => {
        if (pluginData?.asInstalled || kind !== 'require-call' || !importer.split(sep).includes('node_modules')) return undefined;
        const resolved = await bundler.resolve(path, { importer, resolveDir, kind, pluginData: { asInstalled: true } });
        if (resolved.errors.length > 0) return resolved;
        const [name, file] = packageOf(resolved.path);
        // A package-relative name: the bundle holds no path of the machine it was built on.
        return { path: `${name}/${file.split(sep).join('/')}`, namespace: 'development-build', pluginData: { name, file: file.split(sep).join('/') } };
      });
      // By its file path: the packages' "exports" do not name their cjs/ files.
      bundler.onLoad({ filter: /.*/, namespace: 'development-build' }, ({ pluginData: { name, file } }) => {
        return {
          loader: 'js',
          contents: `
const { packageFileUrl } = require('${PACKAGE_URL}');
const { fileURLToPath } = require('node:url');
module.exports = require(fileURLToPath(packageFileUrl(${JSON.stringify(name)}, ${JSON.stringify(file)})));
`,
        };
      });
    },
  };
}

/**
 * Node builtins the command line's modules import for work that most starts never do: zlib
 * (compress), net (query, the db server), crypto (a temporary file's name, the db token), os
 * (the calibration file's home), timers/promises (sleep), and yargs' assert (its argument
 * checks). Loading them cost `emulate` and every other command ~37 M instructions (~5 %) of its
 * start. Each import of one (by the project or yargs) gets a front whose functions load the builtin on their first call
 * and then call it. Only plain functions are fronted (lowercase names: no class, no constant,
 * no default): importing anything else from these fails the build, loudly.
 */
const BUILTINS_ON_FIRST_CALL = /^(?:node:)?(assert|zlib|net|crypto|os|timers\/promises)$/;

/**
 * yargs checks its own state with these on every parse: a check that passes needs no builtin
 * (both compare by Object.is, as assert does); one that fails calls the real one, which throws.
 */
const PASSING = {
  'node:assert.strictEqual':
    'export function strictEqual(actual, expected, message) { if (!Object.is(actual, expected)) builtin().strictEqual(actual, expected, message); }',
  'node:assert.notStrictEqual':
    'export function notStrictEqual(actual, expected, message) { if (Object.is(actual, expected)) builtin().notStrictEqual(actual, expected, message); }',
};

function builtinsOnFirstCall() {
  const load = createRequire(import.meta.url);
  return {
    name: 'builtins-on-first-call',
    setup(bundler) {
      bundler.onResolve({ filter: BUILTINS_ON_FIRST_CALL }, ({ path, importer, namespace }) => {
        // The front's own require: the builtin itself.
        if (namespace === 'builtin-front') return { path, external: true };
        // The project's modules and yargs; other packages (Ink's, loaded with the dashboard) import as they wrote it.
        if (importer.split(sep).includes('node_modules') && packageOf(importer)[0] !== 'yargs') return undefined;
        return { path: `node:${BUILTINS_ON_FIRST_CALL.exec(path)[1]}`, namespace: 'builtin-front' };
      });
      bundler.onLoad({ filter: /.*/, namespace: 'builtin-front' }, ({ path }) => {
        const real = load(path);
        const functions = Object.keys(real).filter((name) => /^[a-z][A-Za-z0-9]*$/.test(name) && typeof real[name] === 'function');
        const fronts = functions.map((name) => PASSING[`${path}.${name}`] ?? `export function ${name}(...args) { return builtin().${name}(...args); }`);
        return { loader: 'js', contents: [`let loaded;`, `const builtin = () => (loaded ??= require(${JSON.stringify(path)}));`, ...fronts].join('\n') };
      });
    },
  };
}

/**
 * Ink's reconciler awaits at its top level, in branches only DEV=true takes (React's devtools,
 * Ink's package.json): a CommonJS bundle can hold no top-level await, so these become their
 * synchronous twins. The devtools module is required from the installed Ink (an ES module
 * without top-level await, which require loads on Node 20.19+), not bundled: its window
 * polyfill and the ws package are ~140 KB that no start needs. Each patch must match Ink's text
 * exactly, or the build fails: an Ink upgrade is then read again here rather than bundled wrong.
 */
const SOURCE_PATCHES = {
  'ink/build/reconciler.js': [
    ["await import('./devtools.js');", "require(require('node:url').fileURLToPath(new URL('./devtools.js', import.meta.url)));"],
    ["error.code === 'ERR_MODULE_NOT_FOUND'", "(error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')"],
    ['? await loadPackageJson()', "? JSON.parse(require('node:fs').readFileSync(new URL('../package.json', import.meta.url), 'utf8'))"],
  ],
};

/** `text` with each of `patches` applied once; throws when one is not found. */
function patched(text, file, patches) {
  for (const [from, to] of patches) {
    if (!text.includes(from)) throw new Error(`bundle: ${file} no longer holds ${JSON.stringify(from)}: read SOURCE_PATCHES in scripts/bundle.mjs again`);
    text = text.replace(from, to);
  }
  return text;
}

/**
 * Ink's modules import yoga-layout, whose main module awaits its WebAssembly at its top level:
 * in the CommonJS bundle that import is a front reading the yoga that src/ui/yoga.ts loads
 * (with yoga's loader, bundled) and lends by a global symbol before the dashboard lays out a frame.
 */
function yogaLentToInk() {
  return {
    name: 'yoga-lent-to-ink',
    setup(bundler) {
      bundler.onResolve({ filter: /^yoga-layout$/ }, ({ importer }) =>
        packageOf(importer)[0] === 'ink' ? { path: 'yoga-layout', namespace: 'yoga-front' } : undefined,
      );
      bundler.onLoad({ filter: /.*/, namespace: 'yoga-front' }, () => ({
        loader: 'js',
        contents: `
const key = Symbol.for('concur-tui.yoga-layout');
export default new Proxy({}, {
  get(_, name) {
    const yoga = globalThis[key];
    if (yoga === undefined) throw new Error('Ink used yoga-layout before src/ui/yoga.ts lent it');
    return yoga[name];
  },
});
`,
      }));
    },
  };
}

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * The command line's CommonJS bundle: every command, Ink and React included, one file that
 * src/cli/code-cache.ts runs with V8's code cache. Outside it: React's devtools (loaded only when DEV=true: not a dependency) and piscina, which starts its
 * worker threads from a file of its own (`__dirname/worker.js`).
 */
const COMMAND_LINE = {
  ...COMMON,
  format: 'cjs',
  // Every start reads the whole file (the code cache holds bytecode, not the source): no
  // comments or indentation to read. Names stay, for stacks and React's component names.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['react-devtools-core', 'piscina'],
  // `import.meta.url` of a bundled module (rewritten by unbundledUrls to the URL it has
  // unbundled) is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** The command line's file, beside main.cjs: what main.js's import of command-line.js runs. */
export const COMMAND_LINE_FILE = 'command-line.cjs';

/** What bin/concur-tui runs: the bundle of src/cli/main.js. */
const MAIN_FILE = 'main.cjs';

/**
 * main.js's `import('./command-line.js')` in the bundle: the CommonJS bundle, run with the code
 * cache of the command the words name.
 */
function commandLineWithCodeCache(srcCliDir) {
  return {
    name: 'command-line-with-code-cache',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\/command-line\.js$/ }, ({ importer }) =>
        importer === join(srcCliDir, 'main.js') ? { path: 'command-line', namespace: 'cached-command-line' } : undefined,
      );
      bundler.onLoad({ filter: /.*/, namespace: 'cached-command-line' }, () => ({
        loader: 'js',
        resolveDir: srcCliDir,
        contents: `
import { join } from 'node:path';
import { runWithCodeCache } from './code-cache.js';
import { commandOf } from './command-names.js';
const { exports } = runWithCodeCache(join(__dirname, '${COMMAND_LINE_FILE}'), commandOf(process.argv.slice(2)) ?? 'other');
export const runCommandLine = exports.runCommandLine;
`,
      }));
    },
  };
}

/** Bundles the compiled build in `buildDir` (the compiler's output: `buildDir/src/…`). */
export async function bundleBuild(buildDir) {
  const cliDir = join(buildDir, 'cli');
  const srcCliDir = join(buildDir, 'src', 'cli');
  const { metafile } = await build({
    ...COMMAND_LINE,
    // Paths in the bundle's comments relative to the build: the same sources, the same bundle.
    absWorkingDir: buildDir,
    entryPoints: [join(srcCliDir, 'command-line.js')],
    outfile: join(cliDir, COMMAND_LINE_FILE),
    metafile: true,
    plugins: [lazyStringWidth(), developmentBuildsAsInstalled(), builtinsOnFirstCall(), yogaLentToInk(), unbundledUrls(cliDir)],
  });
  // main.cjs: a stored help, the early emulation process, then the command line. CommonJS, as
  // the launcher is: Node 20 sets up its ES module loader (~16 M instructions) for an ES module
  // only. Its lazy import of the emulation process stays lazy: that module runs when called.
  const { metafile: mainMap } = await build({
    ...COMMON,
    format: 'cjs',
    define: COMMAND_LINE.define,
    banner: COMMAND_LINE.banner,
    absWorkingDir: buildDir,
    metafile: true,
    entryPoints: [join(srcCliDir, 'main.js')],
    outfile: join(cliDir, MAIN_FILE),
    plugins: [commandLineWithCodeCache(srcCliDir), unbundledUrls(cliDir)],
  });
  // What the bundles hold (not shipped): test/cli/bundle.test.ts reads what a start runs.
  await writeFile(join(buildDir, BUNDLE_MAP), JSON.stringify({ main: mainMap, commandLine: metafile }));
  // The emulation process (which the dashboard's first picture waits for): its bundle, run with
  // the code cache by a launcher written over its compiled entry, the file the dashboard forks.
  await build({
    ...COMMAND_LINE,
    absWorkingDir: buildDir,
    entryPoints: [join(buildDir, 'src', 'ui', 'emulation-child-entry.js')],
    outfile: join(cliDir, EMULATION_CHILD_FILE),
    plugins: [unbundledUrls(cliDir)],
  });
  const childEntry = join(buildDir, 'src', 'ui', 'emulation-child-entry.js');
  await writeFile(`${childEntry}.launcher`, EMULATION_CHILD_LAUNCHER);
  await rename(`${childEntry}.launcher`, childEntry);
}

/** The emulation process's bundle, beside the command line's. */
const EMULATION_CHILD_FILE = 'emulation-child.cjs';

const EMULATION_CHILD_LAUNCHER = `// The emulation process: its bundle (scripts/bundle.mjs), run with V8's code cache.
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from '../cli/code-cache.js';
const { saveCache } = runWithCodeCache(fileURLToPath(new URL('../../cli/${EMULATION_CHILD_FILE}', import.meta.url)), 'emulation-child');
// The dashboard ends this process with a signal (no exit handler runs): the cache is written
// once the first job is answered, with the emulator's functions compiled by then.
process.once('message', () => setImmediate(saveCache));
`;
