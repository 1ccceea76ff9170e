/** A process found in `/proc`. */
export interface ProcessEntry {
  /** Process id. */
  pid: number;
  /** Its command line, arguments joined by spaces. */
  cmdline: string;
}

/**
 * Every process on the machine (this one excepted) whose command line or environment contains
 * `marker`, read from `/proc/<pid>/cmdline` and `/proc/<pid>/environ`: the real process table,
 * not the spawn module's own registry, so a child that escaped the harness is found too, even an
 * orphaned grandchild with a command line of its own (it inherited the environment). Processes
 * that vanish while being read, or that belong to other users, are skipped.
 *
 * @example
 * ```ts
 * import { processesMatching } from "./process_table.ts";
 * console.log(processesMatching("/tmp/my-unique-dir-").length);
 * ```
 */
export function processesMatching(marker: string): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const pid = Number(entry.name);
    if (pid === Deno.pid) continue;
    let raw: Uint8Array;
    try {
      raw = Deno.readFileSync(`/proc/${pid}/cmdline`);
    } catch {
      continue; // exited meanwhile, or not ours to read
    }
    const cmdline = decoder.decode(raw).replaceAll("\0", " ").trim();
    if (cmdline.includes(marker) || environ(pid).includes(marker)) out.push({ pid, cmdline });
  }
  return out;
}

const decoder = new TextDecoder();

function environ(pid: number): string {
  try {
    return decoder.decode(Deno.readFileSync(`/proc/${pid}/environ`));
  } catch {
    return "";
  }
}

/** Options for {@linkcode waitForProcesses}. */
export interface WaitForProcessesOptions {
  /** How many matching processes to wait for. @default {1} */
  count?: number;
  /** Deadline in milliseconds. @default {20000} */
  timeoutMs?: number;
  /** Aborting stops the wait. */
  signal?: AbortSignal;
}

/**
 * Poll the process table until at least `count` processes match `test`; resolves with them.
 * Rejects on the deadline, naming what it waited for.
 *
 * @example
 * ```ts ignore
 * import { waitForProcesses } from "./process_table.ts";
 * await waitForProcesses((p) => p.cmdline.includes("s_server"), { count: 2, timeoutMs: 5000 });
 * ```
 */
export async function waitForProcesses(
  test: (p: ProcessEntry) => boolean,
  options: WaitForProcessesOptions = {},
): Promise<ProcessEntry[]> {
  const count = options.count ?? 1;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = performance.now() + timeoutMs;
  while (true) {
    options.signal?.throwIfAborted();
    const found = processesMatching("").filter(test);
    if (found.length >= count) return found;
    if (performance.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${count} process(es) in /proc ` +
          `(found ${found.length}): ${test.toString()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
