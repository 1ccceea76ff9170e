import { AsyncQueue } from "../async/mod.ts";
import { type Build, unmetRequirements } from "../impl/mod.ts";
import { type OpensslBuild, systemBuild } from "../openssl/mod.ts";
import { FfiDriverPool, FfiError } from "../ffi/mod.ts";
import { createTestPki } from "../pki/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import {
  describeThrown,
  expandVariants,
  ExpectationError,
  type LoadFailure,
  type Scenario,
  ScenarioContext,
  SkipError,
  UnsupportedError,
  variantLabel,
} from "../scenario/mod.ts";
import { describeDeviation, type Deviation, findDeviation } from "./deviations.ts";
import {
  type BuildRef,
  compareResults,
  emptyCounts,
  type RunEvent,
  type ScenarioResult,
  type Status,
} from "./events.ts";
import { blameExitedServers } from "./blame_peer.ts";
import { SecretRedactor } from "./redact.ts";
import { type RunTask, runTasks, type Shard, shardTasks } from "./shard.ts";
import { slowTasksFirst, type TaskDurations } from "./task_durations.ts";

/** Options for {@linkcode runScenarios}. */
export interface RunScenariosOptions {
  /** Validated scenarios to run. */
  scenarios: readonly Scenario[];
  /** Files that failed to load: each becomes an "error" result. @default {[]} */
  loadFailures?: readonly LoadFailure[];
  /** Builds under test, of any implementation. At least one. */
  builds: readonly Build[];
  /** "same": each build against itself; "all": every client build × server build. @default {"same"} */
  pairs?: "same" | "all";
  /** Scenarios run at once. @default {defaultJobs(): twice the cores} */
  jobs?: number;
  /** Deadline per scenario, in seconds. @default {60} */
  timeoutSeconds?: number;
  /** Deadline per step (server start, one client connection), in milliseconds. @default {10000} */
  stepTimeoutMs?: number;
  /** Expected deviations. @default {[]} */
  deviations?: readonly Deviation[];
  /** Keep each scenario's files (session files hold secrets!) under this directory. */
  keepArtifacts?: string;
  /**
   * Skip the rest of a build pair when its sanity scenario fails. Off for mutation runs, where
   * a mutant may well break the sanity check on purpose. @default {true}
   */
  sanityGate?: boolean;
  /**
   * Run only this part of the tasks (scenario × build pair), dealt round-robin in their stable
   * order (see {@linkcode shardTasks}); events and results then cover only the tasks it owns.
   * Sanity scenarios still run on every pair, since they gate it: their results are reported
   * where the shard owns them, and wherever they did not pass. @default {every task}
   */
  shard?: Shard;
  /**
   * Keep secrets in results (master keys, PSKs, session ids, session files, private keys):
   * without it every result is redacted before it is yielded, so no reporter sees them.
   * @default {false}
   */
  keepSecrets?: boolean;
  /** Aborting stops the run: running scenarios end as errors, the rest are not started. */
  signal?: AbortSignal;
  /**
   * Reuse the test PKI a run made within the last day from this cache directory (see
   * `createTestPki`'s `cacheDir`). @default {none: a fresh PKI per run}
   */
  pkiCacheDir?: string;
  /**
   * How long each scenario variant took in earlier runs (see {@linkcode readTaskDurations}):
   * the slow tasks after the sanity checks then start first, so the ones that sleep overlap
   * the others' handshakes rather than end the run alone. Which shard owns a task does not
   * change. @default {none: the tasks' stable order}
   */
  taskDurations?: TaskDurations;
}

type Task = RunTask<Scenario, Build>;

/**
 * Scenarios run at once unless told: twice the cores. A scenario spends much of its time
 * waiting on its peers (a server's start, tickets that arrive after the handshake, a session's
 * expiry), so one per core leaves cores idle. Measured on 2 idle cores: the default suite took
 * 8.9 s with 2 jobs, 7.5 s with 3, 6.7 s with 4 and 7.6 s with 6; the matrix of two OpenSSL
 * builds 23.7 s with 2, 17.9 s with 4 and 18.8 s with 6 (README, "Benchmark").
 */
export function defaultJobs(): number {
  return 2 * (navigator.hardwareConcurrency || 1);
}

