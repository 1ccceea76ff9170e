/**
 * Reporters over runner events (`pretty`, `json`, `junit`, `markdown`, `html`), the report data
 * they share (also read back from JSON reports), merging reports of a sharded run, and
 * comparing two reports (`report diff`).
 *
 * @example
 * ```ts
 * import { REPORTERS } from "./mod.ts";
 * console.log(Object.keys(REPORTERS)); // ["pretty", "json", "junit", "markdown", "html"]
 * ```
 * @module
 */
import { htmlReporter } from "./html.ts";
import { jsonReporter } from "./json.ts";
import { junitReporter } from "./junit.ts";
import { markdownReporter } from "./markdown.ts";
import { prettyReporter } from "./pretty.ts";
import type { Reporter } from "./reporter.ts";

export * from "./reporter.ts";
export * from "./claims_table.ts";
export * from "./broadcast.ts";
export * from "./report_data.ts";
export * from "./matrix.ts";
export * from "./merge.ts";
export * from "./diff.ts";
export * from "./diff_format.ts";
export * from "./readme_tables.ts";
export * from "./readme_sections.ts";
export * from "./markdown_text.ts";
export { describeFailure, prettyReporter, terminalTail } from "./pretty.ts";
export { formatJsonReport, jsonReporter } from "./json.ts";
export { formatJunitReport, junitClassname, junitReporter, junitTestName } from "./junit.ts";
export { formatMarkdownReport, markdownReporter, summaryLine } from "./markdown.ts";
export { escapeHtml, formatHtmlReport, htmlReporter } from "./html.ts";

/** Reporters by the name `--reporter` takes. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  pretty: prettyReporter,
  json: jsonReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};
