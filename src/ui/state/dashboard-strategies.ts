import type { EmulatedStrategy } from '../../engine/index.js';

/**
 * Strategies the dashboard shows unless told otherwise: the tutorial's four. In a file of its
 * own (types only besides), so the dashboard's `--help` names them without loading the UI.
 */
export const DASHBOARD_STRATEGIES: readonly EmulatedStrategy[] = ['sequential', 'threads', 'processes', 'async'];
