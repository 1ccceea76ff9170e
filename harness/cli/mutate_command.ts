import { parseArgs } from "node:util";
import { resolveBuilds } from "../openssl/mod.ts";
import {
  BUILTIN_SCENARIOS_DIR,
  loadScenarios,
  ScenarioValidationError,
  validateScenarios,
} from "../scenario/mod.ts";
import { type MutationRow, runMutations, selectScenarios } from "../runner/mod.ts";
import { MUTANTS } from "../mutate/mod.ts";

/** Where the command writes (the CLI's io). */
export interface MutateIo {
  stdout(text: string): Promise<void>;
  stderr(text: string): Promise<void>;
  cwd: string;
}

/** Help for `harness mutate`. */
export const MUTATE_HELP = `Usage: deno task harness mutate [paths…] [options]

Runs each scenario against the mutants it declares (peers with exactly the behaviour it checks
removed) and reports, per scenario and mutant, whether it failed ("killed") or still passed
("survived"). Every scenario should be killed; a survivor cannot see what it claims to verify.

  --filter PATTERN, --tag TAG, --claim ID   select scenarios (repeatable)
  --openssl SPEC    the build to mutate (default: system)
  --jobs N          scenarios at once (default: number of cores)
  --timeout SECONDS deadline per scenario (default: 60)
  --reporter NAME   pretty (default) or json: { "scenarios": [ { "scenario", "mutant", "killed" } ] }
  --out FILE        write the report to FILE

Mutants:
${MUTANTS.map((m) => `  ${m.name.padEnd(24)}${m.removes}`).join("\n")}

Exit codes: 0 every scenario killed, 1 a survivor (or a scenario with no mutant), 2 usage error.
`;

/** `harness mutate`: returns the exit code. */
export async function mutateCommand(
  args: string[],
  io: MutateIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      filter: { type: "string", multiple: true },
      tag: { type: "string", multiple: true },
      claim: { type: "string", multiple: true },
      openssl: { type: "string" },
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
    return 0;
  }
  const reporter = values.reporter ?? "pretty";
  if (reporter !== "pretty" && reporter !== "json") {
    await io.stderr(`error: --reporter takes "pretty" or "json" (got "${reporter}")\n`);
    return 2;
  }
  const jobs = Number(values.jobs ?? navigator.hardwareConcurrency ?? 1);
  const timeoutSeconds = Number(values.timeout ?? 60);
  if (!(jobs >= 1) || !Number.isInteger(jobs) || !(timeoutSeconds > 0)) {
    await io.stderr(`error: --jobs takes a positive integer and --timeout a positive number\n`);
    return 2;
  }
  const abs = (p: string) => p.startsWith("/") ? p : `${io.cwd.replace(/\/$/, "")}/${p}`;
  let loaded;
  let build;
  try {
    loaded = await loadScenarios(
      positionals.length ? positionals.map(abs) : [BUILTIN_SCENARIOS_DIR],
    );
    const problems = validateScenarios(loaded.scenarios);
    if (problems.length) throw new ScenarioValidationError(problems);
    [build] = await resolveBuilds([values.openssl ?? "system"], {
      cacheDir: values["cache-dir"],
      signal,
    });
  } catch (e) {
    await io.stderr(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const scenarios = selectScenarios(loaded.scenarios, {
    filters: values.filter ?? [],
    tags: values.tag ?? [],
    claims: values.claim ?? [],
  });
  const started = performance.now();
  const rows = await runMutations({
    scenarios,
    build,
    jobs,
    timeoutSeconds,
    signal,
    onRow: reporter === "pretty" && !values.out
      ? (r) =>
        void io.stdout(
          `${r.killed ? "killed  " : "SURVIVED"} ${r.scenario} × ${
            r.mutant ?? "(none)"
          } [${r.status}]\n`,
        )
      : undefined,
  });
  const summary = summarize(rows, scenarios.map((s) => s.name));
  const seconds = (performance.now() - started) / 1000;
  const text = reporter === "json"
    ? JSON.stringify(
      { scenarios: rows, summary: { ...summary, duration_s: Number(seconds.toFixed(1)) } },
      null,
      2,
    ) + "\n"
    : formatSummary(rows, summary, seconds);
  if (values.out) await Deno.writeTextFile(abs(values.out), text);
  else await io.stdout(text);
  return summary.survivors.length === 0 ? 0 : 1;
}

interface MutationSummary {
  scenarios: number;
  killed: number;
  score: number;
  survivors: string[];
  rows: number;
}

function summarize(rows: MutationRow[], names: string[]): MutationSummary {
  // A scenario is killed when every mutant it declares kills it.
  const survivors = names.filter((n) => rows.some((r) => r.scenario === n && !r.killed));
  return {
    scenarios: names.length,
    killed: names.length - survivors.length,
    score: names.length ? (names.length - survivors.length) / names.length : 1,
    survivors,
    rows: rows.length,
  };
}

function formatSummary(rows: MutationRow[], s: MutationSummary, seconds: number): string {
  const lines = [
    "",
    `Mutation score: ${
      (s.score * 100).toFixed(0)
    } % (${s.killed}/${s.scenarios} scenarios killed by every mutant they declare; ${rows.length} runs, ${
      seconds.toFixed(1)
    } s)`,
  ];
  for (const r of rows.filter((r) => !r.killed)) {
    lines.push(`  survivor: ${r.scenario} × ${r.mutant ?? "(declares no mutant)"}: ${r.status}`);
  }
  return lines.join("\n") + "\n";
}
