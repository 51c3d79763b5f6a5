import { formatDuration } from '../../engine/index.js';
import type { Model } from '../state/model.js';
import type { Theme } from '../theme.js';
import { bold } from './ansi.js';
import { truncate } from './text.js';

/** The parameters bar: what the emulator runs with, and the playback state. */
export function paramsLine(model: Model, width: number, theme: Theme): string {
  const p = model.params;
  const gil =
    p.gil === 'new' ? `GIL new ${formatDuration(p.switchIntervalUs)}` : p.gil === 'old' ? `GIL old ${p.checkInterval} ticks` : 'no GIL';
  const parts = [
    model.scenario,
    `${p.cores} core${p.cores === 1 ? '' : 's'}`,
    p.policy,
    `slice ${formatDuration(p.quantumUs)}`,
    `switch ${formatDuration(p.switchCostUs)}`,
    gil,
    model.interpreter ?? '',
    `${model.paused ? (theme.unicode ? '⏸' : '||') : theme.unicode ? '▶' : '>'} ${model.speed}×`,
    model.view,
  ].filter((part) => part !== '');
  const separator = theme.unicode ? ' │ ' : ' | ';
  return bold(truncate(parts.join(separator), width), theme.color);
}
