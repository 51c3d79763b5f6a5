import { formatElapsed, formatSpeedup, summaryRows, type Trace } from '../engine/index.js';
import { MARGIN, num, xml } from './svg-text.js';

const TABLE_HEADER = ['strategy', 'source', 'elapsed', 'speedup', 'CPU %', 'switches', 'GIL hand-offs'];
const TABLE_COLUMN_PX = [170, 90, 90, 80, 70, 80, 110];

/** The summary table (`summaryRows`), the fastest run of each source in bold. Returns the y below. */
export function drawTable(out: string[], trace: Trace, top: number, width: number): number {
  const fit = Math.min(1, (width - 2 * MARGIN) / TABLE_COLUMN_PX.reduce((a, b) => a + b, 0));
  const rights = TABLE_COLUMN_PX.map((_, i) => MARGIN + TABLE_COLUMN_PX.slice(0, i + 1).reduce((a, b) => a + b, 0) * fit);
  const cells = (values: string[], bold: boolean, y: number): string =>
    values
      .map((value, i) => {
        // Text columns align left, numbers right, as in the terminal table.
        const [xPos, anchor] = i < 2 ? [i === 0 ? MARGIN : rights[0]!, 'start'] : [rights[i]! - 8, 'end'];
        return `<text x="${num(xPos)}" y="${y}" text-anchor="${anchor}"${bold ? ' font-weight="bold"' : ''}>${xml(value)}</text>`;
      })
      .join('');
  const parts = [cells(TABLE_HEADER, true, top + 14), `<path d="M${MARGIN} ${top + 19}H${num(rights.at(-1) ?? MARGIN)}" stroke="#333"/>`];
  summaryRows(trace.runs).forEach((row, index) => {
    const strategy = row.failed > 0 ? `${row.strategy} (${row.failed} failed)` : row.strategy;
    const speedup = row.speedup === null ? '—' : `${formatSpeedup(row.speedup)}×`;
    const values = [
      strategy,
      row.source,
      formatElapsed(row.elapsedUs),
      speedup,
      `${row.cpuPercent.toFixed(0)}%`,
      String(row.contextSwitches),
      String(row.gilHandoffs),
    ];
    parts.push(cells(values, row.best, top + 36 + index * 18));
  });
  out.push(`<g class="summary">${parts.join('')}</g>`);
  return top + 24 + trace.runs.length * 18;
}
