/**
 * `deno task stress`: does the matrix give the same verdicts on a machine whose cores are all
 * busy? It runs `run --openssl all --pairs all --reporter json` once idle (the reference; or
 * reads `--reference FILE`), then `--runs` times while a CPU hog (`--hog N` busy loops, default
 * one per core; cpu_hog.ts) competes for the cores, and lists every result that differs from
 * the reference by `report diff`'s rules (stress_diff.ts): a status, an observed value, a result
 * missing. Exit 0 when nothing differed and no result errored, 1 otherwise, 2 on bad options,
 * 130/143 when interrupted. The target is zero.
 *
 * Every wait is bounded: each CLI run by `--run-timeout` (it is then stopped with SIGTERM, so
 * it cleans up, and killed 10 s later), the whole command by `--timeout`. The hog and the CLI
 * runs are children of the spawn module (own process groups, listed with the watchdog): Ctrl-C
 * stops the run in flight, then the hog; a SIGKILL of this process takes them along.
 *
 * Scenario paths, when given, narrow the matrix as they do for `run`. Options: `--runs N` (3), `--openssl SPEC` (repeatable; default `all`), `--build SPEC`
 * (repeatable; passed to the CLI as it is), `--hog N`, `--reference FILE` (a JSON report to use
 * instead of the idle run), `--out FILE` (the JSON summary), `--reports DIR` (keep every run's
 * JSON report there), `--run-timeout SECONDS` (900), `--timeout SECONDS` (the runs' deadlines
 * together, plus a minute).
 *
 * @example
 * ```sh
 * deno task stress
 * deno task stress --runs 1 --openssl 3.5 --openssl 1.1.1 --hog 4 --out stress.json
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import { startWatchdog } from "../harness/process/mod.ts";
import { parseReport, type ReportData } from "../harness/report/mod.ts";
import { type CliRun, runCli } from "./cli_run.ts";
import { startCpuHog } from "./cpu_hog.ts";
import { type DifferingResult, differingResults } from "./stress_diff.ts";

/** The options of one stress command, parsed. */
export interface StressOptions {
  /** Runs under load. */
  runs: number;
  /**
   * Arguments of `cli.ts run` that select the matrix: scenario paths (default: all), `--openssl
   * …`, `--build …`, `--pairs all`.
   */
  matrixArgs: string[];
  /** Hog processes. */
  hog: number;
  /** A JSON report to use as the reference instead of an idle run. */
  reference?: string;
  /** Where to write the JSON summary. */
  out?: string;
  /** Where to keep every run's JSON report. */
  reports?: string;
  /** Deadline of one CLI run, in seconds. */
  runTimeoutS: number;
  /** Deadline of the whole command, in seconds. */
  timeoutS: number;
}

/** A bad option (exit 2). */
export class StressUsageError extends Error {
  /** `message` says which option and why. */
  constructor(message: string) {
    super(message);
    this.name = "StressUsageError";
  }
}

