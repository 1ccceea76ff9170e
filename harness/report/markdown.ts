import type { ScenarioResult } from "../runner/mod.ts";
import { findClaim } from "../scenario/mod.ts";
import { claimRows, docsSummary, runDrift } from "./claims_table.ts";
import type { DriftTable } from "../docs/mod.ts";
import {
  countsText,
  hasCrossPairs,
  isBad,
  matrixColumns,
  matrixGroups,
  pairGrid,
  STATUS_LEGEND,
  STATUS_SYMBOL,
} from "./matrix.ts";
import { collectReport, pairLabel, type ReportData } from "./report_data.ts";
import type { Reporter } from "./reporter.ts";

/** Escape text for a Markdown table cell (pipes and line breaks would end the cell). */
function cell(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\r?\n/g, " ");
}

/** A code span that survives backticks inside the text. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function block(text: string, lang = ""): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text.trimEnd()}\n${fence}`;
}

function table(head: string[], align: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** The summary line: counts, total, wall time. */
export function summaryLine(data: ReportData): string {
  const c = data.summary.counts;
  const parts = [
    `${c.pass} passed`,
    `${c.fail} failed`,
    `${c.error} errored`,
    `${c.skip} skipped`,
    `${c.xfail} xfailed`,
    `${c.xpass} xpassed`,
  ];
  return `${data.summary.interrupted ? "Interrupted. " : ""}${parts.join(", ")} — ` +
    `${data.results.length} results in ${(data.summary.durationMs / 1000).toFixed(1)} s`;
}

function failureSection(r: ScenarioResult): string {
  const out = [
    `### ${STATUS_SYMBOL[r.status]} ${r.status}: ${code(r.scenario)} [${pairLabel(r)}]`,
    "",
    `File: ${code(r.file)}`,
  ];
  if (r.message) out.push("", block(r.message, "text"));
  const f = r.failedExpectation;
  if (f) {
    out.push(
      "",
      `- claim **${f.claim}** (${findClaim(f.claim)?.document ?? "?"}): ${f.description}`,
      `- expected: ${code(f.expected)}`,
      `- actual: ${code(f.actual)}`,
    );
  }
  if (r.deviation?.evidence) out.push("", `Evidence: ${r.deviation.evidence}`);
  if (r.repro.length) {
    out.push(
      "",
      "Reproduce by hand (servers print `ACCEPT 127.0.0.1:<port>`; use that port):",
      "",
      block(r.repro.join("\n"), "sh"),
    );
  }
  for (const p of r.peers) {
    const output = [
      p.stdout.trim() ? `--- stdout\n${p.stdout.trimEnd()}` : "",
      p.stderr.trim() ? `--- stderr\n${p.stderr.trimEnd()}` : "",
    ].filter(Boolean).join("\n");
    out.push(
      "",
      `<details><summary>${p.role} (exit ${p.exitCode ?? "signal/killed"})</summary>`,
      "",
      block(`$ ${p.command}\n${output}`, "text"),
      "",
      "</details>",
    );
  }
  return out.join("\n");
}

/**
 * The report as Markdown: summary, legend, a matrix (scenario rows grouped by man page, one
 * column per build against itself, plus the cross pairs), the client × server grid, every
 * failure with its message and repro commands, expected deviations and the claims table.
 *
 * @example
 * ```ts
 * import { formatMarkdownReport } from "./markdown.ts";
 * import { emptyCounts } from "../runner/events.ts";
 * const md = formatMarkdownReport({ results: [], builds: [], summary: {
 *   counts: emptyCounts(), durationMs: 0, startedAt: "", interrupted: false, staleDeviations: [] } });
 * console.log(md.split("\n")[0]); // "# tls-session-harness report"
 * ```
 */
