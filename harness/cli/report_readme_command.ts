import { parseArgs } from "node:util";
import { generatedBlock, parseReport, readmeSections, replaceGenerated } from "../report/mod.ts";
import { readDeviations } from "../runner/mod.ts";
import { REPORT_README_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath, UsageError } from "./io.ts";

async function readText(io: CliIo, file: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(resolvePath(io, file));
  } catch (e) {
    throw new UsageError(`Cannot read ${what} "${file}": ${(e as Error).message}`);
  }
}

/**
 * `report readme REPORT.json [--write FILE | --check FILE] [--deviations FILE]`: the README's
 * generated tables from a JSON report. Without `--write`/`--check` it prints the sections with
 * their markers; `--write` rewrites only the text between a file's markers; `--check` exits 1
 * when that text differs from what the report gives (the file is stale).
 */
export async function reportReadmeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      write: { type: "string" },
      check: { type: "string" },
      deviations: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(REPORT_README_HELP);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`"report readme" takes one JSON report (got ${positionals.length})`);
  }
  if (values.write !== undefined && values.check !== undefined) {
    throw new UsageError(`"report readme" takes --write FILE or --check FILE, not both`);
  }
  const reportFile = positionals[0];
  const text = await readText(io, reportFile, "report");
  let data;
  try {
    data = parseReport(text, { file: reportFile });
  } catch (e) {
    throw new UsageError(`Not a JSON report: ${(e as Error).message}`);
  }
  let deviations;
  try {
    deviations = await readDeviations(
      values.deviations ? resolvePath(io, values.deviations) : undefined,
    );
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const sections = readmeSections(data, deviations);
  const target = values.write ?? values.check;
  if (target === undefined) {
    await io.stdout(
      Object.entries(sections).map(([name, body]) => `${generatedBlock(name, body)}\n`).join("\n"),
    );
    return ExitCode.ok;
  }
  const before = await readText(io, target, "file");
  let outcome;
  try {
    outcome = replaceGenerated(before, sections, target);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.check !== undefined) {
    if (outcome.changed.length === 0) {
      await io.stdout(`${target}: generated sections are up to date with ${reportFile}\n`);
      return ExitCode.ok;
    }
    await io.stderr(
      `${target}: stale generated section(s) ${
        outcome.changed.map((n) => `"${n}"`).join(", ")
      }: run deno task harness report readme ${reportFile} --write ${target}\n`,
    );
    return ExitCode.failed;
  }
  if (outcome.changed.length) await Deno.writeTextFile(resolvePath(io, target), outcome.text);
  await io.stdout(
    outcome.changed.length
      ? `${target}: rewrote ${outcome.changed.map((n) => `"${n}"`).join(", ")}\n`
      : `${target}: already up to date\n`,
  );
  return ExitCode.ok;
}
