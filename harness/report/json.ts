import type { RunEvent } from "../runner/mod.ts";
import { collectReport, type ReportData, reportDocument } from "./report_data.ts";
import type { Reporter } from "./reporter.ts";

export { resultRecord } from "./report_data.ts";

/**
 * A report as the JSON text `--reporter json` writes: indented, except that each result is one
 * line (a full matrix has tens of thousands; indenting their fields made the file about a fifth
 * larger, and one line per result is what `grep` wants), with a trailing newline.
 *
 * @example
 * ```ts
 * import { formatJsonReport, parseReport } from "@tls-session-harness/harness";
 * const text = formatJsonReport(parseReport('{"results": []}', { file: "r.json" }));
 * console.log(text.split("\n")[1]); //   "schema_version": 1,
 * ```
 */
export function formatJsonReport(data: ReportData): string {
  return [...jsonReportChunks(data)].join("");
}

/** Results per chunk of {@linkcode jsonReportChunks}. */
const RESULTS_PER_CHUNK = 256;

/**
 * The text of {@linkcode formatJsonReport} in pieces: a matrix of 34k results is a document of
 * tens of megabytes, written a few hundred results at a time instead of built as one string.
 *
 * @example
 * ```ts ignore
 * for (const chunk of jsonReportChunks(data)) await file.write(new TextEncoder().encode(chunk));
 * ```
 */
export function* jsonReportChunks(data: ReportData): Generator<string> {
  const doc = reportDocument(data);
  const results = doc.results as unknown[];
  // schema_version (a number) comes first: the first `"results": []` is the key itself.
  const text = JSON.stringify({ ...doc, results: [] }, null, 2) + "\n";
  const at = text.indexOf('"results": []');
  if (!results.length) return yield text;
  yield `${text.slice(0, at)}"results": [\n`;
  for (let i = 0; i < results.length; i += RESULTS_PER_CHUNK) {
    const part = results.slice(i, i + RESULTS_PER_CHUNK).map((r) => `    ${JSON.stringify(r)}`);
    yield `${i === 0 ? "" : ",\n"}${part.join(",\n")}`;
  }
  yield `\n  ]${text.slice(at + '"results": []'.length)}`;
}

/**
 * One JSON document at the end of the run:
 * `{ "schema_version": 1, "results": [ { "scenario", "claims", "status", "client": { "id", "version", "path" },
 * "server": { … }, "duration_ms", "message"?, … } ], "summary": { … }, "builds": [ … ] }`.
 */
export const jsonReporter: Reporter = async function* (events: AsyncIterable<RunEvent>, options) {
  const data = await collectReport(events, options);
  if (!data) return;
  yield* jsonReportChunks(data);
};
