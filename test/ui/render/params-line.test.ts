import { describe, expect, it } from 'vitest';
import { NO_LAYERS } from '../../../src/engine/index.js';
import { lineText } from '../../../src/ui/render/line.js';
import { paramsLine as paramsLineOf } from '../../../src/ui/render/params-line.js';
import { columnsOf } from '../../../src/ui/render/text.js';
import { initialModel, type Model } from '../../../src/ui/state/model.js';

const plain = { color: false, unicode: true };
const paramsLine = (...args: Parameters<typeof paramsLineOf>) => lineText(paramsLineOf(...args));
const model: Model = {
  ...initialModel({ scenario: 'compress', layers: { ...NO_LAYERS, preset: 'cpython-3.13t' }, strategies: ['sequential'], speed: 1 }),
  view: 'side-by-side',
};

describe('parameters bar', () => {
  it('shows every field when they fit', () => {
    expect(paramsLine(model, 120, plain)).toBe('compress │ 2 cores │ rr │ slice 4ms │ switch 50us │ no GIL │ cpython-3.13t │ ▶ 1× │ side-by-side');
  });

  it('leaves out whole fields, the least telling first, instead of cutting one', () => {
    expect(paramsLine(model, 80, plain)).toBe('compress │ 2 cores │ slice 4ms │ no GIL │ cpython-3.13t │ ▶ 1× │ side-by-side');
    expect(paramsLine(model, 60, plain)).toBe('compress │ 2 cores │ slice 4ms │ no GIL │ side-by-side');
    for (let width = 30; width <= 120; width++) {
      const line = paramsLine(model, width, plain);
      expect(columnsOf(line)).toBeLessThanOrEqual(width);
      expect(line).not.toMatch(/…$/);
    }
  });
});

describe('the field a key just changed', () => {
  it('stays in the bar at 60 columns, ranked next to the scenario, whatever it would have given way to', () => {
    expect(paramsLine(model, 60, plain)).not.toContain('rr');
    expect(paramsLine({ ...model, touched: 'policy' }, 60, plain)).toMatch(/^compress │ 2 cores │ rr │/);
    expect(paramsLine({ ...model, touched: 'playback' }, 60, plain)).toContain('▶ 1×');
    for (const touched of ['cores', 'policy', 'slice', 'gil', 'preset', 'playback', 'view'] as const) {
      for (let width = 60; width <= 120; width++) {
        const line = paramsLine({ ...model, touched }, width, plain);
        expect(columnsOf(line)).toBeLessThanOrEqual(width);
        expect(line.split(' │ ')).toHaveLength(new Set(line.split(' │ ')).size);
      }
    }
  });

  it('shows where the playhead is, padded to the end’s width, once the runs’ end is known', () => {
    expect(paramsLine({ ...model, playheadUs: 2_500_000.4 }, 200, plain, 12_930_000)).toContain('▶ 1× 2.500s │');
    expect(paramsLine({ ...model, playheadUs: 99_999 }, 200, plain, 12_930_000)).toContain('▶ 1× 100.0ms │');
    expect(paramsLine({ ...model, playheadUs: 5 }, 200, plain, 12_930_000)).toContain('▶ 1×    5us │');
  });
});
