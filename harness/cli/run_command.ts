import { parseArgs } from "node:util";
import { resolveBuildSpecs } from "../impl/mod.ts";
import { cacheDir } from "../openssl/mod.ts";
import { broadcast, collectReport, diffExitCode, type ReportData } from "../report/mod.ts";
import {
  defaultJobs,
  DEVIATIONS_FILE,
  parseShard,
  readDeviations,
  readTaskDurations,
  type RunEvent,
  runFailed,
  runScenarios,
  TASK_DURATIONS_FILE,
  updatedTaskDurations,
  writeTaskDurations,
} from "../runner/mod.ts";
import { RUN_HELP } from "./help.ts";
import {
  asUsage,
  asUsageAsync,
  type CliIo,
  ExitCode,
  positiveNumber,
  resolvePath,
  UsageError,
} from "./io.ts";
import { prepareScenarios } from "./prepare_scenarios.ts";
import {
  buildMappings,
  diffOrUsage,
  readReportFile,
  REPORT_DIFF_FLAGS,
  writeDiff,
} from "./report_diff_command.ts";
import { reportTargets, writeReports } from "./write_reports.ts";

/** `--filter`, `--tag`, `--claim` (and `--help`): the flags that select scenarios. */
export const SELECT_FLAGS = {
  filter: { type: "string", multiple: true },
  tag: { type: "string", multiple: true },
  claim: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

/** Every flag of `run` (`claims` takes them too). */
export const RUN_FLAGS = {
  ...SELECT_FLAGS,
  build: { type: "string", multiple: true },
  openssl: { type: "string", multiple: true },
  pairs: { type: "string" },
  jobs: { type: "string" },
  timeout: { type: "string" },
  deviations: { type: "string" },
  "keep-artifacts": { type: "string" },
  "keep-secrets": { type: "boolean" },
  "cache-dir": { type: "string" },
  shard: { type: "string" },
  reporter: { type: "string", multiple: true },
  out: { type: "string", multiple: true },
  html: { type: "string" },
} as const;

/** `run`'s own flags besides {@linkcode RUN_FLAGS}: compare the run with a baseline report. */
export const BASELINE_FLAGS = {
  baseline: { type: "string" },
  map: REPORT_DIFF_FLAGS.map,
} as const;

/** The parsed run flags {@linkcode executeRun} reads (what `run` and `claims` share). */
export type RunFlags = ReturnType<typeof parseRunArgs>["values"];

function parseRunArgs(args: string[]) {
  return parseArgs({ args, options: RUN_FLAGS, allowPositionals: true, strict: true });
}

/**
 * `run [paths…] [options]`: run the selected scenarios and write each `--reporter` target.
 * Returns the exit code (0 all passed, 1 a result failed, errored or unexpectedly passed).
 */
export async function runCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...RUN_FLAGS, ...BASELINE_FLAGS },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(RUN_HELP);
    return ExitCode.ok;
  }
  const names = values.reporter?.length ? [...values.reporter] : ["pretty"];
  // "-" keeps its position's reporter on stdout (`--reporter json --out -` pipes the JSON).
  const outs = (values.out ?? []).map((o) => o === "-" ? undefined : resolvePath(io, o));
  const shard = values.shard === undefined ? undefined : asUsage(() => parseShard(values.shard!));
  const targets = reportTargets(
    names,
    outs,
    values.html ? resolvePath(io, values.html) : undefined,
  );
  if (values.map?.length && values.baseline === undefined) {
    throw new UsageError(`--map compares builds with a baseline: give --baseline FILE too`);
  }
  // Read the baseline first: a bad file is exit 2 before anything runs.
  const baseline = values.baseline === undefined
    ? undefined
    : await readReportFile(io, values.baseline);
  const map = buildMappings(values.map);
  let data: ReportData | undefined;
  const code = await executeRun(io, positionals, values, signal, async (events) => {
    if (!baseline) return await writeReports(events, targets, io, { shard });
    const [forReports, forDiff] = broadcast(events, 2);
    await Promise.all([
      writeReports(forReports, targets, io, { shard }),
      collectReport(forDiff, { shard }).then((d) => void (data = d)),
    ]);
  });
  if (!baseline || !data) return code;
  const diff = diffOrUsage(baseline, data, { baseFile: values.baseline, newFile: "this run", map });
  // A machine-readable report on stdout must stay parseable: the diff goes to stderr then.
  await writeDiff(diff, io, { toStderr: targets.some((t) => !t.out && t.name !== "pretty") });
  return code !== ExitCode.ok ? code : diffExitCode(diff);
}

