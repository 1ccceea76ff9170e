import { parseArgs } from "node:util";
import { resolveBuilds } from "../openssl/builds.ts";
import type { OpensslBuild } from "../openssl/build.ts";
import { claimRows, formatClaimsTable } from "../report/mod.ts";
import { DEVIATIONS_FILE, readDeviations } from "../runner/deviations.ts";
import type { BuildRef, RunEvent, ScenarioResult } from "../runner/events.ts";
import { runFailed } from "../runner/events.ts";
import { runScenarios, SANITY_TAG } from "../runner/run_scenarios.ts";
import { selectScenarios } from "../runner/select.ts";
import { parseShard, runTasks, type Shard, shardTasks, taskKey } from "../runner/shard.ts";
import { BUILTIN_SCENARIOS_DIR, type LoadResult, loadScenarios } from "../scenario/load.ts";
import { isScenario, type Scenario } from "../scenario/scenario.ts";
import { ScenarioValidationError, validateScenarios } from "../scenario/validate.ts";
import { EMBEDDED_SCENARIOS, type EmbeddedScenarioFile } from "./embedded_scenarios.ts";
import { CLAIMS_HELP, LIST_HELP, MAIN_HELP, RUN_HELP } from "./help.ts";
import { TempDirError } from "../temp_dir/mod.ts";
import { reportCommand, writeReports } from "./report_command.ts";
import { matrixCommand } from "./matrix_command.ts";
import { opensslCommand } from "./openssl_command.ts";
import { mutateCommand } from "./mutate_command.ts";

/** Where the CLI writes. Tests pass their own. */
export interface CliIo {
  /** Write to standard output. */
  stdout(text: string): Promise<void>;
  /** Write to standard error. */
  stderr(text: string): Promise<void>;
  /** Whether standard output is a terminal. */
  isTty: boolean;
  /** The directory relative paths are taken from. */
  cwd: string;
}

/** A usage or configuration error: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const encoder = new TextEncoder();

/** The process's own stdout/stderr; relative paths from where `deno task` was started. */
export function processIo(): CliIo {
  return {
    stdout: async (t) => void await Deno.stdout.write(encoder.encode(t)),
    stderr: async (t) => void await Deno.stderr.write(encoder.encode(t)),
    isTty: Deno.stdout.isTerminal(),
    cwd: Deno.env.get("INIT_CWD") ?? Deno.cwd(),
  };
}

/**
 * The whole CLI as a function: parse `args`, do the work, return the exit code
 * (0 all passed, 1 something failed or errored, 2 usage or configuration error).
 */