/** The help text. */
export const STRESS_HELP = `Usage: deno task stress [paths…] [options]

Runs the matrix (run --openssl all --pairs all) once idle and --runs times under a CPU hog, and
lists the results that differ (status, observed values). Exit 1 when any differed or errored.
Scenario paths (default: all of them) are passed to run.

  --runs N               runs under load (default 3)
  --openssl SPEC         builds, as for run (repeatable; default all)
  --build SPEC           builds of any implementation, passed to run (repeatable)
  --hog N                busy-loop processes (default: one per core)
  --reference FILE       compare with this JSON report instead of an idle run
  --out FILE             write the JSON summary to FILE
  --reports DIR          keep each run's JSON report in DIR
  --run-timeout SECONDS  deadline of one run (default 900)
  --timeout SECONDS      deadline of the whole command (default: the runs' deadlines + 60)
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new StressUsageError(`--${name} takes a positive integer, got "${value}"`);
  }
  return n;
}

/**
 * Parse the command line.
 *
 * @throws {StressUsageError} on an unknown option or a bad value.
 * @example
 * ```ts ignore
 * const o = parseStressArgs(["--runs", "1", "--openssl", "3.5"], 2);
 * console.log(o.matrixArgs); // ["--openssl", "3.5", "--pairs", "all"]
 * ```
 */
export function parseStressArgs(args: string[], cores: number): StressOptions | "help" {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        runs: { type: "string" },
        openssl: { type: "string", multiple: true },
        build: { type: "string", multiple: true },
        hog: { type: "string" },
        reference: { type: "string" },
        out: { type: "string" },
        reports: { type: "string" },
        "run-timeout": { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    throw new StressUsageError((e as Error).message);
  }
  if (values.help) return "help";
  const runs = positiveInt("runs", values.runs, 3);
  const runTimeoutS = positiveInt("run-timeout", values["run-timeout"], 900);
  const openssl = values.openssl ?? (values.build ? [] : ["all"]);
  return {
    runs,
    matrixArgs: [
      ...positionals,
      ...openssl.flatMap((s) => ["--openssl", s]),
      ...(values.build ?? []).flatMap((s) => ["--build", s]),
      "--pairs",
      "all",
    ],
    hog: positiveInt("hog", values.hog, Math.max(1, cores)),
    reference: values.reference,
    out: values.out,
    reports: values.reports,
    runTimeoutS,
    timeoutS: positiveInt("timeout", values.timeout, runTimeoutS * (runs + 1) + 60),
  };
}

/** One run of the matrix, as the summary records it. */
export interface StressRun {
  /** "reference" or the run's number (1-based). */
  run: "reference" | number;
  /** Whether the hog ran during it. */
  underLoad: boolean;
  /** Wall seconds (absent for a reference read from a file). */
  wall_s?: number;
  /** The load average (1, 5, 15 min) when it started. */
  load_before?: string;
  /** CPU seconds per wall second the hog got during the run (absent when idle). */
  hog_cores?: number;
  /** Results, and how many of each status. */
  results?: number;
  /** Status counts. */
  counts?: Record<string, number>;
  /** Results that differ from the reference (absent for the reference). */
  differing?: number;
  /** Why the run gave no report (timeout, crash, interrupt). */
  error?: string;
}

/** The JSON summary (`--out`). */
export interface StressSummary {
  /** The `cli.ts run` arguments of every run. */
  command: string[];
  /** Cores of this machine. */
  cores: number;
  /** Hog processes during the runs under load. */
  hog: number;
  /** Every run, the reference first. */
  runs: StressRun[];
  /** Results that differed, over all runs under load (a result differing twice counts twice). */
  differing: number;
  /** Results with status `error`, over all runs (the reference included). */
  errored: number;
  /** Each difference: the run, the result and what changed. */
  differences: (DifferingResult & { run: number })[];
  /** True when Ctrl-C (or SIGTERM) or `--timeout` stopped the command. */
  interrupted: boolean;
}

const loadAverage = () =>
  (() => {
    try {
      return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
    } catch {
      return "?";
    }
  })();

function countsOf(data: ReportData): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of data.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function describeRun(r: StressRun): string {
  const name = r.run === "reference" ? "reference" : `run ${r.run}`;
  const how = r.run === "reference" && r.wall_s === undefined
    ? "(from file)"
    : r.underLoad
    ? "(under load)"
    : "(no hog)";
  if (r.error) return `${name} ${how}: no report: ${r.error}`;
  const counts = Object.entries(r.counts ?? {}).map(([s, n]) => `${n} ${s}`).join(", ");
  return [
    `${name} ${how}:`,
    `${r.results} results (${counts})`,
    r.wall_s !== undefined ? `${r.wall_s} s wall` : "",
    r.load_before ? `load before ${r.load_before}` : "",
    r.hog_cores !== undefined ? `hog used ${r.hog_cores} core(s)` : "",
    r.differing !== undefined ? `${r.differing} differing` : "",
  ].filter(Boolean).join("  ");
}

async function stress(o: StressOptions, signal: AbortSignal): Promise<StressSummary> {
  const log = (s: string) => Deno.stderr.write(new TextEncoder().encode(`${s}\n`));
  const cores = navigator.hardwareConcurrency ?? 1;
  const summary: StressSummary = {
    command: ["run", ...o.matrixArgs, "--reporter", "json"],
    cores,
    hog: o.hog,
    runs: [],
    differing: 0,
    errored: 0,
    differences: [],
    interrupted: false,
  };
  const work = await Deno.makeTempDir({ prefix: "tls-harness-stress-" });
  if (o.reports) await Deno.mkdir(o.reports, { recursive: true });
  const once = async (run: StressRun["run"], underLoad: boolean) => {
    const record: StressRun = { run, underLoad, load_before: loadAverage() };
    let result: CliRun | undefined;
    try {
      result = await runCli(work, o.matrixArgs, {
        timeoutMs: o.runTimeoutS * 1000,
        signal,
        cpu: false,
        warn: false,
      });
      record.wall_s = round(result.wallS);
    } catch (e) {
      record.error = (e as Error).message.split("\n")[0];
    }
    return { record, result };
  };
  const keep = async (name: string, data: unknown) => {
    if (o.reports) {
      await Deno.writeTextFile(`${o.reports}/${name}.json`, JSON.stringify(data, null, 2) + "\n", {
        mode: 0o600,
      });
    }
  };
  try {
    let reference: ReportData | undefined;
    if (o.reference) {
      reference = parseReport(await Deno.readTextFile(o.reference), { file: o.reference });
      summary.runs.push({
        run: "reference",
        underLoad: false,
        results: reference.results.length,
        counts: countsOf(reference),
      });
    } else {
      await log(`reference: ${summary.command.join(" ")} without the hog…`);
      const { record, result } = await once("reference", false);
      if (result) {
        reference = parseReport(JSON.stringify(result.report), { file: "reference" });
        record.results = reference.results.length;
        record.counts = countsOf(reference);
        await keep("reference", result.report);
      }
      summary.runs.push(record);
    }
    await log(describeRun(summary.runs[0]));
    if (!reference) return summary;
    summary.errored += reference.results.filter((r) => r.status === "error").length;

    for (let i = 1; i <= o.runs && !signal.aborted; i++) {
      await log(`run ${i}/${o.runs} under ${o.hog} hog process(es)…`);
      await using hog = startCpuHog(o.hog);
      const cpu0 = hog.cpuSeconds();
      const t0 = performance.now();
      const { record, result } = await once(i, true);
      const hogCores = (hog.cpuSeconds() - cpu0) / ((performance.now() - t0) / 1000);
      record.hog_cores = round(hogCores, 2);
      if (!hog.running && !record.error) record.error = "a hog process exited during the run";
      await hog.stop();
      if (result) {
        const data = parseReport(JSON.stringify(result.report), { file: `run ${i}` });
        const diff = differingResults(reference, data);
        record.results = data.results.length;
        record.counts = countsOf(data);
        record.differing = diff.length;
        summary.differing += diff.length;
        summary.errored += data.results.filter((r) => r.status === "error").length;
        summary.differences.push(...diff.map((d) => ({ run: i, ...d })));
        await keep(`run-${i}`, result.report);
      }
      summary.runs.push(record);
      await log(describeRun(record));
    }
    return summary;
  } finally {
    summary.interrupted = signal.aborted;
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
}

/** The printed outcome: each run, each difference, the count. */
export function formatStressSummary(s: StressSummary): string {
  const lines = [
    `stress: ${s.command.join(" ")}; ${s.hog} hog process(es) on ${s.cores} core(s)`,
    ...s.runs.map(describeRun),
  ];
  for (const d of s.differences) {
    lines.push(`DIFFERED  run ${d.run}: ${d.label}`, ...d.changes.map((c) => `    ${c}`));
  }
  const underLoad = s.runs.filter((r) => r.run !== "reference");
  const failed = s.runs.filter((r) => r.error);
  lines.push(
    `${s.differing} result(s) differed from the reference over ${underLoad.length} run(s) under load` +
      (underLoad.length
        ? ` (${underLoad.map((r) => r.differing ?? "no report").join(", ")})`
        : "") +
      `; ${s.errored} errored` +
      (failed.length ? `; ${failed.length} run(s) gave no report` : "") +
      (s.interrupted ? "; INTERRUPTED" : ""),
  );
  return lines.join("\n") + "\n";
}

/** The exit code of a summary: 0 when every run finished and nothing differed or errored. */
export function stressExitCode(s: StressSummary, expectedRuns: number): 0 | 1 {
  const finished = s.runs.filter((r) => !r.error && r.results !== undefined).length;
  return s.differing === 0 && s.errored === 0 && finished === expectedRuns + 1 && !s.interrupted
    ? 0
    : 1;
}

async function main(): Promise<number> {
  let options: StressOptions | "help";
  try {
    options = parseStressArgs(Deno.args, navigator.hardwareConcurrency ?? 1);
  } catch (e) {
    if (!(e instanceof StressUsageError)) throw e;
    await Deno.stderr.write(new TextEncoder().encode(`stress: ${e.message}\n\n${STRESS_HELP}`));
    return 2;
  }
  if (options === "help") {
    await Deno.stdout.write(new TextEncoder().encode(STRESS_HELP));
    return 0;
  }
  // One interrupt stops everything: `deno task` forwards the terminal's SIGINT, which the
  // terminal sent this process too, so repeats are ignored; the runs in flight clean up.
  const interrupt = new AbortController();
  let signalled: Deno.Signal | undefined;
  const listeners = (["SIGINT", "SIGTERM"] as const).map((s) => {
    const fn = () => {
      signalled ??= s;
      interrupt.abort(new Error(`received ${s}`));
    };
    Deno.addSignalListener(s, fn);
    return [s, fn] as const;
  });
  const signal = AbortSignal.any([interrupt.signal, AbortSignal.timeout(options.timeoutS * 1000)]);
  await using _watchdog = startWatchdog();
  try {
    const summary = await stress(options, signal);
    await Deno.stdout.write(new TextEncoder().encode(formatStressSummary(summary)));
    if (options.out) {
      await Deno.writeTextFile(options.out, JSON.stringify(summary, null, 2) + "\n");
    }
    if (signalled) return signalled === "SIGINT" ? 130 : 143;
    return stressExitCode(summary, options.runs);
  } finally {
    for (const [s, fn] of listeners) Deno.removeSignalListener(s, fn);
  }
}

if (import.meta.main) Deno.exitCode = await main();
