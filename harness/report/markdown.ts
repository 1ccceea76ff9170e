import type { ScenarioResult } from "../runner/mod.ts";
import { findClaim } from "../scenario/mod.ts";
import { claimRows, docsSummary, runDrift } from "./claims_table.ts";
import type { DriftTable } from "../docs/mod.ts";
import {
  countsText,
  hasCrossPairs,
  implementationGroups,
  isBad,
  matrixColumns,
  matrixGroups,
  pairGrid,
  STATUS_LEGEND,
  STATUS_SYMBOL,
} from "./matrix.ts";
import {
  collectReport,
  countOf,
  pairLabel,
  type ReportData,
  scenarioLabel,
} from "./report_data.ts";
import type { Reporter } from "./reporter.ts";
import {
  mdBlock as block,
  mdCell as cell,
  mdCode as code,
  mdTable as table,
} from "./markdown_text.ts";

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
    ...(countOf(c, "unsupported") ? [`${countOf(c, "unsupported")} unsupported`] : []),
  ];
  return `${data.summary.interrupted ? "Interrupted. " : ""}${parts.join(", ")} — ` +
    `${data.results.length} results in ${(data.summary.durationMs / 1000).toFixed(1)} s`;
}

/** The size limit of a Markdown report, in UTF-8 bytes (GitHub's job summary takes 1 MiB). */
export const MARKDOWN_LIMIT_BYTES = 60_000;

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** The last lines of a peer's output, each clipped: the full text is in the JSON and HTML. */
function tail(text: string, lines = 25, width = 240): string {
  const all = text.trimEnd().split("\n");
  const kept = all.slice(-lines).map((l) => l.length > width ? `${l.slice(0, width)}…` : l);
  return (all.length > lines ? [`… ${all.length - lines} earlier line(s)`] : []).concat(kept)
    .join("\n");
}