/** The tag that makes a scenario a sanity check, run first: if it fails, the rest is skipped. */
export const SANITY_TAG = "sanity";

/** A build as reports show it. */
export function buildRef(build: Build): BuildRef {
  return {
    implementation: build.implementation,
    id: build.id,
    version: build.version,
    path: build.path ?? "",
    ...(build.family ? { family: build.family } : {}),
  };
}

/** What tells two builds of a run apart (ids are unique per implementation). */
function buildKey(b: BuildRef): string {
  return `${b.implementation ?? "openssl"}\0${b.id}\0${b.path}`;
}

/**
 * Run scenarios on every build pair, each variant its own task and result, and yield events
 * as they happen. Sanity scenarios run first; every other task is then run by `jobs` workers. Each scenario gets its own private
 * directory and deadline, and every process it started is reaped before its result is yielded.
 */
export async function* runScenarios(options: RunScenariosOptions): AsyncGenerator<RunEvent> {
  const started = performance.now();
  const jobs = Math.max(1, options.jobs ?? defaultJobs());
  // Interrupted while the builds were resolved, there may be none: the report still says so.
  if (options.builds.length === 0 && !options.signal?.aborted) {
    throw new TypeError("No build to run: pass --build or --openssl");
  }
  const tasks: Task[] = runTasks(
    options.scenarios,
    options.builds,
    options.pairs ?? "same",
    (s) => expandVariants(s).variants,
  );
  const owned = options.shard ? new Set(shardTasks(tasks, options.shard)) : new Set(tasks);
  const gate = options.sanityGate ?? true;
  const isSanity = (t: Task) => gate && t.scenario.tags.includes(SANITY_TAG);
  // Another shard's task is not run at all, except a sanity one: its pair's gate needs it.
  const toRun = tasks.filter((t) => owned.has(t) || isSanity(t));
  const loadFailures = options.loadFailures ?? [];
  const deviations = options.deviations ?? [];
  const usedDeviations = new Set<Deviation>();
  const results: ScenarioResult[] = [];
  const taskOf = new Map<ScenarioResult, Task>();
  // The tasks with a result: a set, as the interrupted run's "not run" pass looks up every task
  // (34 398 with `--build all --pairs all`; a scan of the results per task took minutes).
  const finished = new Set<Task>();
  // What the events report: the owned tasks, and a sanity check that failed anywhere (it
  // explains the skips on its pair; a merge keeps one copy).
  const reported = (r: ScenarioResult, t?: Task) =>
    !t || owned.has(t) || !["pass", "xfail"].includes(r.status);
  const reportedResults: ScenarioResult[] = [];
  yield {
    type: "run:start",
    total: owned.size + loadFailures.length,
    jobs,
    builds: options.builds.map(buildRef),
    startedAt: new Date().toISOString(),
  };

  const queue = new AsyncQueue<RunEvent>();
  const redactor = options.keepSecrets ? undefined : new SecretRedactor();
  // `fromTask`: a result made from the task's declaration alone (no peer output, no session),
  // with nothing to redact; skipping the redactor keeps an interrupted run's end quick.
  const finish = (raw: ScenarioResult, task?: Task, fromTask = false) => {
    const result = redactor && !fromTask ? redactor.redactResult(raw) : raw;
    results.push(result);
    if (task) finished.add(task);
    if (!reported(result, task)) return;
    reportedResults.push(result);
    queue.push({ type: "scenario:end", result });
  };
  const runAll = async () => {
    await using runDir = await makePrivateTempDir({ prefix: "tls-harness-run-" });
    // The test CA is made by an openssl tool (not a build under test): the run's first OpenSSL
    // build, else the system one.
    const pkiBuild =
      options.builds.find((b): b is OpensslBuild => b.implementation === "openssl") ??
        await systemBuild({
          signal: options.signal,
          probeTimeoutMs: (options.timeoutSeconds ?? 60) * 1000,
        });
    await using pki = await createTestPki({
      launch: pkiBuild.launch,
      parent: runDir.path,
      signal: options.signal,
      cacheDir: options.pkiCacheDir,
    });
    if (options.keepArtifacts) await keepPki(pki, options.keepArtifacts);
    // One FFI driver per build for the whole run, shared by its scenarios (each in a scope).
    await using ffiDrivers = new FfiDriverPool({ signal: options.signal });
    const runTask = async (task: Task) => {
      if (owned.has(task)) {
        queue.push({
          type: "scenario:start",
          scenario: task.scenario.name,
          ...(task.variant.id ? { variant: task.variant.id } : {}),
          client: buildRef(task.client),
          server: buildRef(task.server),
        });
      }
      // Most tasks of a wide matrix are decided by the builds' capabilities alone: no temp
      // dir, no context, no process; no deviation applies to them (applyDeviation leaves
      // unsupported and skip alone) and they hold nothing to redact.
      const unrunnable = notRunnable(task);
      if (unrunnable) {
        taskOf.set(unrunnable, task);
        finish(unrunnable, task, true);
        return;
      }
      const { result, keptDir } = await runOne(task, {
        ...options,
        runDir: runDir.path,
        pki,
        ffiDrivers,
      });
      // Deviations are matched on the task's builds (implementation, version numbers).
      const deviation = result.status === "skip" || result.status === "unsupported"
        ? undefined
        : findDeviation(deviations, { ...result, client: task.client, server: task.server });
      if (deviation) applyDeviation(result, deviation, usedDeviations);
      if (result.status === "pass" || result.status === "skip") delete result.reproScript;
      else if (keptDir && result.reproScript) {
        await Deno.writeTextFile(`${keptDir}/repro.sh`, result.reproScript, { mode: 0o600 });
      }
      taskOf.set(result, task);
      finish(result, task);
    };
    const sanity = toRun.filter(isSanity);
    const rest = toRun.filter((t) => !isSanity(t));
    await pool(sanity, jobs, runTask, options.signal);
    // A pair the sanity scenario could not run on (unsupported: e.g. no OpenSSL CLI) is not
    // broken: the scenarios it can run still run.
    const brokenPairs = new Set(
      results.filter((r) =>
        r.tags.includes(SANITY_TAG) && !["pass", "xfail", "unsupported"].includes(r.status)
      ).map((r) => `${buildKey(r.client)}\0${buildKey(r.server)}`),
    );
    const runnable = slowTasksFirst(rest, options.taskDurations ?? new Map()).filter((t) => {
      const pair = `${buildKey(buildRef(t.client))}\0${buildKey(buildRef(t.server))}`;
      // A task that cannot run anyway (a broken build, a missing capability) says why itself.
      if (!brokenPairs.has(pair) || notRunnable(t)) return true;
      finish(skipResult(t, "the sanity scenario failed on this build pair"), t, true);
      return false;
    });
    await pool(runnable, jobs, runTask, options.signal);
  };
  const work = (async () => {
    if (options.builds.length) {
      for (const f of loadFailures) finish(loadFailureResult(f, options.builds[0]));
    }
    // Interrupted before or while the run dir and test PKI are made: nothing to run, no crash.
    if (!options.signal?.aborted) {
      await runAll().catch((e) => {
        if (!options.signal?.aborted) throw e;
      });
    }
    for (const t of toRun) {
      if (!finished.has(t)) finish(skipResult(t, "not run: the run was interrupted"), t, true);
    }
  })();
  work.then(() => queue.close(), (e) => queue.fail(e));
  for await (const event of queue) yield event;
  await work;

  reportedResults.sort(compareResults);
  const counts = emptyCounts();
  for (const r of reportedResults) counts[r.status] = (counts[r.status] ?? 0) + 1;
  yield {
    type: "run:end",
    results: reportedResults,
    counts,
    durationMs: Math.round(performance.now() - started),
    // Stale: an entry that covered a result of this run but did not apply to it (its failure
    // text no longer matches). Entries for builds or scenarios not in this run say nothing.
    staleDeviations: staleDeviations(deviations, usedDeviations, results, taskOf),
    interrupted: options.signal?.aborted ?? false,
  };
}

