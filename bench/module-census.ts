import { register } from 'node:module';

/**
 * `node --import module-census.js …`: every module the program loads is appended, one URL a
 * line, to the file CONCUR_CENSUS_FILE names (the start-up bench counts what `--help` loads).
 */
register(new URL('./module-census-hooks.js', import.meta.url));