export async function main(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  try {
    const [command, ...rest] = args;
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        await io.stdout(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case "run":
        return await runCommand(rest, io, signal);
      case "list":
        return await listCommand(rest, io);
      case "claims":
        return await claimsCommand(rest, io, signal);
      case "openssl":
        return await opensslCommand(rest, io, signal);
      case "report":
        return await reportCommand(rest, io);
      case "matrix":
        return await matrixCommand(rest, io, signal);
      case "mutate":
        return await mutateCommand(rest, io, signal);
      default:
        throw new UsageError(`Unknown command "${command}": see "deno task harness --help"`);
    }
  } catch (e) {
    if (
      e instanceof UsageError || e instanceof ScenarioValidationError || e instanceof TempDirError
    ) {
      await io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    if (isUsageLike(e)) {
      await io.stderr(`error: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

function isUsageLike(e: unknown): boolean {
  // node:util parseArgs throws TypeErrors with these codes for unknown or malformed options.
  const code = (e as { code?: string })?.code ?? "";
  return code.startsWith("ERR_PARSE_ARGS") || code === "ERR_INVALID_ARG_VALUE";
}

const selectOptions = {
  filter: { type: "string", multiple: true },
  tag: { type: "string", multiple: true },
  claim: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

const runOptions = {
  ...selectOptions,
  openssl: { type: "string", multiple: true },
  pairs: { type: "string" },
  jobs: { type: "string" },
  timeout: { type: "string" },
  deviations: { type: "string" },
  "keep-artifacts": { type: "string" },
  "cache-dir": { type: "string" },
  shard: { type: "string" },
  reporter: { type: "string", multiple: true },
  out: { type: "string", multiple: true },
  html: { type: "string" },
} as const;

/** A path as the user meant it: relative paths are taken from `io.cwd`. */
export function resolvePath(io: CliIo, p: string): string {
  return p.startsWith("/") ? p : `${io.cwd.replace(/\/$/, "")}/${p}`;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (name === "--jobs" && !Number.isInteger(n))) {
    throw new UsageError(`${name} takes a positive number (got "${value}")`);
  }
  return n;
}

/** Load, validate and select scenarios; the built-in sanity scenario is always included. */
async function prepareScenarios(
  io: CliIo,
  positionals: string[],
  values: { filter?: string[]; tag?: string[]; claim?: string[] },
) {
  const paths = positionals.length
    ? positionals.map((p) => resolvePath(io, p))
    : [BUILTIN_SCENARIOS_DIR];
  let loaded;
  try {
    loaded = EMBEDDED_SCENARIOS && !positionals.length
      ? embeddedScenarios(EMBEDDED_SCENARIOS)
      : await loadScenarios(paths);
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(e.message);
    throw e;
  }
  const scenarios: Scenario[] = loaded.scenarios;
  if (positionals.length) {
    const sanity = EMBEDDED_SCENARIOS
      ? embeddedScenarios(EMBEDDED_SCENARIOS.filter((f) => f.file === "scenarios/sanity.ts"))
      : await loadScenarios([`${BUILTIN_SCENARIOS_DIR}sanity.ts`]);
    for (const s of sanity.scenarios) {
      if (!scenarios.some((x) => x.name === s.name)) scenarios.unshift(s);
    }
  }
  const problems = validateScenarios(scenarios);
  if (problems.length) throw new ScenarioValidationError(problems);
  for (const id of values.claim ?? []) {
    if (!claimRows([]).some((c) => c.id === id)) {
      throw new UsageError(
        `--claim "${id}" is not a claim ID of the catalogue (see "deno task harness claims --from")`,
      );
    }
  }
  const selected = selectScenarios(scenarios, {
    filters: values.filter ?? [],
    tags: values.tag ?? [],
    claims: values.claim ?? [],
  });
  return { selected, failures: loaded.failures };
}

/** The scenarios compiled into a bundle, checked as the loader checks files. */
function embeddedScenarios(files: readonly EmbeddedScenarioFile[]): LoadResult {
  const result: LoadResult = { scenarios: [], failures: [] };
  for (const { file, module } of files) {
    const exported = module.default;
    const list = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || !list.every(isScenario)) {
      result.failures.push({
        file,
        message: "Scenario file has no scenario as its default export",
      });
    } else for (const s of list) result.scenarios.push({ ...s, file });
  }
  return result;
}

async function resolveBuildOptions(
  values: { openssl?: string[]; "cache-dir"?: string },
  signal?: AbortSignal,
): Promise<OpensslBuild[]> {
  try {
    return await resolveBuilds(values.openssl?.length ? values.openssl : ["system"], {
      cacheDir: values["cache-dir"],
      signal,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function execute(
  io: CliIo,
  positionals: string[],
  values: ReturnType<typeof parseRun>["values"],
  signal: AbortSignal | undefined,
  onEvents: (events: AsyncIterable<RunEvent>) => Promise<void>,
): Promise<number> {
  const pairs = values.pairs ?? "same";
  if (pairs !== "same" && pairs !== "all") {
    throw new UsageError(`--pairs takes "same" or "all" (got "${pairs}")`);
  }
  const jobs = positiveInt("--jobs", values.jobs, navigator.hardwareConcurrency ?? 1);
  const timeoutSeconds = positiveInt("--timeout", values.timeout, 60);
  const shard = values.shard === undefined ? undefined : usage(() => parseShard(values.shard!));
  // Probing the builds (`openssl version`) overlaps with importing the scenario files.
  const [{ selected: all, failures }, builds] = await Promise.all([
    prepareScenarios(io, positionals, values),
    resolveBuildOptions(values, signal),
  ]);
  const owned = shard ? ownedTasks(all, builds, pairs, shard) : undefined;
  const selected = owned ? all.map((s) => onlyOwned(s, owned)) : all;
  let deviations;
  try {
    deviations = await readDeviations(
      values.deviations ? resolvePath(io, values.deviations) : DEVIATIONS_FILE,
    );
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
    const source = runScenarios({
      scenarios: selected,
      loadFailures: failures,
      builds,
      pairs,
      jobs,
      timeoutSeconds,
      deviations,
      keepArtifacts,
      signal,
    });
    for await (const e of owned ? shardEvents(source, owned, failures.length) : source) {
      if (e.type === "run:end") failed = runFailed(e.counts) || e.interrupted;
      yield e;
    }
  })();
  await onEvents(events);
  return failed ? 1 : 0;
}

function parseRun(args: string[]) {
  return parseArgs({ args, options: runOptions, allowPositionals: true, strict: true });
}

async function runCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseRun(args);
  if (values.help) {
    await io.stdout(RUN_HELP);
    return 0;
  }
  const names = values.reporter?.length ? [...values.reporter] : ["pretty"];
  const outs = (values.out ?? []).map((o) => resolvePath(io, o));
  const shard = values.shard === undefined ? undefined : usage(() => parseShard(values.shard!));
  const targets = reportTargets(
    names,
    outs,
    values.html ? resolvePath(io, values.html) : undefined,
  );
  return await execute(io, positionals, values, signal, async (events) => {
    await writeReports(events, targets, io, { shard });
  });
}

/**
 * Pair each `--reporter` with the `--out` in the same position (stdout when there is none);
 * `--html FILE` adds the html reporter writing to FILE.
 */
export function reportTargets(
  names: string[],
  outs: string[],
  html?: string,
): { name: string; out?: string }[] {
  for (const n of names) {
    if (!REPORTER_NAMES.includes(n)) {
      throw new UsageError(`Unknown reporter "${n}": choose from ${REPORTER_NAMES.join(", ")}`);
    }
  }
  if (outs.length > names.length) {
    throw new UsageError(
      `More --out (${outs.length}) than --reporter (${names.length}): pair each --out with a --reporter`,
    );
  }
  const targets: { name: string; out?: string }[] = names.map((name, i) => ({
    name,
    out: outs[i],
  }));
  if (html) targets.push({ name: "html", out: html });
  return targets;
}

/** The names `--reporter` takes. */
export const REPORTER_NAMES = ["pretty", "json", "junit", "markdown", "html"];

function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The keys of the tasks a shard owns, over every selected scenario and build pair. */
function ownedTasks(
  scenarios: readonly Scenario[],
  builds: readonly OpensslBuild[],
  pairs: "same" | "all",
  shard: Shard,
): Set<string> {
  const tasks = runTasks(
    scenarios.map((s) => ({ name: s.name, crossBuild: s.crossBuild })),
    builds,
    pairs,
  );
  return new Set(shardTasks(tasks, shard).map(taskKey));
}

const NOT_IN_SHARD = "not in this shard";

function keyOf(scenario: string, client: BuildRef, server: BuildRef): string {
  return taskKey({ scenario, client, server });
}

// The runner runs every scenario on every pair; a task of another shard skips at once and its
// result is dropped from the events. Sanity scenarios run on every pair in every shard, since
// the runner skips a pair whose sanity check did not pass; their results are reported by the
// shard that owns them (and by any shard where they did not pass: merge keeps one).
function onlyOwned(s: Scenario, owned: Set<string>): Scenario {
  if (s.tags.includes(SANITY_TAG)) return s;
  return {
    ...s,
    run: (ctx) =>
      owned.has(keyOf(s.name, buildRef(ctx.clientBuild), buildRef(ctx.serverBuild)))
        ? s.run(ctx)
        : ctx.skip(NOT_IN_SHARD),
  };
}

function buildRef(b: OpensslBuild): BuildRef {
  return { id: b.id, version: b.version, path: b.path };
}

async function* shardEvents(
  events: AsyncIterable<RunEvent>,
  owned: Set<string>,
  loadFailures: number,
): AsyncGenerator<RunEvent> {
  const keep = (r: ScenarioResult) =>
    owned.has(keyOf(r.scenario, r.client, r.server)) ||
    (r.tags.includes(SANITY_TAG) && r.status !== "pass" && r.status !== "xfail") ||
    (r.claims.length === 0 && r.file === r.scenario); // a file that failed to load
  for await (const e of events) {
    if (e.type === "run:start") yield { ...e, total: owned.size + loadFailures };
    else if (e.type === "scenario:start") {
      // Sanity runs everywhere; its start is shown only where the shard owns it.
      if (owned.has(keyOf(e.scenario, e.client, e.server))) yield e;
    } else if (e.type === "scenario:end") {
      if (keep(e.result)) yield e;
    } else {
      const results = e.results.filter(keep);
      const counts = { pass: 0, fail: 0, error: 0, skip: 0, xfail: 0, xpass: 0 };
      for (const r of results) counts[r.status]++;
      yield { ...e, results, counts };
    }
  }
}

async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...selectOptions, json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(LIST_HELP);
    return 0;
  }
  const { selected, failures } = await prepareScenarios(io, positionals, values);
  if (values.json) {
    await io.stdout(
      JSON.stringify(
        {
          scenarios: selected.map((s) => ({
            name: s.name,
            claims: s.claims,
            tags: s.tags,
            file: s.file,
            quote: s.quote,
          })),
          load_failures: failures,
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    const w = Math.max(8, ...selected.map((s) => s.name.length));
    const lines = selected.map((s) =>
      `${s.name.padEnd(w)}  ${s.claims.join(",").padEnd(12)}  ${s.tags.join(",")}`
    );
    await io.stdout(`${"scenario".padEnd(w)}  ${"claims".padEnd(12)}  tags\n${lines.join("\n")}\n`);
    for (const f of failures) await io.stderr(`error: ${f.file}: ${f.message}\n`);
  }
  return failures.length ? 1 : 0;
}

async function claimsCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...runOptions, from: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(CLAIMS_HELP);
    return 0;
  }
  if (values.from) {
    const path = resolvePath(io, values.from);
    let results: ScenarioResult[];
    try {
      const data = JSON.parse(await Deno.readTextFile(path));
      results = (data.results as Record<string, unknown>[]).map((r) => ({
        ...(r as unknown as ScenarioResult),
        claims: r.claims as string[],
      }));
    } catch (e) {
      throw new UsageError(
        `Cannot read a JSON report from "${values.from}": ${(e as Error).message}`,
      );
    }
    await io.stdout(formatClaimsTable(results));
    return runFailed(countStatuses(results)) ? 1 : 0;
  }
  return await execute(io, positionals, values, signal, async (events) => {
    for await (const e of events) {
      if (e.type === "run:end") await io.stdout(formatClaimsTable(e.results));
    }
  });
}

function countStatuses(results: ScenarioResult[]) {
  const counts = { pass: 0, fail: 0, error: 0, skip: 0, xfail: 0, xpass: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