/**
 * Entries that covered a result of this run (one that ran: not a skip or unsupported) but did
 * not apply to it. The results that ran are picked once: an interrupted run of 46 000 tasks has
 * about a thousand, and scanning every result per entry took 0.4 s of its stop.
 */
function staleDeviations(
  deviations: readonly Deviation[],
  used: ReadonlySet<Deviation>,
  results: readonly ScenarioResult[],
  taskOf: ReadonlyMap<ScenarioResult, Task>,
): string[] {
  const ran = results.flatMap((r) => {
    const t = taskOf.get(r);
    return t && r.status !== "skip" && r.status !== "unsupported"
      ? [{ ...r, client: t.client, server: t.server }]
      : [];
  });
  return deviations.filter((d) =>
    !used.has(d) && ran.some((target) => findDeviation([d], target) !== undefined)
  ).map(describeDeviation);
}

async function pool<T>(
  items: readonly T[],
  jobs: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

interface RunOneOptions extends RunScenariosOptions {
  runDir: string;
  pki: ScenarioContext["pki"];
  ffiDrivers: FfiDriverPool;
}

class TimeoutError extends Error {
  constructor(seconds: number) {
    super(`Scenario timed out after ${seconds} s (--timeout ${seconds})`);
    this.name = "TimeoutError";
  }
}

/**
 * Under `--keep-artifacts DIR`, the run's CA and leaf go to `DIR/pki/` (0600 in a 0700 dir, like
 * the session files), where the kept results' `repro.sh` reuse them. The CA key stays behind.
 */
async function keepPki(pki: ScenarioContext["pki"], keep: string): Promise<void> {
  await Deno.mkdir(`${keep}/pki`, { recursive: true, mode: 0o700 });
  for (
    const [from, name] of [
      [pki.caCert, "ca.pem"],
      [pki.cert, "leaf.pem"],
      [pki.key, "leaf.key"],
      [pki.chain, "chain.pem"],
    ]
  ) {
    await Deno.copyFile(from, `${keep}/pki/${name}`);
    await Deno.chmod(`${keep}/pki/${name}`, 0o600);
  }
}

async function runOne(
  task: Task,
  options: RunOneOptions,
): Promise<{ result: ScenarioResult; keptDir?: string }> {
  const { scenario } = task;
  const seconds = scenario.timeoutSeconds ?? options.timeoutSeconds ?? 60;
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(seconds)), seconds * 1000);
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (options.signal?.aborted) onOuterAbort();
  const dir = await makePrivateTempDir({
    prefix: `${variantLabel(scenario.name, task.variant).replace(/[^a-zA-Z0-9_.-]/g, "_")}-`,
    parent: options.keepArtifacts ?? options.runDir,
  });
  const ctx = new ScenarioContext({
    scenario,
    variant: task.variant.values,
    client: task.client,
    server: task.server,
    dir: dir.path,
    pki: options.pki,
    signal: controller.signal,
    stepTimeoutMs: Math.min(options.stepTimeoutMs ?? 10_000, seconds * 1000),
    ffiDrivers: options.ffiDrivers,
  });
  let status: Status;
  let message: string | undefined;
  let failedExpectation: ScenarioResult["failedExpectation"];
  try {
    const body = scenario.run(ctx);
    body.catch(() => {}); // a body abandoned on timeout must not become an unhandled rejection
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(controller.signal.reason);
      if (controller.signal.aborted) fail();
      controller.signal.addEventListener("abort", fail, { once: true });
    });
    aborted.catch(() => {});
    await Promise.race([body, aborted]);
    if (ctx.expect.passedCount === 0) {
      status = "error";
      message = "The scenario made no check: a scenario must verify at least one claim";
    } else status = "pass";
  } catch (e) {
    if (controller.signal.aborted && !(e instanceof ExpectationError)) {
      const reason = controller.signal.reason;
      status = "error";
      message = (reason instanceof TimeoutError
        ? reason.message
        : `Interrupted: ${reason instanceof Error ? reason.message : String(reason)}`) +
        stillRunning(ctx);
    } else if (e instanceof ExpectationError) {
      status = "fail";
      message = e.message;
      failedExpectation = e.record;
    } else if (e instanceof SkipError) {
      status = "skip";
      message = e.message;
    } else if (
      e instanceof UnsupportedError || (e instanceof FfiError && e.kind === "unsupported")
    ) {
      // The build cannot do what the scenario asked (a context peer of another dialect, a
      // symbol the library does not export): not a failure of the library under test.
      status = "unsupported";
      message = `Unsupported: ${e.message}`;
    } else {
      status = "error";
      message = blameExitedServers(
        ctx.peers,
        describeThrown(e, scenario.file),
      );
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
    await ctx[Symbol.asyncDispose]();
  }
  if (!options.keepArtifacts) await dir[Symbol.asyncDispose]();
  const keepOutput = status !== "pass" && status !== "skip";
  const result: ScenarioResult = {
    scenario: scenario.name,
    ...variantField(task),
    file: scenario.file,
    claims: [...scenario.claims],
    tags: [...scenario.tags],
    status,
    client: buildRef(task.client),
    server: buildRef(task.server),
    durationMs: Math.round(performance.now() - started),
    message,
    failedExpectation,
    expectations: ctx.expect.records,
    peers: keepOutput
      ? ctx.peers.map((p) => ({
        role: p.role,
        command: p.command,
        exitCode: p.process.result?.code ?? null,
        stdout: p.process.stdout,
        stderr: p.process.stderr,
      }))
      : [],
    repro: ctx.reproCommands(),
    // Made for every result: a deviation can still turn a pass into an xpass (the runner drops
    // the script of what passed in the end).
    reproScript: ctx.reproScript({
      scenario: task.variant.id ? `${scenario.name}[${task.variant.id}]` : scenario.name,
      message,
      failed: failedExpectation,
    }),
    notes: options.keepArtifacts ? [...ctx.notes, `artifacts kept in ${dir.path}`] : ctx.notes,
  };
  return { result, keptDir: options.keepArtifacts ? dir.path : undefined };
}

