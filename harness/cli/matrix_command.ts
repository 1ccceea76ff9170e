import { parseArgs } from "node:util";
import { countsText, pairGrid, parseReport } from "../report/mod.ts";
import { MATRIX_HELP } from "./help.ts";
import { type CliIo, ExitCode, resolvePath, UsageError } from "./io.ts";
import { buildsCommand } from "./builds_command.ts";
import { runCommand } from "./run_command.ts";

/**
 * `matrix [--out-dir DIR] [run options…]`: fetch every build of every implementation
 * (idempotent: `builds fetch all`), run every scenario on every client × server pair
 * (`run --build all --pairs all`; a pair lacking a capability a scenario requires is
 * `unsupported`), write `report.json`, `report.md` and `report.html` into DIR
 * (default `reports/`), and print a client × server summary. Exit 1 on any unexpected result.
 */
export async function matrixCommand(
  args: string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, tokens } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      "out-dir": { type: "string" },
      "cache-dir": { type: "string" },
    },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (values.help) {
    await io.stdout(MATRIX_HELP);
    return ExitCode.ok;
  }
  // Everything but --out-dir goes to "run" (and --cache-dir to "builds fetch" as well).
  const passOn: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === "option" && t.name === "out-dir") continue;
    if (t.kind === "option") {
      passOn.push(t.rawName, ...(t.value !== undefined && !t.inlineValue ? [t.value] : []));
      if (t.inlineValue) passOn[passOn.length - 1] = `${t.rawName}=${t.value}`;
    } else if (t.kind === "positional") passOn.push(t.value);
  }
  const outDir = resolvePath(
    io,
    typeof values["out-dir"] === "string" ? values["out-dir"] : "reports",
  );
  await Deno.mkdir(outDir, { recursive: true });
  const cache = typeof values["cache-dir"] === "string" ? ["--cache-dir", values["cache-dir"]] : [];

  await io.stderr(
    `== fetching every build of every implementation (cached after the first time)\n`,
  );
  const fetched = await buildsCommand(["fetch", "all", ...cache], io, signal);
  if (fetched === ExitCode.usage) return fetched;

  await io.stderr(`== running every scenario on every client × server pair\n`);
  const started = performance.now();
  const json = `${outDir}/report.json`;
  // --build / --openssl given: the matrix of those builds only (e.g. CI's subset); else all.
  const chosen = passOn.some((a) => /^--(build|openssl)(=|$)/.test(a));
  const code = await runCommand(
    [
      ...(chosen ? [] : ["--build", "all"]),
      "--pairs",
      "all",
      ...passOn,
      // --out pairs with the --reporter in the same position: the file reporters come first.
      "--reporter",
      "json",
      "--out",
      json,
      "--reporter",
      "markdown",
      "--out",
      `${outDir}/report.md`,
      "--reporter",
      "pretty",
      "--html",
      `${outDir}/report.html`,
    ],
    io,
    signal,
  );
  if (code === ExitCode.usage) return code;
  let data;
  try {
    data = parseReport(await Deno.readTextFile(json), { file: json });
  } catch (e) {
    throw new UsageError(`The run wrote no readable JSON report: ${(e as Error).message}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const grid = pairGrid(data.results, data.builds);
  const w = Math.max(6, ...grid.clients.map((b) => b.id.length));
  const cw = Math.max(
    8,
    ...grid.clients.flatMap((c) =>
      grid.servers.map((s) => countsText(grid.cell(c.id, s.id)).length)
    ),
    ...grid.servers.map((s) => s.id.length),
  );
  const lines = [
    `\nClient (rows) × server (columns), every scenario:`,
    `${"".padEnd(w)}  ${grid.servers.map((s) => s.id.padEnd(cw)).join("  ")}`,
    ...grid.clients.map((c) =>
      `${c.id.padEnd(w)}  ${
        grid.servers.map((s) => countsText(grid.cell(c.id, s.id)).padEnd(cw)).join("  ")
      }`
    ),
    "",
    `Matrix: ${data.results.length} results in ${seconds} s; reports in ${outDir}/ ` +
    `(report.json, report.md, report.html)`,
    "",
  ];
  await io.stdout(lines.join("\n"));
  return code;
}
