import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * CPU affinity for real runs (Node and Python): a child started under `taskset -c LIST` may run
 * only on those CPUs, and so may every thread it creates and every process it forks (Linux
 * inherits the mask). `--cores N` / `c` limits a real run this way to N of this process's CPUs.
 */
export interface AffinityPlan {
  /** The cores the user asked real runs to be limited to; null when none were asked. */
  asked: number | null;
  /** The CPUs to pin the child to, or null: it runs on every CPU this process may use. */
  cpus: number[] | null;
  /** The taskset that pins it (set whenever `cpus` is). */
  taskset: string | null;
  /** Why the run is not limited as asked, when it cannot be: one line for headings, notes and JSON. */
  unavailable: string | null;
}

/** What the plan depends on; the defaults read this machine. */
export interface AffinityHost {
  platform: NodeJS.Platform;
  /** The CPUs this process may run on (its own affinity), in order. */
  allowed: number[];
  /** The path of `taskset`, or null when it is not on the PATH. */
  taskset: string | null;
}

/** This machine: the platform, this process's CPUs, and taskset from the PATH. */
export function thisHost(): AffinityHost {
  return { platform: process.platform, allowed: allowedCpus('self') ?? [], taskset: findOnPath('taskset') };
}

/** How a real run limited to `asked` cores is started here (see AffinityPlan). */
export function planAffinity(asked: number | null, host: AffinityHost = thisHost()): AffinityPlan {
  const unrestricted = (unavailable: string | null): AffinityPlan => ({ asked, cpus: null, taskset: null, unavailable });
  if (asked === null) return unrestricted(null);
  const present = host.allowed.length;
  const all = `real runs use all ${present === 0 ? 'the' : present} cores`;
  const wanted = `${asked} core${asked === 1 ? '' : 's'} asked`;
  if (present > 0 && asked === present) return unrestricted(null);
  if (present > 0 && asked > present) return unrestricted(`${wanted}, but this process may use only ${present}: ${all}`);
  if (host.platform !== 'linux') return unrestricted(`${wanted}, but CPU affinity needs Linux (this is ${host.platform}): ${all}`);
  if (present === 0) return unrestricted(`${wanted}, but /proc/self/status does not say which CPUs this process may use: ${all}`);
  if (host.taskset === null) return unrestricted(`${wanted}, but taskset (util-linux) is not on the PATH: ${all}`);
  return { asked, cpus: host.allowed.slice(0, asked), taskset: host.taskset, unavailable: null };
}

/** The command line that starts `command args` under the plan's affinity (unchanged when unrestricted). */
export function withAffinity(plan: AffinityPlan | undefined, command: string, args: readonly string[]): { command: string; args: string[] } {
  if (plan?.cpus == null || plan.taskset === null) return { command, args: [...args] };
  // taskset sets its own mask, then execs the command: the child keeps taskset's pid.
  return { command: plan.taskset, args: ['-c', plan.cpus.join(','), command, ...args] };
}

/** The CPUs a process may run on (`Cpus_allowed_list` of /proc/PID/status), or null where unreadable. */
export function allowedCpus(pid: number | 'self'): number[] | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const line = /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
  return line ? parseCpuList(line[1]!) : null;
}

/** `0-2,5` → [0, 1, 2, 5]: the kernel's list format. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.split(',')) {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from)) continue;
    for (let cpu = from; cpu <= (to ?? from); cpu++) cpus.push(cpu);
  }
  return cpus;
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}
