import { appendFileSync } from 'node:fs';

type Load = (url: string, context: unknown, next: (url: string, context: unknown) => Promise<unknown>) => Promise<unknown>;

/** The loader hook of module-census.ts: runs on Node's hooks thread, for every module loaded. */
export const load: Load = async (url, context, next) => {
  const loaded = await next(url, context);
  const file = process.env.CONCUR_CENSUS_FILE;
  if (file) appendFileSync(file, `${url}\n`);
  return loaded;
};
