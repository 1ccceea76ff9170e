import { parseArgs } from "node:util";
import { CLAIMS, UNTESTABLE_SENTENCES } from "../claims/mod.ts";
import { claimDrift, driftJson, formatDriftTable } from "../docs/mod.ts";
import { fetchedBuilds, resolveBuilds } from "../openssl/mod.ts";
import { claimRows, formatClaimsTable, runDocs, runDrift } from "../report/mod.ts";
import { type BuildRef, emptyCounts, runFailed, type ScenarioResult } from "../runner/mod.ts";
import { CLAIMS_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath, UsageError } from "./io.ts";
import { executeRun, RUN_FLAGS } from "./run_command.ts";

/**
 * `claims [paths…] [run options…]`, `claims --from FILE` or `claims --docs`: claim → scenarios
 * → status (from a run of the selected scenarios or from a JSON report), with each fetched
 * build's doc status; or, with `--docs`, only the claim × version doc-drift table.
 */
export async function claimsCommand(
  args: string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...RUN_FLAGS, from: { type: "string" }, docs: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(CLAIMS_HELP);
    return ExitCode.ok;
  }
  const reporters = values.reporter ?? [];
  const unknown = reporters.filter((r) => r !== "json" && r !== "text");
  if (unknown.length || reporters.length > 1) {
    throw new UsageError(
      `claims takes --reporter json or text (got ${reporters.map((r) => `"${r}"`).join(", ")})`,
    );
  }
  const json = reporters[0] === "json";
  if (values.docs) {
    const builds = await resolveBuilds(values.openssl?.length ? values.openssl : ["all"], {
      cacheDir: values["cache-dir"],
      signal,
    }).catch((e) => {
      throw new UsageError((e as Error).message);
    });
    const docs = await runDocs(builds);
    const missing = builds.filter((b) =>
      b.source === "fetched" && !docs.some((d) => d.id === b.id)
    );
    for (const b of missing) {
      await io.stderr(
        `note: no man pages for ${b.id} in the cache: "deno task harness openssl docs" fetches them\n`,
      );
    }
    const ids = docs.map((d) => d.id);
    const drift = await claimDrift(CLAIMS, docs);
    await io.stdout(
      json
        ? JSON.stringify(driftJson(CLAIMS, drift, ids, UNTESTABLE_SENTENCES), null, 2) + "\n"
        : formatDriftTable(CLAIMS, drift, ids),
    );
    return ExitCode.ok;
  }
  // JSON carries every cached build's doc status (the run's builds and the others whose pages
  // are in the cache); the text table stays the verdict table ("--docs" prints the drift).
  const print = async (results: readonly ScenarioResult[], builds: readonly BuildRef[]) => {
    if (!json) return await io.stdout(formatClaimsTable(results, { sentences: true }));
    const cached = await fetchedBuilds({ cacheDir: values["cache-dir"] }).catch(() => []);
    const drift = await runDrift([...builds, ...cached]);
    const rows = claimRows(results, { drift }).map((r) => ({ ...r, docs: r.docs ?? {} }));
    await io.stdout(JSON.stringify({ claims: rows }, null, 2) + "\n");
  };
  if (values.from) {
    const path = resolvePath(io, values.from);
    let results: ScenarioResult[];
    let builds: BuildRef[];
    try {
      const data = JSON.parse(await Deno.readTextFile(path));
      results = (data.results as Record<string, unknown>[]).map((r) => ({
        ...(r as unknown as ScenarioResult),
        claims: r.claims as string[],
      }));
      builds = Array.isArray(data.builds) ? data.builds : [];
    } catch (e) {
      throw new UsageError(
        `Cannot read a JSON report from "${values.from}": ${(e as Error).message}`,
      );
    }
    await print(results, builds);
    const counts = emptyCounts();
    for (const r of results) counts[r.status]++;
    return runFailed(counts) ? ExitCode.failed : ExitCode.ok;
  }
  // The run's own reporters stay off: this command prints the claims table (or its JSON).
  const runValues = { ...values, reporter: undefined };
  return await executeRun(io, positionals, runValues, signal, async (events) => {
    let builds: BuildRef[] = [];
    for await (const e of events) {
      if (e.type === "run:start") builds = e.builds;
      if (e.type === "run:end") await print(e.results, builds);
    }
  });
}