export function formatMarkdownReport(
  data: ReportData,
  options: { drift?: DriftTable } = {},
): string {
  const { results } = data;
  const out: string[] = ["# tls-session-harness report", ""];
  const bad = results.filter((r) => isBad(r.status));
  out.push(
    `${bad.length ? "**FAILED**" : "**PASSED**"}: ${summaryLine(data)}` +
      (data.summary.startedAt ? `, started ${data.summary.startedAt}` : "") +
      (data.summary.shard
        ? ` (shard ${data.summary.shard.index}/${data.summary.shard.count})`
        : "") +
      (data.summary.mergedFrom ? ` (merged from ${data.summary.mergedFrom.length} reports)` : ""),
    "",
  );
  const grid = pairGrid(results, data.builds);
  const builds = [...new Map([...grid.clients, ...grid.servers].map((b) => [b.id, b])).values()];
  if (builds.length) {
    out.push(
      "Builds:",
      "",
      ...builds.map((b) => `- ${code(b.id)}: ${b.version} (${code(b.path)})`),
    );
    out.push("");
  }
  out.push(
    `Legend: ${STATUS_LEGEND.map(([s, text]) => `${STATUS_SYMBOL[s]} ${text}`).join(" · ")}; ` +
      "empty: not run.",
    "",
  );

  const columns = matrixColumns(results, data.builds);
  const cross = hasCrossPairs(results);
  out.push("## Matrix", "");
  out.push(
    cross
      ? "Each build against itself; the last column counts the scenario's results on every " +
        "pair of different client and server builds."
      : "Each build against itself.",
    "",
  );
  for (const group of matrixGroups(results)) {
    out.push(`### ${group.document}`, "");
    const head = ["scenario", "claims", ...columns.map((b) => code(b.id))];
    if (cross) head.push("cross pairs");
    const rows = group.rows.map((row) => {
      const cells = [
        code(row.scenario),
        cell(row.claims.join(", ")),
        ...columns.map((b) => {
          const r = row.same.get(b.id);
          return r ? STATUS_SYMBOL[r.status] : "";
        }),
      ];
      if (cross) cells.push(cell(countsText(row.cross) || "—"));
      return cells;
    });
    out.push(
      table(head, ["---", "---", ...columns.map(() => ":-:"), ...(cross ? ["---"] : [])], rows),
      "",
    );
  }

  if (cross) {
    out.push(
      "## Client × server",
      "",
      "Rows are client builds, columns server builds; each cell counts that pair's results " +
        "(worst status first).",
      "",
    );
    const rows = grid.clients.map((c) => [
      `**${code(c.id)}**`,
      ...grid.servers.map((s) => {
        const rs = grid.cell(c.id, s.id);
        return rs.length ? cell(countsText(rs)) : "";
      }),
    ]);
    out.push(
      table(
        ["client \\ server", ...grid.servers.map((s) => code(s.id))],
        ["---", ...grid.servers.map(() => ":-:")],
        rows,
      ),
      "",
    );
  }

  out.push("## Failures", "");
  if (bad.length) out.push(bad.map(failureSection).join("\n\n"), "");
  else out.push("None: every result passed, was skipped or failed as expected.", "");

  const xfails = results.filter((r) => r.status === "xfail");
  if (xfails.length) {
    out.push("## Expected deviations (xfail)", "");
    const byReason = new Map<string, ScenarioResult[]>();
    for (const r of xfails) {
      const key = `${r.scenario}\0${r.deviation?.reason ?? ""}`;
      byReason.set(key, [...(byReason.get(key) ?? []), r]);
    }
    for (const rs of byReason.values()) {
      out.push(
        `- ${code(rs[0].scenario)} on ${rs.map((r) => code(pairLabel(r))).join(", ")}: ` +
          (rs[0].deviation?.reason ?? ""),
      );
    }
    out.push("");
  }
  if (data.summary.staleDeviations.length) {
    out.push(
      "## Stale expected deviations",
      "",
      "They cover a result of this run but no longer apply:",
      "",
      ...data.summary.staleDeviations.map((d) => `- ${d}`),
      "",
    );
  }
  const skipped = results.filter((r) => r.status === "skip");
  if (skipped.length) {
    const reasons = new Map<string, number>();
    for (const r of skipped) {
      const m = r.message ?? "(no reason)";
      reasons.set(m, (reasons.get(m) ?? 0) + 1);
    }
    out.push(
      "## Skipped",
      "",
      ...[...reasons].map(([m, n]) => `- ${n} × ${m.split("\n")[0]}`),
      "",
    );
  }

  out.push("## Claims", "");
  out.push(table(
    [
      "claim",
      "status",
      "scenarios",
      ...(options.drift ? ["man page per version"] : []),
      "sentence",
    ],
    ["---", "---", "---", ...(options.drift ? ["---"] : []), "---"],
    claimRows(results, { drift: options.drift }).map((row) => {
      const counts = Object.entries(row.counts).map(([s, n]) => `${n} ${s}`).join(", ");
      const status = row.verdict === "not covered"
        ? "not covered"
        : `${STATUS_SYMBOL[row.verdict]} ${row.verdict} (${counts})`;
      return [
        `**${row.id}**`,
        cell(status),
        cell(row.scenarios.map(code).join(", ")),
        ...(options.drift ? [cell(docsSummary(row))] : []),
        cell(row.text),
      ];
    }),
  ));
  return out.join("\n") + "\n";
}

/** The Markdown reporter (`--reporter markdown`): one document at the end of the run. */
export const markdownReporter: Reporter = async function* (events, options) {
  const data = await collectReport(events, options);
  if (data) {
    yield formatMarkdownReport(data, { drift: await runDrift(data.builds) });
  }
};