function clipped(text: string, max = 600): string {
  const one = text.replace(/\r?\n/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function failureLine(r: ScenarioResult): string {
  const why =
    (r.failedExpectation
      ? `${r.failedExpectation.claim}: ${r.failedExpectation.description}`
      : r.message ?? "").split("\n")[0];
  return `- ${STATUS_SYMBOL[r.status]} ${r.status}: ${code(scenarioLabel(r))} [${pairLabel(r)}]` +
    (why ? ` — ${cell(why.length > 160 ? `${why.slice(0, 159)}…` : why)}` : "");
}

function failureSection(r: ScenarioResult): string {
  const out = [
    `### ${STATUS_SYMBOL[r.status]} ${r.status}: ${code(scenarioLabel(r))} [${pairLabel(r)}]`,
    "",
    `File: ${code(r.file)}`,
  ];
  if (r.message) out.push("", block(tail(r.message, 15), "text"));
  const f = r.failedExpectation;
  if (f) {
    out.push(
      "",
      `- claim **${f.claim}** (${findClaim(f.claim)?.document ?? "?"}): ${f.description}`,
      `- expected: ${code(clipped(f.expected))}`,
      `- actual: ${code(clipped(f.actual))}`,
    );
  }
  if (r.deviation?.evidence) out.push("", `Evidence: ${r.deviation.evidence}`);
  if (r.reproScript) {
    out.push(
      "",
      "Reproduce: save as `repro.sh`, run `bash repro.sh` (plain openssl commands; it prints the " +
        "lines the checks judged):",
      "",
      block(r.reproScript, "sh"),
    );
  }
  for (const p of r.peers) {
    const output = [
      p.stdout.trim() ? `--- stdout (last lines)\n${tail(p.stdout)}` : "",
      p.stderr.trim() ? `--- stderr (last lines)\n${tail(p.stderr)}` : "",
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
 * The failures section within `budget` bytes: full detail for the first failures (while they
 * take at most two thirds of it), one line each for the next, then a count of the rest.
 */
function failuresWithin(bad: readonly ScenarioResult[], budget: number): string {
  const out: string[] = [];
  let used = 0;
  let i = 0;
  for (; i < bad.length; i++) {
    const section = failureSection(bad[i]) + "\n\n";
    if (used + bytes(section) > (budget * 2) / 3) break;
    out.push(section);
    used += bytes(section);
  }
  if (i < bad.length) {
    out.push(
      `One line each for the other ${
        bad.length - i
      } (full detail in the JSON and HTML reports):\n\n`,
    );
  }
  const note = (n: number) => `\n… and ${n} more not listed here: see the JSON or HTML report.\n`;
  for (; i < bad.length; i++) {
    const line = failureLine(bad[i]) + "\n";
    if (used + bytes(line) + bytes(note(bad.length)) > budget) break;
    out.push(line);
    used += bytes(line);
  }
  if (i < bad.length) out.push(note(bad.length - i));
  return out.join("");
}

/** Cut text at a line boundary to fit `limit` bytes, saying so: the last line of defence. */
function fitTo(text: string, limit: number): string {
  if (bytes(text) <= limit) return text;
  const note = "\n\n… (cut to stay under the size limit: see the JSON or HTML report)\n";
  let cut = text.slice(0, limit - bytes(note));
  while (bytes(cut) > limit - bytes(note)) cut = cut.slice(0, -1000);
  return cut.slice(0, cut.lastIndexOf("\n")) + note;
}

/**
 * The report as Markdown: summary, legend, a matrix (scenario rows grouped by man page, one
 * column per build against itself, plus the cross pairs), the client × server grid, the
 * failures, expected deviations and the claims table. It stays under
 * {@linkcode MARKDOWN_LIMIT_BYTES} whatever fails: full detail (message, check, repro commands,
 * the last lines of each peer's output) for the first failures, one line each for the rest.
 *
 * @example
 * ```ts
 * import { formatMarkdownReport, parseReport } from "@tls-session-harness/harness";
 * const md = formatMarkdownReport(parseReport('{"results": []}', { file: "r.json" }));
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
  const impls = implementationGroups(columns);
  if (impls.length > 1) {
    // GFM has no column spans: say which columns belong to which implementation, once.
    out.push(
      `Columns by implementation: ${
        impls.map((g) => `**${g.implementation}** ${g.builds.map((b) => code(b.id)).join(", ")}`)
          .join(" · ")
      }.`,
      "",
    );
  }
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
  const failuresAt = out.length;
  if (!bad.length) out.push("None: every result passed, was skipped or failed as expected.", "");

  const xfails = results.filter((r) => r.status === "xfail");
  if (xfails.length) {
    out.push("## Expected deviations (xfail)", "");
    const byReason = new Map<string, ScenarioResult[]>();
    for (const r of xfails) {
      const key = `${scenarioLabel(r)}\0${r.deviation?.reason ?? ""}`;
      byReason.set(key, [...(byReason.get(key) ?? []), r]);
    }
    for (const rs of byReason.values()) {
      out.push(
        `- ${code(scenarioLabel(rs[0]))} on ${rs.map((r) => code(pairLabel(r))).join(", ")}: ` +
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
    claimRows(results, { drift: options.drift, citedOnly: true }).map((row) => {
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
  // Only the claims this run cites: the whole catalogue (200+ claims) would take most of the
  // page's 60 KB; `harness claims` lists every claim.
  const uncited = claimRows(results).filter((r) => r.verdict === "not covered").length;
  if (uncited) {
    out.push(
      "",
      `${uncited} more claim(s) of the catalogue are not cited by this run ` +
        "(`deno task harness claims` lists them all).",
    );
  }
  if (bad.length) {
    const rest = bytes(out.join("\n") + "\n");
    // 1 KB of headroom for the joins; the rest of the page is small next to the failures.
    out.splice(
      failuresAt,
      0,
      failuresWithin(bad, Math.max(4_000, MARKDOWN_LIMIT_BYTES - rest - 1_000)),
    );
  }
  return fitTo(out.join("\n") + "\n", MARKDOWN_LIMIT_BYTES);
}

/** The Markdown reporter (`--reporter markdown`): one document at the end of the run. */
export const markdownReporter: Reporter = async function* (events, options) {
  const data = await collectReport(events, options);
  if (data) {
    yield formatMarkdownReport(data, { drift: await runDrift(data.builds) });
  }
};
