import { failureNotes, formatElapsed, formatSpeedup, formatSpread, pairRows, type Run, type SummaryRow } from '../../engine/index.js';
import { STATE_COLOR, stateGlyph, type Theme } from '../theme.js';
import { plain, styled, type Line } from './line.js';
import { BOLD, foreground } from './style.js';
import { fit, truncate } from './text.js';

/**
 * One table row per strategy, real and emulated side by side, as far as playback has got; when
 * real tasks failed, one more line says why (the first reason, and how many others there are).
 */
export function tableLines(emulated: readonly Run[], real: readonly Run[], playheadUs: number, width: number, theme: Theme): Line[] {
  const played = (row: SummaryRow | undefined) => row !== undefined && row.elapsedUs <= playheadUs;
  // Two groups, real then emulated, so that CPU, switches and GIL hand-offs (measured only by the
  // emulator: the real caption gives real hand-offs) visibly belong to the emulated runs.
  const divider = '│';
  const header = ['strategy', 'real', '×real', divider, 'emulated', '×emu', 'CPU', 'switch', 'GIL'];
  // The strategy column gives way first (to 11 columns: the * mark and 'sequential'), then the
  // rightmost columns are cut.
  // A repeated real run's cell adds its spread (`605.2ms ±4%`): the strategy column lends the room.
  const others = [real.some(hasRepeats) ? 13 : 9, 6, 1, 9, 6, 5, 7, 6];
  const widths = [Math.max(11, Math.min(18, width - others.reduce((sum, w) => sum + w + 1, 0))), ...others];
  const line = (cells: string[]) => cells.map((cell, i) => fit(cell, widths[i]!, i === 0 ? 'left' : 'right')).join(' ');
  const fitLine = (cells: string[]) => truncate(line(cells), width, '');
  // The captions quote these very rows (pairRows), so they cannot say another number.
  const rows = pairRows(emulated, real).map((pair) => {
    const strategy = pair.strategy;
    const emu = pair.emulated;
    const realRow = pair.real;
    const emuShown = played(emu);
    const best = (emuShown && emu!.best) || (realRow?.best ?? false);
    const text = fitLine([
      `${best ? '*' : ' '}${strategy}${realRow && realRow.strategy !== strategy ? `/${realRow.strategy}` : ''}`,
      realRow ? (realRow.failed > 0 ? `${realRow.failed} failed` : formatElapsed(realRow.elapsedUs) + spreadOf(pair.runs.real)) : '-',
      realRow?.speedup ? formatSpeedup(realRow.speedup) : '-',
      divider,
      emu ? (emuShown ? formatElapsed(emu.elapsedUs) : '…') : '-',
      emuShown && emu!.speedup ? formatSpeedup(emu!.speedup) : '-',
      emuShown ? `${emu!.cpuPercent.toFixed(0)}%` : '-',
      emuShown ? String(emu!.contextSwitches) : '-',
      emuShown ? String(emu!.gilHandoffs) : '-',
    ]);
    return best ? styled(text, BOLD) : plain(text);
  });
  return [plain(fitLine(header)), ...rows, ...failureLine(real, width, theme)];
}

function hasRepeats(run: Run): boolean {
  return run.source === 'real' && run.repeats !== undefined;
}

function spreadOf(run: Run | undefined): string {
  return run?.source === 'real' && run.repeats ? ` ${formatSpread(run.repeats)}` : '';
}

function failureLine(real: readonly Run[], width: number, theme: Theme): Line[] {
  const [first, ...others] = failureNotes(real);
  if (first === undefined) return [];
  const more = others.length > 0 ? ` (+${others.length} more)` : '';
  return [styled(truncate(`${stateGlyph(theme, 'failed')} ${first}${more}`, width), foreground(STATE_COLOR.failed))];
}