/** What was still running when a scenario was cut short: the processes about to be killed. */
function stillRunning(ctx: ScenarioContext): string {
  const now = performance.now();
  const running = ctx.peers.filter((p) => !p.process.exited).map((p) =>
    `\n  still running: ${p.role} (pid ${p.process.pid}, ${
      ((now - p.process.startedAt) / 1000).toFixed(1)
    } s): ${p.command}`
  );
  return running.length ? running.join("") : "\n  no process was running (the body itself hung)";
}

function applyDeviation(result: ScenarioResult, d: Deviation, used: Set<Deviation>): void {
  const failed = result.status === "fail" || result.status === "error";
  if (failed && d.message && !(result.message ?? "").includes(d.message)) return;
  if (result.status === "skip" || result.status === "unsupported") return;
  used.add(d);
  result.deviation = { reason: d.reason, evidence: d.evidence };
  if (failed) {
    result.status = "xfail";
    result.message = `Expected deviation: ${d.reason} (${result.message})`;
  } else {
    result.status = "xpass";
    result.message = `Expected to fail but passed: ${d.reason}. ` +
      `The build now behaves as documented; remove or narrow the entry in expected_deviations.json`;
  }
}

function loadFailureResult(f: LoadFailure, build: Build): ScenarioResult {
  const ref = buildRef(build);
  return {
    scenario: f.file,
    file: f.file,
    claims: [],
    tags: [],
    status: "error",
    client: ref,
    server: ref,
    durationMs: 0,
    message: f.message,
    expectations: [],
    peers: [],
    repro: [],
    notes: [],
  };
}

