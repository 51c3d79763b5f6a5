import { soak } from './soak.js';

/** `node --expose-gc dist/bench/soak-cli.js SECONDS`: the soak samples as JSON (for the CI test). */
const seconds = Number(process.argv[2] ?? 10);
process.stdout.write(`${JSON.stringify(await soak(seconds))}\n`);
process.exit(0);
