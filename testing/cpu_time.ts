/**
 * CPU time from `/proc`, for bounds that must not flip when other processes load the machine: a
 * wall-clock budget fails under load (a fuzz test took 31 s of wall for well under its 15 s of CPU
 * while the machine's load average was 17), a CPU budget does not.
 *
 * @example
 * ```ts
 * import { threadCpuSeconds } from "./cpu_time.ts";
 * const t0 = threadCpuSeconds();
 * for (let i = 0; i < 1e6; i++) Math.sqrt(i);
 * console.log(threadCpuSeconds() - t0);
 * ```
 * @module
 */

/**
 * Linux reports `/proc/<pid>/stat` times in USER_HZ, which is 100 on every architecture the
 * kernel's ABI fixes it for (`sysconf(_SC_CLK_TCK)`); there is no Deno API to ask.
 */
export const TICKS_PER_SECOND = 100;

/**
 * utime + stime from the text of a `/proc/<pid>/stat` file, in clock ticks. The command name
 * (field 2) may hold spaces and parentheses, so fields are counted from the last `)`.
 *
 * @throws {SyntaxError} when the text is not in that format.
 */
export function cpuTicksOfStat(text: string): number {
  const close = text.lastIndexOf(")");
  // After "pid (comm)": state is field 3, utime field 14, stime field 15.
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (close < 0 || !Number.isInteger(utime) || !Number.isInteger(stime)) {
    throw new SyntaxError(`/proc/<pid>/stat: cannot read utime and stime from "${text.trim()}"`);
  }
  return utime + stime;
}

/**
 * CPU seconds the calling thread has used: `deno test --parallel` runs test files on threads of
 * one process, so the process's own CPU time would count the other files too. Falls back to
 * wall seconds where `/proc/thread-self` cannot be read.
 */
export function threadCpuSeconds(): number {
  try {
    return cpuTicksOfStat(Deno.readTextFileSync("/proc/thread-self/stat")) / TICKS_PER_SECOND;
  } catch {
    return performance.now() / 1000;
  }
}
