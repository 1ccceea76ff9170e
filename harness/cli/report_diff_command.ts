import { parseArgs } from "node:util";
import {
  DIFF_FORMATTERS,
  diffExitCode,
  DiffInputError,
  diffReports,
  parseBuildMapping,
  readDiffInput,
  type ReportData,
  type ReportDiff,
} from "../report/mod.ts";
import { REPORT_DIFF_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath, UsageError } from "./io.ts";

/** The names `report diff --reporter` takes. */
export const DIFF_REPORTER_NAMES = Object.keys(DIFF_FORMATTERS);

/** The flags of `report diff` (`run --baseline` takes `--map` too). */
export const REPORT_DIFF_FLAGS = {
  help: { type: "boolean", short: "h" },
  map: { type: "string", multiple: true },
  reporter: { type: "string" },
  out: { type: "string" },
} as const;

/** Parse `--map OLD=NEW` values; a malformed one is a usage error. */
export function buildMappings(values: readonly string[] | undefined) {
  return (values ?? []).map((m) => {
    try {
      return parseBuildMapping(m);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
}

/** Read and parse one side of a diff: an unreadable file or not a report is a usage error. */
export async function readReportFile(io: CliIo, file: string): Promise<ReportData> {
  let text: string;
  try {
    text = await Deno.readTextFile(resolvePath(io, file));
  } catch (e) {
    throw new UsageError(`Cannot read report "${file}": ${(e as Error).message}`);
  }
  try {
    return readDiffInput(text, { file });
  } catch (e) {
    if (e instanceof DiffInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** Compare with usage errors for bad `--map` values (a build a report does not hold). */
export function diffOrUsage(
  base: ReportData,
  next: ReportData,
  options: Parameters<typeof diffReports>[2],
): ReportDiff {
  try {
    return diffReports(base, next, options);
  } catch (e) {
    if (e instanceof DiffInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** Write a diff in `reporter`'s format to `out` (a file; stdout when absent or `-`). */
export async function writeDiff(
  diff: ReportDiff,
  io: CliIo,
  options: { reporter?: string; out?: string; toStderr?: boolean },
): Promise<void> {
  const name = options.reporter ?? "pretty";
  const format = Object.hasOwn(DIFF_FORMATTERS, name) ? DIFF_FORMATTERS[name] : undefined;
  if (!format) {
    throw new UsageError(
      `Unknown diff reporter "${name}": choose from ${DIFF_REPORTER_NAMES.join(", ")}`,
    );
  }
  const toFile = options.out !== undefined && options.out !== "-";
  const text = format(diff, {
    colour: !toFile && !options.toStderr && io.isTty && !Deno.env.get("NO_COLOR"),
  });
  if (toFile) await Deno.writeTextFile(resolvePath(io, options.out!), text);
  else if (options.toStderr) await io.stderr(text);
  else await io.stdout(text);
}

/**
 * `report diff BASE.json NEW.json [--map OLD=NEW]… [--reporter R] [--out F]`: what changed
 * between two reports. Exit 1 when something regressed, 0 otherwise, 2 on bad input.
 */
export async function reportDiffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: REPORT_DIFF_FLAGS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(REPORT_DIFF_HELP);
    return ExitCode.ok;
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      `"report diff" compares two JSON reports: report diff BASE.json NEW.json (got ${positionals.length})`,
    );
  }
  const [baseFile, newFile] = positionals;
  if (values.reporter !== undefined && !DIFF_REPORTER_NAMES.includes(values.reporter)) {
    throw new UsageError(
      `Unknown diff reporter "${values.reporter}": choose from ${DIFF_REPORTER_NAMES.join(", ")}`,
    );
  }
  const map = buildMappings(values.map);
  const [base, next] = [await readReportFile(io, baseFile), await readReportFile(io, newFile)];
  const diff = diffOrUsage(base, next, { baseFile, newFile, map });
  await writeDiff(diff, io, { reporter: values.reporter, out: values.out });
  return diffExitCode(diff);
}
