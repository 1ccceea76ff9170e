import { parseArgs } from "node:util";
import { resolveBuilds } from "../openssl/mod.ts";
import { type MutationRow, runMutations } from "../runner/mod.ts";
import { expandVariants, variantLabel } from "../scenario/mod.ts";
import { MUTATE_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath } from "./io.ts";
import { prepareScenarios } from "./prepare_scenarios.ts";

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
    return ExitCode.ok;
  }
  const reporter = values.reporter ?? "pretty";
  if (reporter !== "pretty" && reporter !== "json") {
    await io.stderr(`error: --reporter takes "pretty" or "json" (got "${reporter}")\n`);
    return ExitCode.usage;
  }
  const jobs = Number(values.jobs ?? navigator.hardwareConcurrency ?? 1);
  const timeoutSeconds = Number(values.timeout ?? 60);
  if (!(jobs >= 1) || !Number.isInteger(jobs) || !(timeoutSeconds > 0)) {
    await io.stderr(`error: --jobs takes a positive integer and --timeout a positive number\n`);
    return ExitCode.usage;
  }
  let prepared;
  let build;
  try {
    prepared = await prepareScenarios(io, positionals, values, { addSanity: false });
    [build] = await resolveBuilds([values.openssl ?? "system"], {
      cacheDir: values["cache-dir"],
      signal,
    });
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
    jobs,
    timeoutSeconds,
    signal,
    onRow: reporter === "pretty" && !values.out
      ? (r) =>
        void io.stdout(
          `${r.killed ? "killed  " : "SURVIVED"} ${rowLabel(r)} × ${
            r.mutant ?? "(none)"
          } [${r.status}]\n`,
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
  return summary.survivors.length === 0 && prepared.failures.length === 0
    ? ExitCode.ok
    : ExitCode.failed;
}

interface MutationSummary {
  scenarios: number;
  killed: number;
  score: number;
  survivors: string[];
  rows: number;
}

function rowLabel(r: MutationRow): string {
  return variantLabel(r.scenario, { id: r.variant ?? "" });
}

function summarize(rows: MutationRow[], names: string[]): MutationSummary {
  // A scenario variant is killed when every mutant it declares kills it.
  const survivors = names.filter((n) => rows.some((r) => rowLabel(r) === n && !r.killed));
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
    } % (${s.killed}/${s.scenarios} scenario variants killed by every mutant they declare; ${rows.length} runs, ${
      seconds.toFixed(1)
    } s)`,
  ];
  for (const r of rows.filter((r) => !r.killed)) {
    lines.push(`  survivor: ${rowLabel(r)} × ${r.mutant ?? "(declares no mutant)"}: ${r.status}`);
  }
  return lines.join("\n") + "\n";
}
