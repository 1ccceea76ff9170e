import type { RunEvent, ScenarioResult } from "../runner/mod.ts";
import { documentOf, onlyItsReason } from "./matrix.ts";
import { collectReport, pairLabel, type ReportData, scenarioLabel } from "./report_data.ts";
import type { Reporter } from "./reporter.ts";

function xml(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * The `classname` of a result: its man page, with dots made underscores. Jenkins splits a
 * classname at its last dot into package and class, which would cut `3.0.19` or `ssl.h` in two;
 * the build pair goes in the test name instead.
 */
export function junitClassname(r: ScenarioResult): string {
  return documentOf(r.claims).replaceAll(".", "_");
}

/** The test name: `scenario[variant] (client→server)`, no `[variant]` when there is none. */
export function junitTestName(r: ScenarioResult): string {
  return `${scenarioLabel(r)} (${r.client.id}→${r.server.id})`;
}

function details(r: ScenarioResult): string {
  const parts = [r.message ?? ""];
  if (r.failedExpectation) {
    const f = r.failedExpectation;
    parts.push(
      `claim ${f.claim}: ${f.description}`,
      `expected: ${f.expected}`,
      `actual: ${f.actual}`,
    );
  }
  if (r.reproScript) parts.push("repro.sh:", r.reproScript);
  for (const p of r.peers) {
    parts.push(`--- ${p.role} stdout:`, p.stdout, `--- ${p.role} stderr:`, p.stderr);
  }
  return parts.join("\n");
}

// Without a zone: the Jenkins/Surefire schema's timestamp has none (it is UTC here).
function timestamp(iso: string): string {
  return (iso || new Date(0).toISOString()).replace(/(\.\d+)?Z$/, "");
}

function testcase(r: ScenarioResult): string {
  let body = "";
  if (r.status === "fail" || r.status === "xpass") {
    body = `<failure message="${xml(r.message ?? r.status)}" type="${r.status}">${
      xml(details(r))
    }</failure>`;
  } else if (r.status === "error") {
    body = `<error message="${xml(r.message ?? "error")}" type="error">${xml(details(r))}</error>`;
  } else if (r.status !== "pass") {
    // skip, xfail and unsupported: not run, or failed as an expected deviation records.
    body = `<skipped message="${xml(`${r.status}: ${r.message ?? r.deviation?.reason ?? ""}`)}"/>`;
  }
  const out = [
    `claims: ${r.claims.join(", ")}`,
    `client: ${r.client.id} (${r.client.version})`,
    `server: ${r.server.id} (${r.server.version})`,
    ...r.notes.map((n) => `note: ${n}`),
  ].join("\n");
  // An unsupported result that holds only its reason says it all in <skipped> and its name (the
  // pair); a full matrix has tens of thousands, and their system-out was a quarter of the file.
  return `    <testcase classname="${xml(junitClassname(r))}" name="${xml(junitTestName(r))}" ` +
    `file="${xml(r.file)}" time="${seconds(r.durationMs)}">${body}` +
    (onlyItsReason(r) ? "" : `<system-out>${xml(out)}</system-out>`) + `</testcase>\n`;
}

/**
 * A report as JUnit XML, in the shape Jenkins, GitLab and GitHub test reporters read: one
 * testsuite per client × server pair (with `time`, the sum of its tests, and the run's
 * `timestamp`), one testcase per result named `scenario[variant] (client→server)` with its
 * man page as `classname` and its scenario file as `file`. Only elements and attributes the
 * common JUnit schema (`testdata/junit/junit.xsd`) allows.
 *
 * @example
 * ```ts
 * import { formatJunitReport, parseReport } from "@tls-session-harness/harness";
 * const xml = formatJunitReport(parseReport('{"results": []}', { file: "r.json" }));
 * console.log(xml.includes('<testsuites name="tls-session-harness" tests="0"')); // true
 * ```
 */
export function formatJunitReport(data: ReportData): string {
  const suites = new Map<string, ScenarioResult[]>();
  for (const r of data.results) {
    const key = pairLabel(r);
    suites.set(key, [...(suites.get(key) ?? []), r]);
  }
  const all = data.results;
  const count = (rs: readonly ScenarioResult[], s: string[]) =>
    rs.filter((r) => s.includes(r.status)).length;
  const FAILURES = ["fail", "xpass"];
  const SKIPPED = ["skip", "xfail", "unsupported"];
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tls-session-harness" ` +
    `tests="${all.length}" failures="${count(all, FAILURES)}" errors="${count(all, ["error"])}" ` +
    `skipped="${count(all, SKIPPED)}" time="${seconds(data.summary.durationMs)}">\n`;
  let id = 0;
  for (const [name, rs] of suites) {
    const time = rs.reduce((t, r) => t + r.durationMs, 0);
    out += `  <testsuite name="${xml(name)}" tests="${rs.length}" failures="${
      count(rs, FAILURES)
    }" errors="${count(rs, ["error"])}" skipped="${count(rs, SKIPPED)}" time="${
      seconds(time)
    }" timestamp="${timestamp(data.summary.startedAt)}" id="${id++}">\n`;
    for (const r of rs) out += testcase(r);
    out += `  </testsuite>\n`;
  }
  return out + `</testsuites>\n`;
}

/** JUnit XML at the end of the run (see {@linkcode formatJunitReport}). */
export const junitReporter: Reporter = async function* (events: AsyncIterable<RunEvent>, options) {
  const data = await collectReport(events, options);
  if (data) yield formatJunitReport(data);
};