/**
 * The build specs of `--openssl X` (`openssl:X`) and `--build SPEC`, in that order; with
 * neither, `openssl:system`.
 *
 * @example
 * ```ts
 * import { buildSpecs } from "./run_command.ts";
 * console.log(buildSpecs({ openssl: ["3.5"], build: ["boringssl:14"] })); // ["openssl:3.5", "boringssl:14"]
 * ```
 */
export function buildSpecs(values: { openssl?: string[]; build?: string[] }): string[] {
  const specs = [...(values.openssl ?? []).map((s) => `openssl:${s}`), ...(values.build ?? [])];
  return specs.length ? specs : ["openssl:system"];
}

/**
 * Check the run flags, prepare scenarios and builds, run, and hand the events to `onEvents`.
 * Returns 1 when the run had an unexpected result or was interrupted, else 0.
 */
export async function executeRun(
  io: CliIo,
  positionals: string[],
  values: RunFlags,
  signal: AbortSignal | undefined,
  onEvents: (events: AsyncIterable<RunEvent>) => Promise<void>,
): Promise<number> {
  const pairs = values.pairs ?? "same";
  if (pairs !== "same" && pairs !== "all") {
    throw new UsageError(`--pairs takes "same" or "all" (got "${pairs}")`);
  }
  const jobs = positiveNumber("--jobs", values.jobs, defaultJobs());
  const timeoutSeconds = positiveNumber("--timeout", values.timeout, 60);
  const shard = values.shard === undefined ? undefined : asUsage(() => parseShard(values.shard!));
  const cache = cacheDir(values["cache-dir"]);
  // Probing the builds (`openssl version`) overlaps with importing the scenario files.
  const [{ selected, failures }, builds] = await Promise.all([
    prepareScenarios(io, positionals, values),
    asUsageAsync(
      resolveBuildSpecs(buildSpecs(values), {
        cacheDir: cache,
        signal,
        probeTimeoutMs: timeoutSeconds * 1000,
      })
        // A probe killed by the interrupt is no configuration error: the run below reports
        // the interrupt (every task "not run") instead.
        .catch((e) => signal?.aborted ? [] : Promise.reject(e)),
    ),
  ]);
  // Earlier runs' durations order this run's tasks slowest first; the run updates them.
  const durationsFile = `${cache}/${TASK_DURATIONS_FILE}`;
  const taskDurations = await readTaskDurations(durationsFile);
  const deviations = await asUsageAsync(
    readDeviations(values.deviations ? resolvePath(io, values.deviations) : DEVIATIONS_FILE),
  );
  let keepArtifacts: string | undefined;
  if (values["keep-artifacts"]) {
    keepArtifacts = resolvePath(io, values["keep-artifacts"]);
    try {
      await Deno.mkdir(keepArtifacts, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new UsageError(
        `--keep-artifacts "${values["keep-artifacts"]}": ${(e as Error).message}`,
      );
    }
    await io.stderr(`Keeping artifacts (session files hold master secrets) in ${keepArtifacts}\n`);
  }
  let failed = false;
  const events = (async function* () {
    for await (
      const e of runScenarios({
        scenarios: selected,
        loadFailures: failures,
        builds,
        pairs,
        jobs,
        timeoutSeconds,
        deviations,
        keepArtifacts,
        keepSecrets: values["keep-secrets"] ?? false,
        shard,
        signal,
        pkiCacheDir: cache,
        taskDurations,
      })
    ) {
      if (e.type === "run:end") {
        failed = runFailed(e.counts) || e.interrupted;
        // An interrupted run's durations are cut short: they would mislead the next order.
        if (!e.interrupted) {
          await writeTaskDurations(durationsFile, updatedTaskDurations(taskDurations, e.results))
            .catch((err) =>
              io.stderr(`Could not save task durations to ${durationsFile}: ${err.message}\n`)
            );
        }
      }
      yield e;
    }
  })();
  await onEvents(events);
  return failed ? ExitCode.failed : ExitCode.ok;
}