/**
 * The result of a task that cannot run, or undefined: an `error` when a build's probe failed
 * for another reason than a missing capability (its library does not load, its tool crashes),
 * `unsupported` when a build of the pair lacks a capability the scenario requires.
 */
function notRunnable(t: Task): ScenarioResult | undefined {
  const broken = [t.client, t.server].find((b) => b.probeError);
  if (broken) {
    return skipResult(t, `Build "${broken.id}" cannot run: ${broken.probeError}`, "error");
  }
  const why = unmetRequirements(t.scenario.requires, t.client, t.server);
  if (why) return skipResult(t, `Unsupported: ${why}`, "unsupported");
  return undefined;
}

function skipResult(t: Task, message: string, status: Status = "skip"): ScenarioResult {
  return {
    scenario: t.scenario.name,
    ...variantField(t),
    file: t.scenario.file,
    claims: [...t.scenario.claims],
    tags: [...t.scenario.tags],
    status,
    client: buildRef(t.client),
    server: buildRef(t.server),
    durationMs: 0,
    message,
    expectations: [],
    peers: [],
    repro: [],
    notes: [],
  };
}

/** A result's `variant` field: absent for a scenario without variants. */
function variantField(t: Task): Pick<ScenarioResult, "variant"> {
  return t.variant.id ? { variant: t.variant.id } : {};
}
