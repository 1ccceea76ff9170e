import { parseArgs } from "node:util";
import { resolveBuildSpecs } from "../impl/mod.ts";
import { cacheDir } from "../openssl/mod.ts";
import {
  defaultJobs,
  DEVIATIONS_FILE,
  type MutationRow,
  readDeviations,
  runMutations,
} from "../runner/mod.ts";
import { expandVariants, variantLabel } from "../scenario/mod.ts";
import { MUTATE_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath } from "./io.ts";
import { prepareScenarios } from "./prepare_scenarios.ts";
import { buildSpecs } from "./run_command.ts";

/**
 * `mutate [paths…] [options]`: run each selected scenario against the mutants it declares.
 * Scenarios come from the same load/validate/select path as `run` (a bundle's embedded
 * scenarios included), without adding the sanity scenario to files given by path. Returns 0
 * when every scenario was killed, 1 for a survivor or a file that failed to load.
 */
export async function mutateCommand(
  args: string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      filter: { type: "string", multiple: true },
      tag: { type: "string", multiple: true },
      claim: { type: "string", multiple: true },
      openssl: { type: "string", multiple: true },
      build: { type: "string", multiple: true },
      deviations: { type: "string" },
      jobs: { type: "string" },
      timeout: { type: "string" },
      reporter: { type: "string" },
      out: { type: "string" },
      "cache-dir": { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(MUTATE_HELP);
    return ExitCode.ok;
  }
  const reporter = values.reporter ?? "pretty";
  if (reporter !== "pretty" && reporter !== "json") {
    await io.stderr(`error: --reporter takes "pretty" or "json" (got "${reporter}")\n`);
    return ExitCode.usage;
  }
  const jobs = Number(values.jobs ?? defaultJobs());
  const timeoutSeconds = Number(values.timeout ?? 60);
  if (!(jobs >= 1) || !Number.isInteger(jobs) || !(timeoutSeconds > 0)) {
    await io.stderr(`error: --jobs takes a positive integer and --timeout a positive number\n`);
    return ExitCode.usage;
  }
  let prepared;
  let build;
  let deviations;
  try {
    prepared = await prepareScenarios(io, positionals, values, { addSanity: false });
    const specs = buildSpecs(values);
    const builds = await resolveBuildSpecs(specs, {
      cacheDir: cacheDir(values["cache-dir"]),
      signal,
      probeTimeoutMs: timeoutSeconds * 1000,
    });
    // One build per command: its rows are one score (run it once per build to compare them).
    if (builds.length !== 1) {
      throw new Error(
        `mutate takes one build; ${specs.map((s) => `"${s}"`).join(" ")} name${
          specs.length === 1 ? "s" : ""
        } ${builds.length}: ${builds.map((b) => `${b.implementation}:${b.id}`).join(", ")}`,
      );
    }
    [build] = builds;
    if (build.probeError) {
      throw new Error(`Build "${build.id}" (${build.implementation}): ${build.probeError}`);
    }
    deviations = await readDeviations(
      values.deviations ? resolvePath(io, values.deviations) : DEVIATIONS_FILE,
    );
  } catch (e) {
    await io.stderr(`error: ${(e as Error).message}\n`);
    return ExitCode.usage;
  }
  const scenarios = prepared.selected;
  // A file that does not load cannot be killed: say so, and do not report a clean score.
  for (const f of prepared.failures) await io.stderr(`error: ${f.file}: ${f.message}\n`);
  const started = performance.now();
  const rows = await runMutations({
    scenarios,
    build,
    deviations,
    jobs,
    timeoutSeconds,
    signal,
    onRow: reporter === "pretty" && !values.out
      ? (r) =>
        void io.stdout(
          `${rowVerdict(r)} ${rowLabel(r)} × ${r.mutant ?? "(none)"} [${r.status}]\n`,
        )
      : undefined,
  });
  // What is scored: every variant of every scenario (`scenario[variant]`).
  const summary = summarize(
    rows,
    scenarios.flatMap((s) => expandVariants(s).variants.map((v) => variantLabel(s.name, v))),
  );
  const seconds = (performance.now() - started) / 1000;
  const text = reporter === "json"
    ? JSON.stringify(
      { scenarios: rows, summary: { ...summary, duration_s: Number(seconds.toFixed(1)) } },
      null,
      2,
    ) + "\n"
    : formatSummary(rows, summary, seconds);
  if (values.out) await Deno.writeTextFile(resolvePath(io, values.out), text);
  else await io.stdout(text);
  // Nothing could be judged on this build: no score to give, and the rows say why.
  if (rows.length > 0 && rows.every((r) => r.status === "unsupported")) {
    await io.stderr(
      `error: no selected scenario can be mutated on build "${build.id}" (${build.implementation}): ` +
        `${rows[0].message}\n`,
    );
    return ExitCode.usage;
  }
  return summary.survivors.length === 0 && prepared.failures.length === 0
    ? ExitCode.ok
    : ExitCode.failed;
}

function rowVerdict(r: MutationRow): string {
  return r.killed ? "killed  " : r.status === "unsupported" ? "n/a     " : "SURVIVED";
}

interface MutationSummary {
  scenarios: number;
  killed: number;
  score: number;
  survivors: string[];
  /** Variants with no row but `unsupported` ones: not run on this build, neither way. */
  unsupported: string[];
  rows: number;
}

function rowLabel(r: MutationRow): string {
  return variantLabel(r.scenario, { id: r.variant ?? "" });
}

function summarize(rows: MutationRow[], names: string[]): MutationSummary {
  // A scenario variant is killed when every mutant it declares that can run on the build kills
  // it; one whose every row is unsupported is not judged.
  const judged = (r: MutationRow) => r.status !== "unsupported";
  const survivors = names.filter((n) =>
    rows.some((r) => rowLabel(r) === n && judged(r) && !r.killed)
  );
  const unsupported = names.filter((n) =>
    !survivors.includes(n) && rows.some((r) => rowLabel(r) === n) &&
    rows.every((r) => rowLabel(r) !== n || !judged(r))
  );
  const scored = names.length - unsupported.length;
  return {
    scenarios: names.length,
    killed: scored - survivors.length,
    score: scored ? (scored - survivors.length) / scored : 1,
    survivors,
    unsupported,
    rows: rows.length,
  };
}

function formatSummary(rows: MutationRow[], s: MutationSummary, seconds: number): string {
  const lines = [
    "",
    `Mutation score: ${(s.score * 100).toFixed(0)} % (${s.killed}/${
      s.scenarios - s.unsupported.length
    } scenario variants killed by every mutant they declare; ${rows.length} runs, ${
      seconds.toFixed(1)
    } s)`,
  ];
  if (s.unsupported.length) {
    lines.push(
      `  not judged on this build (unsupported): ${s.unsupported.length} scenario variant(s)`,
    );
  }
  // Why rows were not judged, each reason once.
  const why = new Set(rows.filter((r) => r.status === "unsupported").map((r) => r.message ?? ""));
  for (const m of why) lines.push(`  n/a: ${m}`);
  for (const r of rows.filter((r) => !r.killed && r.status !== "unsupported")) {
    lines.push(
      `  survivor: ${rowLabel(r)} × ${r.mutant ?? "(declares no mutant)"}: ${r.status}${
        r.deviation ? ` (an expected deviation covers the failure: ${r.deviation})` : ""
      }`,
    );
  }
  return lines.join("\n") + "\n";
}
