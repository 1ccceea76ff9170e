import { parseArgs } from "node:util";
import { type MergePart, mergeReports, parseReport } from "../report/mod.ts";
import type { ReportData } from "../report/mod.ts";
import { type RunEvent, runFailed } from "../runner/mod.ts";
import { REPORT_HELP } from "./help.ts";
import { reportDiffCommand } from "./report_diff_command.ts";
import { reportReadmeCommand } from "./report_readme_command.ts";
import { type CliIo, ExitCode, resolvePath, UsageError } from "./io.ts";
import { reportTargets, writeReports } from "./write_reports.ts";

/**
 * Replay a finished report as runner events, so every reporter can render a merged or
 * re-read report exactly as it renders a live run.
 *
 * @example
 * ```ts ignore
 * for await (const e of replayEvents(data)) console.log(e.type);
 * ```
 */
export async function* replayEvents(data: ReportData): AsyncGenerator<RunEvent> {
  yield {
    type: "run:start",
    total: data.results.length,
    jobs: 1,
    builds: data.builds,
    startedAt: data.summary.startedAt,
  };
  for (const result of data.results) yield { type: "scenario:end", result };
  yield {
    type: "run:end",
    results: data.results,
    counts: data.summary.counts,
    durationMs: data.summary.durationMs,
    staleDeviations: data.summary.staleDeviations,
    interrupted: data.summary.interrupted,
  };
}

/**
 * `report merge A.json B.json … [--html F] [--reporter NAME [--out F]]…`, `report diff`
 * (see {@linkcode reportDiffCommand}) and `report readme` (see {@linkcode reportReadmeCommand}).
 */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] === "diff") return await reportDiffCommand(args.slice(1), io);
  if (args[0] === "readme") return await reportReadmeCommand(args.slice(1), io);
  const { values, positionals } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      reporter: { type: "string", multiple: true },
      out: { type: "string", multiple: true },
      html: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...files] = positionals;
  if (values.help) {
    await io.stdout(REPORT_HELP);
    return ExitCode.ok;
  }
  if (sub !== "merge") {
    throw new UsageError(
      sub === undefined
        ? `"report" needs a subcommand: report merge A.json B.json …, report diff BASE NEW, ` +
          `report readme REPORT.json`
        : `Unknown report command "${sub}": use "report merge A.json B.json …", ` +
          `"report diff BASE.json NEW.json" or "report readme REPORT.json"`,
    );
  }
  if (files.length === 0) throw new UsageError(`"report merge" needs at least one JSON report`);
  const targets = reportTargets(
    values.reporter?.length ? [...values.reporter] : ["json"],
    (values.out ?? []).map((o) => resolvePath(io, o)),
    values.html ? resolvePath(io, values.html) : undefined,
  );
  const parts: MergePart[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await Deno.readTextFile(resolvePath(io, f));
    } catch (e) {
      throw new UsageError(`Cannot read report "${f}": ${(e as Error).message}`);
    }
    try {
      parts.push({ file: f, data: parseReport(text, { file: f }) });
    } catch (e) {
      throw new UsageError(`Not a JSON report: ${(e as Error).message}`);
    }
  }
  const merged = mergeReports(parts);
  await writeReports(replayEvents(merged), targets, io, { mergedFrom: merged.summary.mergedFrom });
  return runFailed(merged.summary.counts) || merged.summary.interrupted
    ? ExitCode.failed
    : ExitCode.ok;
}
