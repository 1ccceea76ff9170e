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
  const doc = reportDocument(data);
  const results = (doc.results as unknown[]).map((r) => `    ${JSON.stringify(r)}`);
  // schema_version (a number) comes first: the first `"results": []` is the key itself.
  // A function, not a replacement string: results hold `$'…'` (shell quoting), which a
  // replacement string would expand.
  return JSON.stringify({ ...doc, results: [] }, null, 2).replace(
    '"results": []',
    () => results.length ? `"results": [\n${results.join(",\n")}\n  ]` : '"results": []',
  ) + "\n";
}

/**
 * One JSON document at the end of the run:
 * `{ "schema_version": 1, "results": [ { "scenario", "claims", "status", "client": { "id", "version", "path" },
 * "server": { … }, "duration_ms", "message"?, … } ], "summary": { … }, "builds": [ … ] }`.
 */
export const jsonReporter: Reporter = async function* (events: AsyncIterable<RunEvent>, options) {
  const data = await collectReport(events, options);
  if (!data) return;
  yield formatJsonReport(data);
};
