import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { TUTORIAL_CALIBRATION } from '../../src/workloads/calibration.js';
import { calibrationPath, loadCalibration, saveCalibration, toCalibration, type StoredCalibration } from '../../src/engine/calibration-store.js';

const SAMPLE: StoredCalibration = {
  version: 1,
  measuredAt: '2026-11-25T10:20:30.000Z',
  node: 'v20.20.2',
  nodeNsPerIteration: 0.91,
  cpythonNsPerIteration: 31.24,
  python: 'Python 3.11.7',
  machine: 'Test CPU × 2',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concur-tui-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('calibrationPath', () => {
  it('prefers CONCUR_TUI_CONFIG_DIR, then XDG_CONFIG_HOME/concur-tui, then ~/.config/concur-tui', () => {
    const all = { CONCUR_TUI_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/x', HOME: '/home/u' };
    expect(calibrationPath(all)).toBe('/a/calibration.json');
    expect(calibrationPath({ ...all, CONCUR_TUI_CONFIG_DIR: '' })).toBe('/x/concur-tui/calibration.json');
    expect(calibrationPath({ HOME: '/home/u' })).toBe('/home/u/.config/concur-tui/calibration.json');
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(calibrationPath({ XDG_CONFIG_HOME: 'rel', HOME: '/home/u' })).toBe('/home/u/.config/concur-tui/calibration.json');
  });
});

describe('saveCalibration / loadCalibration', () => {
  it('round-trips through the file CONCUR_TUI_CONFIG_DIR points at, creating directories', () => {
    const path = calibrationPath({ CONCUR_TUI_CONFIG_DIR: join(dir, 'nested', 'config') });
    saveCalibration(SAMPLE, path);
    expect(loadCalibration(path)).toEqual(SAMPLE);
    saveCalibration({ ...SAMPLE, cpythonNsPerIteration: null, python: null }, path);
    expect(loadCalibration(path)).toMatchObject({ cpythonNsPerIteration: null, python: null });
  });

  it('writes atomically: no temp file is left beside the result', () => {
    const path = join(dir, 'calibration.json');
    saveCalibration(SAMPLE, path);
    saveCalibration({ ...SAMPLE, nodeNsPerIteration: 2 }, path);
    expect(readdirSync(dir)).toEqual(['calibration.json']);
  });

  it('an absent file loads as null', () => {
    expect(loadCalibration(join(dir, 'missing.json'))).toBeNull();
  });

  it.each([
    ['not JSON', '{"version": 1,'],
    ['an array', '[]'],
    ['a wrong version', JSON.stringify({ ...SAMPLE, version: 2 })],
    ['a string cost', JSON.stringify({ ...SAMPLE, nodeNsPerIteration: '0.9' })],
    ['a missing field', JSON.stringify({ ...SAMPLE, machine: undefined })],
    ['a bad date', JSON.stringify({ ...SAMPLE, measuredAt: 'yesterday' })],
    ['a numeric python', JSON.stringify({ ...SAMPLE, python: 3 })],
  ])('a file with %s throws a UsageError naming the file and the fix', (_, text) => {
    const path = join(dir, 'calibration.json');
    writeFileSync(path, text);
    expect(() => loadCalibration(path)).toThrow(UsageError);
    expect(() => loadCalibration(path)).toThrow(path);
    expect(() => loadCalibration(path)).toThrow(/rerun `concur-tui calibrate`/);
  });
});

describe('toCalibration', () => {
  it('uses both measured figures and says where they come from', () => {
    expect(toCalibration(SAMPLE)).toEqual({
      nodeNsPerIteration: 0.91,
      cpythonNsPerIteration: 31.24,
      source: 'this machine, 2026-11-25 (CPython 31.2 ns/iteration)',
      nodeSource: '`calibrate` of 2026-11-25',
    });
  });

  it("falls back to the tutorial's CPython figure when CPython was not measured", () => {
    expect(toCalibration({ ...SAMPLE, cpythonNsPerIteration: null, python: null })).toEqual({
      nodeNsPerIteration: 0.91,
      cpythonNsPerIteration: TUTORIAL_CALIBRATION.cpythonNsPerIteration,
      source: 'this machine, 2026-11-25 (Node only; CPython from the tutorial)',
      nodeSource: '`calibrate` of 2026-11-25',
    });
  });
});
