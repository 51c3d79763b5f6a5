import { READ_LIMITS, UsageError, quote, quoteName, readBoundedText } from '../engine/index.js';
import { parseTape } from '../export/tape.js';
import { timeMs } from '../export/tape-values.js';
import type { LessonChapter } from '../ui/lesson/lesson-player.js';
import type { ScriptStep } from '../ui/script/scripted-frames.js';
import { dashboardSetup, type DashboardFlags } from './dashboard-setup.js';
import { EMULATOR_OPTIONS } from './emulator-options.js';

/** A lesson read from its file: a title and its chapters, each ready to play. */
export interface Lesson {
  title: string | null;
  chapters: LessonChapter[];
}

/** The dashboard flags a lesson may set, by their flag names: for one chapter, or for all before the first. */
const PARAMETERS = new Set([...Object.keys(EMULATOR_OPTIONS), 'strategy', 'speed']);
/** What a chapter says besides its parameters. */
const CHAPTER_FIELDS = new Set(['caption', 'duration', 'keys']);
/** Longest chapter: an hour, as a tape's total sleep. */
const MAX_CHAPTER_MS = 3_600_000;

/** A `name: value` line and where it was. */
interface Field {
  name: string;
  value: string;
  line: number;
}

/** Reads a lesson file (a regular file, size-capped) and parses it; every problem is `file:line: what is wrong`. */
export function readLesson(path: string): Lesson {
  const read = readBoundedText(path, READ_LIMITS.lessonBytes, 'lesson');
  if (read.type === 'missing') throw new UsageError(`lesson: cannot read ${quoteName(path)} (ENOENT)`);
  return parseLesson(read.text, path);
}

/**
 * Parses a lesson (docs/lessons.md): `name: value` lines, `#` comment lines; `title` and
 * parameters before the first `chapter:` line apply to every chapter; each chapter has a
 * scenario or tasks, parameters, a caption, and a duration or keys (VHS tape commands).
 */
export function parseLesson(text: string, source: string): Lesson {
  const where = (line: number) => `${quoteName(source)}:${line}`;
  let title: string | null = null;
  const common: Field[] = [];
  const chapters: { name: Field; fields: Field[] }[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^([a-z][a-z-]*)\s*:\s*(.*)$/.exec(trimmed);
    if (!match) throw new UsageError(`${where(line)}: expected 'name: value' (e.g. chapter: Threads), not ${quote(trimmed)}`);
    const field: Field = { name: match[1]!, value: match[2]!.trim(), line };
    if (field.value === '') throw new UsageError(`${where(line)}: ${field.name} needs a value`);
    const chapter = chapters.at(-1);
    if (field.name === 'chapter') chapters.push({ name: field, fields: [] });
    else if (field.name === 'title' && chapter === undefined) {
      if (title !== null) throw new UsageError(`${where(line)}: the lesson has a title already`);
      title = field.value;
    } else if (PARAMETERS.has(field.name) || (chapter !== undefined && CHAPTER_FIELDS.has(field.name))) {
      const fields = chapter?.fields ?? common;
      if (field.name !== 'keys' && fields.some((other) => other.name === field.name)) {
        throw new UsageError(`${where(line)}: ${field.name} is given twice (first on line ${fields.find((other) => other.name === field.name)!.line})`);
      }
      fields.push(field);
    } else {
      const known = chapter === undefined ? 'title, chapter or a parameter' : 'caption, duration, keys, scenario, tasks or a parameter';
      throw new UsageError(`${where(line)}: unknown field ${quote(field.name)} here (expected ${known}; see docs/lessons.md)`);
    }
  }
  if (chapters.length === 0) throw new UsageError(`${where(lines.length)}: a lesson needs at least one chapter (a 'chapter: NAME' line)`);
  return { title, chapters: chapters.map(({ name, fields }) => chapterOf(name, withWorkload(common, fields, where), source, where)) };
}

/**
 * The lesson's fields, then the chapter's, which override them; the chapter's scenario or tasks
 * replace the lesson's workload whichever of the two it names.
 */
