import { describe, expect, it } from 'vitest';
import { CellBuffer } from '../../../src/ui/render/cell-buffer.js';
import { styleOf } from '../../../src/ui/render/style.js';
import { screenshotText } from '../../../src/ui/script/screenshot.js';

function frame(): CellBuffer {
  const buffer = new CellBuffer(12, 2, { color: true, unicode: true });
  buffer.put(0, 0, 'a<b & c', styleOf({ fg: 32, bold: true }));
  buffer.put(0, 1, 'plain', styleOf({}));
  buffer.put(6, 1, '██', styleOf({ fg: 91, bg: 44 }));
  return buffer;
}

describe('screenshots of a frame', () => {
  it('as .txt: the plain text of each row', () => {
    expect(screenshotText(frame(), 'txt')).toBe('a<b & c\nplain ██\n');
  });

  it('as .svg: each run of a style at its column, in its colours, text escaped', () => {
    const svg = screenshotText(frame(), 'svg');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="125" height="60"/);
    expect(svg).toContain('<text x="12.0" y="26" fill="#0dbc79" font-weight="bold">a&lt;b &amp; c</text>');
    expect(svg).toContain('<rect x="62.4" y="30" width="16.8" height="18" fill="#2472c8"/>');
    expect(svg).toContain('<text x="62.4" y="44" fill="#f14c4c">██</text>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
