/**
 * One traced, timed run of the CLI (`cli.ts run … --reporter json`) for the bench: its wall
 * time, its CPU time and its children's (GNU time, when there is one), its JSON report and the
 * trace of its children (`TLS_HARNESS_TRACE`).
 *
 * @example
 * ```ts ignore
 * const r = await runCli(workDir, ["--openssl", "all", "--pairs", "all"]);
 * console.log(r.wallS, r.cpuS, r.report.results.length, r.trace.length);
 * ```
 * @module
 */
import { spawn, TRACE_ENV } from "../harness/process/mod.ts";
import { cpuTicksOfStat, TICKS_PER_SECOND } from "../testing/cpu_time.ts";
import type { TraceLine } from "./floor.ts";

const CLI = new URL("../cli.ts", import.meta.url).pathname;

/** A CLI run: its wall time, its JSON report and the trace of its children. */
export interface CliRun {
  /** Wall seconds, from spawn to exit. */
  wallS: number;
  /** User + system CPU seconds of the CLI and all its children (NaN without GNU time). */
  cpuS: number;
  /**
   * CPU seconds of the CLI's own process, without its children: its last `/proc/<pid>/stat`
   * sample before it exited (sampled every 50 ms, so up to that much is missed). NaN where
   * /proc cannot be read.
   */
  selfCpuS: number;
  /** Exit code. */
  code: number | null;
  /** The JSON report. */
  report: {
    results: { scenario: string; status: string; repro: string[]; duration_ms?: number }[];
    summary: Record<string, number | boolean>;
  };
  /** Every child, as the spawn module traced it. */
  trace: TraceLine[];
}

const GNU_TIME = (() => {
  try {
    return Deno.statSync("/usr/bin/time").isFile ? "/usr/bin/time" : undefined;
  } catch {
    return undefined;
  }
})();

/** Options of {@linkcode runCli}. */
export interface CliRunOptions {
  /** Deadline of the whole run, in milliseconds; past it the CLI is stopped. @default {1200000} */
  timeoutMs?: number;
  /** Aborting stops the CLI (SIGTERM to its group, so it cleans up and writes its report). */
  signal?: AbortSignal;
  /**
   * How long the stopped CLI may take to clean up (kill its peers, remove its keys) before it
   * is killed outright; a loaded machine needs more than the spawn module's 1 s. @default {10000}
   */
  killGraceMs?: number;
  /**
   * Measure CPU through GNU time. Off when the run may be stopped: GNU time dies of the SIGTERM
   * that asks the CLI to clean up, and the spawn module then kills the rest of its group (the
   * CLI) at once. @default {true}
   */
  cpu?: boolean;
  /** Warn on stderr when the CLI exits non-zero. @default {true} */
  warn?: boolean;
}

/**
 * Run `cli.ts run <args> --reporter json` with tracing on; a non-zero exit is only warned about.
 *
 * @throws {ProcessError} past the deadline or on abort (the CLI has been stopped and reaped).
 * @throws {Error} naming the command when the CLI wrote no readable report.
 */
export async function runCli(
  work: string,
  args: string[],
  options: CliRunOptions = {},
): Promise<CliRun> {
  const out = `${work}/report-${crypto.randomUUID()}.json`;
  const traceFile = `${work}/trace-${crypto.randomUUID()}.jsonl`;
  const timeFile = `${work}/time-${crypto.randomUUID()}.txt`;
  const cli = [
    Deno.execPath(),
    "run",
    "-A",
    CLI,
    "run",
    ...args,
    "--reporter",
    "json",
    "--out",
    out,
  ];
  // GNU time, when there is one, adds the CPU time of the CLI and every process it waited for.
  const time = options.cpu === false ? undefined : GNU_TIME;
  const argv = time ? [time, "-f", "%U %S", "-o", timeFile, ...cli] : cli;
  const started = performance.now();
  const child = spawn(argv[0], {
    args: argv.slice(1),
    env: { [TRACE_ENV]: traceFile, NO_COLOR: "1" },
    signal: options.signal,
    killGraceMs: options.killGraceMs ?? 10_000,
  });
  let selfTicks = NaN;
  const sample = () => {
    try {
      // Under GNU time the CLI is time's one child.
      const pid = time
        ? Number(Deno.readTextFileSync(`/proc/${child.pid}/task/${child.pid}/children`).trim())
        : child.pid;
      if (pid) selfTicks = cpuTicksOfStat(Deno.readTextFileSync(`/proc/${pid}/stat`));
    } catch { /* exited between two samples, or no /proc */ }
  };
  const sampler = setInterval(sample, 50);
  let r;
  try {
    r = await child.wait({ timeoutMs: options.timeoutMs ?? 1_200_000, signal: options.signal });
  } finally {
    clearInterval(sampler);
    await child.kill();
  }
  const wallS = (performance.now() - started) / 1000;
  const cpu = time
    ? (await Deno.readTextFile(timeFile)).trim().split("\n").at(-1)!.split(" ").map(Number)
    : [NaN, NaN];
  if (r.code !== 0 && options.warn !== false) {
    await Deno.stderr.write(
      new TextEncoder().encode(`warning: "run ${args.join(" ")}" exited ${r.code}\n${r.stderr}`),
    );
  }
  let report: CliRun["report"];
  try {
    report = JSON.parse(await Deno.readTextFile(out));
  } catch (e) {
    throw new Error(
      `"run ${args.join(" ")}" (exit ${r.code}) wrote no readable report: ${
        (e as Error).message
      }\n${r.stderr.split("\n").slice(-5).join("\n")}`,
      { cause: e },
    );
  }
  const trace = (await Deno.readTextFile(traceFile).catch(() => "")).trim().split("\n")
    .filter(Boolean).map((l) => JSON.parse(l) as TraceLine);
  return {
    wallS,
    cpuS: cpu[0] + cpu[1],
    selfCpuS: selfTicks / TICKS_PER_SECOND,
    code: r.code,
    report,
    trace,
  };
}