function withWorkload(common: Field[], own: Field[], where: (line: number) => string): Field[] {
  const workload = (fields: Field[]) => fields.filter((f) => f.name === 'scenario' || f.name === 'tasks');
  for (const fields of [common, own]) {
    const [first, second] = workload(fields);
    if (second) throw new UsageError(`${where(Math.max(first!.line, second.line))}: a chapter has a scenario or tasks, not both`);
  }
  const inherited = workload(own).length > 0 ? common.filter((f) => f.name !== 'scenario' && f.name !== 'tasks') : common;
  return [...inherited, ...own];
}

function chapterOf(name: Field, fields: Field[], source: string, where: (line: number) => string): LessonChapter {
  const one = (field: string) => fields.findLast((f) => f.name === field);
  // Parameters of the chapter override the lesson's: the last one given counts.
  const flags: Record<string, string> = {};
  for (const field of fields) if (PARAMETERS.has(field.name)) flags[field.name] = field.value;
  const setup = inFieldWords(fields, name, where, () => dashboardSetup(flags as DashboardFlags));
  const steps: ScriptStep[] = [];
  for (const field of fields.filter((f) => f.name === 'keys')) steps.push(...keySteps(field, source, where));
  const keysMs = steps.reduce((sum, step) => sum + (step.type === 'sleep' ? step.ms : 0), 0);
  const duration = one('duration');
  const durationMs = duration === undefined ? keysMs : parseDurationField(duration, where);
  if (duration === undefined && steps.length === 0) throw new UsageError(`${where(name.line)}: chapter ${quote(name.value)} needs a duration or keys`);
  if (durationMs < keysMs) throw new UsageError(`${where(duration!.line)}: the chapter's keys take ${keysMs / 1000}s, longer than its duration`);
  if (durationMs <= 0) throw new UsageError(`${where(duration?.line ?? name.line)}: chapter ${quote(name.value)} lasts no time; give it a duration`);
  return { title: name.value, caption: one('caption')?.value ?? name.value, durationMs, steps, initial: setup.initial, setupFor: setup.setupFor };
}

/** `6.5s`, `500ms`, `1m`, or a bare number of seconds (as a tape's Sleep). */
function parseDurationField(field: Field, where: (line: number) => string): number {
  const match = /^(\d+\.?\d*|\.\d+)\s*(us|ms|s|m)?$/.exec(field.value);
  const ms = match ? timeMs(match[1]!, match[2]) : null;
  if (ms === null || ms > MAX_CHAPTER_MS)
    throw new UsageError(`${where(field.line)}: duration: ${quote(field.value)} is not a duration of at most 1 hour (e.g. 6.5s)`);
  return ms;
}

/** A `keys:` line: VHS tape commands, of which a lesson plays keys, Type and Sleep. */
function keySteps(field: Field, source: string, where: (line: number) => string): ScriptStep[] {
  // Blank lines in front, so the tape parser's errors name the lesson's line.
  const tape = parseTape(`${'\n'.repeat(field.line - 1)}${field.value}`, source);
  const other = tape.steps.find((step) => step.type !== 'keys' && step.type !== 'sleep');
  if (other || tape.casts.length + tape.requires.length + tape.env.length + tape.warnings.length > 0) {
    throw new UsageError(`${where(field.line)}: keys: only keys, Type and Sleep belong in a lesson's keys`);
  }
  // The presenter ends a lesson; a chapter that quit the dashboard would end it without one.
  if (tape.steps.some((step) => step.type === 'keys' && step.keys.some((key) => key === 'q' || key === '\u0003'))) {
    throw new UsageError(`${where(field.line)}: keys: q and Ctrl+C would quit the lesson; leave them to the presenter`);
  }
  return tape.steps;
}

/** A refusal of the chapter's flags (`--cores: …`) in the lesson's words, at the line that gave the value. */
function inFieldWords<T>(fields: Field[], chapter: Field, where: (line: number) => string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const flag = /^--([a-z-]+)(?=[:,] )/.exec(error.message);
    const field = flag ? fields.findLast((f) => f.name === flag[1]) : undefined;
    const message = field ? error.message.slice(2) : error.message;
    throw new UsageError(`${where(field?.line ?? chapter.line)}: ${message}`);
  }
}
