/**
 * A CPU hog for `deno task stress`: N `sh` busy loops (`while :; do :; done`, builtins only, so
 * no fork and no output), started through the spawn module (own process groups, listed with
 * the watchdog, so they die with the stress run even after a SIGKILL) and stopped on disposal.
 * It reports how much CPU the loops really got, read from `/proc/<pid>/stat`, so a figure made
 * "under load" can show that the load was there.
 *
 * @example
 * ```ts ignore
 * import { startCpuHog } from "./cpu_hog.ts";
 * await using hog = startCpuHog(2);
 * // … run something on a machine whose cores are both busy …
 * console.log(hog.cpuSeconds());
 * ```
 * @module
 */
import { type ChildProcess, spawn } from "../harness/process/mod.ts";
import { cpuTicksOfStat, TICKS_PER_SECOND } from "../testing/cpu_time.ts";

export { cpuTicksOfStat };

/** The loop each hog process runs: a shell builtin loop, pure CPU. */
export const HOG_SCRIPT = "while :; do :; done";

/** Running hog processes. Dispose of it (`await using`) to stop and reap them. */
export class CpuHog implements AsyncDisposable {
  /** Process ids of the loops. */
  readonly pids: readonly number[];
  #children: ChildProcess[];
  #lastCpu = new Map<number, number>();
  #stopped = false;

  /** Start `count` loops (at least one). */
  constructor(count: number) {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`CPU hog: the process count must be a positive integer, got ${count}`);
    }
    this.#children = Array.from({ length: count }, () => spawn("sh", { args: ["-c", HOG_SCRIPT] }));
    this.pids = this.#children.map((c) => c.pid);
  }

  /** True while every loop is still running. */
  get running(): boolean {
    return !this.#stopped && this.#children.every((c) => !c.exited);
  }

  /**
   * CPU seconds (user + system) the loops have used so far, all together. A loop that has
   * exited counts what it had used when last read.
   */
  cpuSeconds(): number {
    let total = 0;
    for (const pid of this.pids) {
      const now = readCpuTicks(pid);
      if (now !== undefined) this.#lastCpu.set(pid, now);
      total += this.#lastCpu.get(pid) ?? 0;
    }
    return total / TICKS_PER_SECOND;
  }

  /** Stop every loop and wait until each is reaped (SIGTERM, then SIGKILL after 1 s). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.cpuSeconds(); // the last reading, while /proc still has them
    this.#stopped = true;
    await Promise.all(this.#children.map((c) => c.kill()));
  }

  /** Stop and reap (`await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Start `count` CPU hog processes. */
export function startCpuHog(count: number): CpuHog {
  return new CpuHog(count);
}

/**
 * utime + stime of a process, in clock ticks, from `/proc/<pid>/stat`; undefined once it is
 * gone. The command name (field 2) may hold spaces and parentheses, so fields are counted from
 * the last `)`.
 */
export function readCpuTicks(pid: number): number | undefined {
  let text: string;
  try {
    text = Deno.readTextFileSync(`/proc/${pid}/stat`);
  } catch {
    return undefined;
  }
  return cpuTicksOfStat(text);
}
