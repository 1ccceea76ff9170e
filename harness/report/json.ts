import type { RunEvent } from "../runner/mod.ts";
import { collectReport, type ReportData, reportDocument } from "./report_data.ts";
import type { Reporter } from "./reporter.ts";

export { resultRecord } from "./report_data.ts";

/** A report as the JSON text `--reporter json` writes (pretty-printed, trailing newline). */
export function formatJsonReport(data: ReportData): string {
  return JSON.stringify(reportDocument(data), null, 2) + "\n";
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
