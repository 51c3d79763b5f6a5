import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NO_LAYERS, resolveLayers } from '../../../src/engine/index.js';

describe('parameter layers: defaults → scenario → preset → flags → keys', () => {
  it('a scenario brings its own machine; a --tasks list has none', () => {
    expect(resolveLayers(NO_LAYERS, 'juggle')).toEqual({ ...DEFAULT_PARAMS, cores: 1, workers: 1 });
    expect(resolveLayers(NO_LAYERS, 'tasks')).toEqual(DEFAULT_PARAMS);
  });

  it('the preset sets its fields over the scenario; flags over the preset; keys over everything', () => {
    const preset = { ...NO_LAYERS, preset: 'cpython-2.7' };
    expect(resolveLayers(preset, 'count')).toMatchObject({ gil: 'old', checkInterval: 100 });
    const flagged = { ...preset, flags: { gil: 'new' as const, cores: 4 } };
    expect(resolveLayers(flagged, 'juggle')).toMatchObject({ gil: 'new', cores: 4, workers: 4 });
    const keyed = { ...flagged, keys: { cores: 3, workers: 3, gil: 'none' as const } };
    expect(resolveLayers(keyed, 'juggle')).toMatchObject({ gil: 'none', cores: 3, workers: 3 });
  });

  it('workers follow the cores unless a layer sets them', () => {
    expect(resolveLayers({ ...NO_LAYERS, flags: { cores: 6 } }, 'count').workers).toBe(6);
    expect(resolveLayers({ ...NO_LAYERS, flags: { cores: 6, workers: 2 } }, 'count').workers).toBe(2);
    expect(resolveLayers({ ...NO_LAYERS, flags: { workers: 5 } }, 'juggle')).toMatchObject({ cores: 1, workers: 5 });
  });

  it('an unknown preset is a bug, not a silent default', () => {
    expect(() => resolveLayers({ ...NO_LAYERS, preset: 'cpython-4' }, 'count')).toThrow(/unknown interpreter preset/);
  });
});

describe('the twin layer: the real interpreter under the user’s choices', () => {
  const twin = { preset: 'cpython-2.7', interpreter: 'CPython 2.7.18, GIL', params: { gil: 'old' as const, checkInterval: 100, spawnCostUs: 3_000 } };

  it('sets its fields over the defaults and the scenario machine', () => {
    expect(resolveLayers({ ...NO_LAYERS, twin }, 'juggle')).toMatchObject({ gil: 'old', spawnCostUs: 3_000, cores: 1 });
  });

  it('a chosen preset, a flag or a key wins over it', () => {
    expect(resolveLayers({ ...NO_LAYERS, twin, preset: 'pypy' }, 'count').gil).toBe('pypy');
    expect(resolveLayers({ ...NO_LAYERS, twin, flags: { gil: 'none' } }, 'count').gil).toBe('none');
    expect(resolveLayers({ ...NO_LAYERS, twin, keys: { spawnCostUs: 9 } }, 'count')).toMatchObject({ gil: 'old', spawnCostUs: 9 });
  });
});
