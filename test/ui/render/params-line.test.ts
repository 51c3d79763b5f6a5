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
