import { parseArgs } from "node:util";
import { formatClaimsTable } from "../report/mod.ts";
import { emptyCounts, runFailed, type ScenarioResult } from "../runner/mod.ts";
import { CLAIMS_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath, UsageError } from "./io.ts";
import { executeRun, RUN_FLAGS } from "./run_command.ts";

/**
 * `claims [paths…] [run options…]` or `claims --from FILE`: claim → scenarios → status, from a
 * run of the selected scenarios or from a JSON report.
 */
export async function claimsCommand(
  args: string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...RUN_FLAGS, from: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(CLAIMS_HELP);
    return ExitCode.ok;
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
    const counts = emptyCounts();
    for (const r of results) counts[r.status]++;
    return runFailed(counts) ? ExitCode.failed : ExitCode.ok;
  }
  return await executeRun(io, positionals, values, signal, async (events) => {
    for await (const e of events) {
      if (e.type === "run:end") await io.stdout(formatClaimsTable(e.results));
    }
  });
}
