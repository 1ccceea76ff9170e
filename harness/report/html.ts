import type { BuildRef, ScenarioResult } from "../runner/mod.ts";
import { findClaim } from "../scenario/mod.ts";
import { claimRows, docsSummary, runDrift } from "./claims_table.ts";
import type { DriftTable } from "../docs/mod.ts";
import {
  countsText,
  didNotPass,
  hasCrossPairs,
  implementationGroups,
  isBad,
  matrixColumns,
  matrixGroups,
  onlyItsReason,
  pairGrid,
  STATUS_LEGEND,
  STATUS_SYMBOL,
  worstStatus,
} from "./matrix.ts";
import { summaryLine } from "./markdown.ts";
import {
  collectReport,
  countOf,
  implementationOf,
  pairLabel,
  type ReportData,
  type ReportStatus,
  scenarioLabel,
} from "./report_data.ts";
import type { Reporter } from "./reporter.ts";

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const h = escapeHtml;

// Inline only: the page must open from disk on a machine with no network.
const STYLE = `
:root { --pass:#1a7f37; --pass-bg:#dafbe1; --fail:#cf222e; --fail-bg:#ffebe9; --error:#bc4c00;
  --error-bg:#fff1e5; --skip:#6e7781; --skip-bg:#f6f8fa; --xfail:#8250df; --xfail-bg:#fbefff;
  --xpass:#bf3989; --xpass-bg:#ffeff7; --unsupported:#6e7781; --unsupported-bg:#eaeef2; --line:#d0d7de; --muted:#57606a; --head:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1f2328;
  margin: 0; background: #fff; }
main { max-width: 1400px; margin: 0 auto; padding: 0 24px 48px; }
header.top { background: #24292f; color: #fff; padding: 18px 24px; }
header.top h1 { margin: 0 0 6px; font-size: 20px; font-weight: 600; }
header.top .meta { color: #c9d1d9; font-size: 13px; }
.verdict { display:inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 700;
  margin-right: 8px; font-size: 13px; }
.verdict.ok { background: var(--pass); } .verdict.bad { background: var(--fail); }
.pills { margin-top: 10px; display: flex; gap: 6px; flex-wrap: wrap; }
.pill { padding: 2px 10px; border-radius: 12px; font-size: 12px; font-weight: 600; }
nav.toc { position: sticky; top: 0; z-index: 3; background: #fff; border-bottom: 1px solid var(--line);
  padding: 8px 24px; display: flex; gap: 18px; flex-wrap: wrap; align-items: center; }
nav.toc a { color: #0969da; text-decoration: none; } nav.toc a:hover { text-decoration: underline; }
nav.toc label { margin-left: auto; color: var(--muted); font-size: 13px; }
h2 { margin: 32px 0 8px; font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.hint { color: var(--muted); margin: 4px 0 12px; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 37px; z-index: 2; font-weight: 600; }
table.matrix td.name code { font-size: 12.5px; }
thead tr.impl th { position: static; font-size: 12px; color: var(--muted); border-bottom: 0; }
table.matrix tr.group th { text-align: left; background: #eaeef2; font-size: 13px; }
td.cell { text-align: center; min-width: 56px; padding: 0; }
td.cell a, td.cell span { display: block; padding: 4px 6px; text-decoration: none; font-weight: 700;
  color: inherit; }
td.cell a:hover { outline: 2px solid #0969da; outline-offset: -2px; }
.s-pass { background: var(--pass-bg); color: var(--pass); }
.s-fail { background: var(--fail-bg); color: var(--fail); }
.s-error { background: var(--error-bg); color: var(--error); }
.s-skip { background: var(--skip-bg); color: var(--skip); }
.s-xfail { background: var(--xfail-bg); color: var(--xfail); }
.s-xpass { background: var(--xpass-bg); color: var(--xpass); }
.s-unsupported { background: var(--unsupported-bg); color: var(--unsupported); }
td.none { background: #fff; color: #afb8c1; }
td.claims, td.cross { font-size: 12.5px; white-space: nowrap; }
td.cross a { color: inherit; }
table.grid th.corner { font-weight: 400; color: var(--muted); font-size: 12px; }
table.grid tbody th { text-align: left; background: var(--head); }
table.grid td.cell { min-width: 80px; }
table.grid td.cell small { display:block; font-weight: 400; font-size: 11px; }
details.scenario-grid { margin: 4px 0; }
details.scenario-grid > summary { cursor: pointer; padding: 2px 0; }
details.scenario-grid table { margin: 6px 0 12px 18px; }
details.result { border: 1px solid var(--line); border-left-width: 4px; border-radius: 4px;
  margin: 6px 0; background: #fff; }
details.result.st-pass { border-left-color: var(--pass); }
details.result.st-fail { border-left-color: var(--fail); }
details.result.st-error { border-left-color: var(--error); }
details.result.st-skip { border-left-color: var(--skip); }
details.result.st-xfail { border-left-color: var(--xfail); }
details.result.st-xpass { border-left-color: var(--xpass); }
details.result.st-unsupported { border-left-color: var(--unsupported); }
/* A link target lands below the sticky bar (and the sticky table head), not under it. */
[id] { scroll-margin-top: 64px; }
details.result > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside;
  color: #1f2328; background: #fff; }
details.result[open] > summary { border-bottom: 1px solid var(--line); }
details.result:target, details.result.targeted { box-shadow: 0 0 0 3px #54aeff66; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 10px;
  padding: 0 8px; font-size: 12px; font-weight: 700; margin-right: 6px; }
.result .body { padding: 8px 14px 12px; }
.result .body h4 { margin: 10px 0 4px; font-size: 13px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .03em; }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px;
  overflow-x: auto; font-size: 12.5px; margin: 4px 0; white-space: pre-wrap; word-break: break-all; }
table.checks td { font-size: 12.5px; } table.checks td.ok { color: var(--pass); font-weight: 700; }
table.checks td.no { color: var(--fail); font-weight: 700; }
table.claims td { font-size: 13px; }
.muted { color: var(--muted); }
/* "Only what did not pass": everything but pass stays (fail, error, xpass, xfail, skip,
   unsupported), in every section. */
body.only-bad table.matrix tr.row.all-pass,
body.only-bad details.scenario-grid.all-pass,
body.only-bad table.claims tr.all-pass,
body.only-bad details.result.st-pass { display: none; }
body.only-bad td.cell.s-pass > * { visibility: hidden; }
`;

// Opens the result a link points at (and the grids around it), so every cell "leads to" its
// message and repro commands, also when the page is opened with a #fragment from disk.
const SCRIPT = `
(function () {
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
    var old = document.querySelectorAll(".targeted");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("targeted");
    el.classList.add("targeted");
    // scroll-margin-top keeps it clear of the sticky bar
    el.scrollIntoView({ block: "start" });
    // Where it landed (the page's own test reads these): below the bar, not under it.
    var bar = document.querySelector("nav.toc");
    document.body.setAttribute("data-target-top", String(Math.round(el.getBoundingClientRect().top)));
    if (bar) document.body.setAttribute("data-bar-bottom", String(Math.round(bar.getBoundingClientRect().bottom)));
  }
  window.addEventListener("hashchange", reveal);
  var only = document.getElementById("only-bad");
  if (only) only.addEventListener("change", function () {
    document.body.classList.toggle("only-bad", only.checked);
  });
  reveal();
  document.body.setAttribute("data-ready", "1");
})();
`;

function badge(s: ReportStatus): string {
  return `<span class="badge s-${s}">${STATUS_SYMBOL[s]} ${s}</span>`;
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0];
}

/** The unsupported results that hold only their reason, grouped by it (`u-1`, `u-2`, …). */
interface UnsupportedReason {
  id: string;
  message: string;
  results: ScenarioResult[];
}

function unsupportedReasons(results: readonly ScenarioResult[]): UnsupportedReason[] {
  const byMessage = new Map<string, UnsupportedReason>();
  for (const r of results) {
    if (!onlyItsReason(r)) continue;
    const message = r.message ?? "";
    let reason = byMessage.get(message);
    if (!reason) {
      reason = { id: `u-${byMessage.size + 1}`, message, results: [] };
      byMessage.set(message, reason);
    }
    reason.results.push(r);
  }
  return [...byMessage.values()];
}

/** "get_session/x (3), …": each distinct label of some results once, with its count. */
function countedLabels(results: readonly ScenarioResult[], label: (r: ScenarioResult) => string) {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(label(r), (counts.get(label(r)) ?? 0) + 1);
  return [...counts].map(([l, n]) => `<code>${h(l)}</code>${n > 1 ? ` (${n})` : ""}`).join(", ");
}

function cellTitle(r: ScenarioResult): string {
  return `${r.status}: ${scenarioLabel(r)} [${pairLabel(r)}]` +
    (r.message ? ` — ${firstLine(r.message).slice(0, 300)}` : "");
}

function resultCell(r: ScenarioResult | undefined, id: (r: ScenarioResult) => string): string {
  if (!r) return `<td class="cell none"><span title="not run">·</span></td>`;
  // Its reason is listed once (the link); repeating it in 20,000 titles made the page 11 MB larger.
  if (onlyItsReason(r)) {
    return `<td class="cell s-unsupported" data-status="unsupported"><a href="#${
      id(r)
    }" title="unsupported (${id(r)})">${STATUS_SYMBOL.unsupported}</a></td>`;
  }
  return `<td class="cell s-${r.status}" data-status="${r.status}"><a href="#${id(r)}" title="${
    h(cellTitle(r))
  }">${STATUS_SYMBOL[r.status]}</a></td>`;
}

function resultDetails(r: ScenarioResult, id: string, open = false): string {
  const body: string[] = [];
  body.push(
    `<p class="muted">client <b>${h(r.client.id)}</b> (${h(r.client.version)}) → server <b>${
      h(r.server.id)
    }</b> (${h(r.server.version)}) · ${r.durationMs} ms · <code>${h(r.file)}</code>` +
      (r.tags.length ? ` · tags ${h(r.tags.join(", "))}` : "") + `</p>`,
  );
  if (r.message) body.push(`<h4>Message</h4><pre class="message">${h(r.message)}</pre>`);
  const f = r.failedExpectation;
  if (f) {
    body.push(
      `<h4>Failed check</h4><p>claim <b>${h(f.claim)}</b> (${
        h(findClaim(f.claim)?.document ?? "?")
      }): ${h(f.description)}<br>expected <code>${h(f.expected)}</code><br>actual <code>${
        h(f.actual)
      }</code></p>`,
    );
  }
  if (r.deviation) {
    body.push(
      `<h4>Expected deviation</h4><p>${h(r.deviation.reason)}</p>` +
        (r.deviation.evidence ? `<pre>${h(r.deviation.evidence)}</pre>` : ""),
    );
  }
  if (r.expectations.length) {
    body.push(
      `<h4>Checks</h4><table class="checks"><thead><tr><th></th><th>claim</th><th>check</th>` +
        `<th>expected</th><th>actual</th></tr></thead><tbody>` +
        r.expectations.map((e) =>
          `<tr><td class="${e.passed ? "ok" : "no"}">${e.passed ? "✓" : "✗"}</td><td>${
            h(e.claim)
          }</td><td>${h(e.description)}</td><td><code>${h(e.expected)}</code></td><td><code>${
            h(e.actual)
          }</code></td></tr>`
        ).join("") + `</tbody></table>`,
    );
  }
  if (r.notes.length) {
    body.push(`<h4>Notes</h4><ul>${r.notes.map((n) => `<li>${h(n)}</li>`).join("")}</ul>`);
  }
  if (r.reproScript) {
    body.push(
      `<h4>Reproduce</h4><p class="muted">Save as <code>repro.sh</code> and run <code>bash repro.sh</code>: plain openssl commands, then the lines the checks judged.</p><pre class="repro">${
        h(r.reproScript)
      }</pre>`,
    );
  }
  for (const p of r.peers) {
    body.push(
      `<details class="peer"><summary>${h(p.role)} (exit ${
        p.exitCode ?? "signal/killed"
      })</summary><pre>$ ${h(p.command)}</pre>` +
        (p.stdout.trim() ? `<p class="muted">stdout</p><pre>${h(p.stdout)}</pre>` : "") +
        (p.stderr.trim() ? `<p class="muted">stderr</p><pre>${h(p.stderr)}</pre>` : "") +
        `</details>`,
    );
  }
  return `<details class="result st-${r.status}${isBad(r.status) ? " bad" : ""}" id="${id}"${
    open ? " open" : ""
  }>` +
    `<summary>${badge(r.status)}<code>${h(scenarioLabel(r))}</code> <b>[${h(pairLabel(r))}]</b>` +
    (r.message && r.status !== "pass"
      ? ` <span class="muted">— ${h(firstLine(r.message).slice(0, 160))}</span>`
      : "") +
    `</summary><div class="body">${body.join("\n")}</div></details>`;
}

function pairGridTable(
  rs: readonly ScenarioResult[],
  builds: readonly BuildRef[],
  cellOf: (results: ScenarioResult[], c: BuildRef, s: BuildRef) => string,
): string {
  const grid = pairGrid(rs, builds);
  const clientImpls = implementationGroups(grid.clients).length > 1;
  return `<table class="grid"><thead>${implementationRow(grid.servers, 1)}<tr><th class="corner">` +
    `client ↓ server →</th>${
      grid.servers.map((s) => `<th title="${h(s.version)}">${h(s.id)}</th>`).join("")
    }</tr></thead><tbody>${
      grid.clients.map((c) =>
        `<tr><th title="${h(c.version)}">${
          clientImpls ? `<span class="muted">${h(implementationOf(c))}</span> ` : ""
        }${h(c.id)}</th>${
          grid.servers.map((s) => cellOf(grid.cell(c.id, s.id), c, s)).join("")
        }</tr>`
      ).join("")
    }</tbody></table>`;
}

/**
 * A header row naming each implementation over its columns (`lead` empty cells first), when
 * the columns hold more than one implementation; "" otherwise.
 */
function implementationRow(columns: readonly BuildRef[], lead: number, tail = 0): string {
  const groups = implementationGroups(columns);
  if (groups.length < 2) return "";
  return `<tr class="impl">${"<th></th>".repeat(lead)}${
    groups.map((g) => `<th colspan="${g.builds.length}">${h(g.implementation)}</th>`).join("")
  }${"<th></th>".repeat(tail)}</tr>`;
}

/**
 * The report as one static, self-contained HTML page (inline CSS and JS, nothing loaded from
 * the network): summary, a matrix (scenario rows grouped by man page, build columns), a client
 * × server grid overall and per scenario, the claims table and every result. Each cell links
 * to its result, whose details show the message, checks, peers' output and repro commands.
 *
 * @example
 * ```ts
 * import { formatHtmlReport, parseReport } from "@tls-session-harness/harness";
 * const page = formatHtmlReport(parseReport('{"results": []}', { file: "r.json" }));
 * console.log(page.startsWith("<!doctype html>")); // true
 * ```
 */
export function formatHtmlReport(data: ReportData, options: { drift?: DriftTable } = {}): string {
  const { results } = data;
  const ids = new Map(results.map((r, i) => [r, `r-${i + 1}`]));
  const reasons = unsupportedReasons(results);
  for (const reason of reasons) for (const r of reason.results) ids.set(r, reason.id);
  const id = (r: ScenarioResult) => ids.get(r)!;
  const collapsed = reasons.reduce((n, u) => n + u.results.length, 0);
  const bad = results.filter((r) => isBad(r.status));
  const c = data.summary.counts;
  const columns = matrixColumns(results, data.builds);
  const cross = hasCrossPairs(results);
  const groups = matrixGroups(results);
  const out: string[] = [];
  const verdict = bad.length ? "FAILED" : "PASSED";
  const deviated = results.filter((r) => r.deviation);

  out.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>tls-session-harness report — ${verdict}</title><style>${STYLE}</style></head><body>`,
    `<header class="top"><h1>tls-session-harness report</h1>`,
    `<div><span class="verdict ${bad.length ? "bad" : "ok"}" id="verdict">${verdict}</span>` +
      `<span id="summary">${h(summaryLine(data))}</span></div>`,
    `<div class="meta">` + [
      data.summary.startedAt ? `started ${h(data.summary.startedAt)}` : "",
      data.summary.shard ? `shard ${data.summary.shard.index}/${data.summary.shard.count}` : "",
      data.summary.mergedFrom ? `merged from ${data.summary.mergedFrom.map(h).join(", ")}` : "",
    ].filter(Boolean).join(" · ") + `</div>`,
    `<div class="pills">${
      STATUS_LEGEND.filter(([s]) => s !== "unsupported" || countOf(c, s) > 0).map(([s]) =>
        `<span class="pill s-${s}">${countOf(c, s)} ${s}</span>`
      ).join("")
    }</div></header>`,
    `<nav class="toc"><a href="#matrix">Matrix</a>${
      cross ? `<a href="#pairs">Client × server</a>` : ""
    }<a href="#failures">Failures (${bad.length})</a>${
      deviated.length ? `<a href="#deviations">Expected deviations (${deviated.length})</a>` : ""
    }${
      reasons.length ? `<a href="#unsupported">Unsupported (${collapsed})</a>` : ""
    }<a href="#claims">Claims</a>` +
      `<a href="#results">Other results (${
        results.length - bad.length - collapsed
      })</a><a href="#builds">Builds</a>` +
      `<label><input type="checkbox" id="only-bad"> only what did not pass</label></nav><main>`,
  );

  // Matrix
  out.push(
    `<h2 id="matrix">Matrix</h2><p class="hint">Each build against itself${
      cross ? "; the last column counts the results on pairs of different builds" : ""
    }. Click a cell for its checks, message and repro commands. ${
      STATUS_LEGEND.map(([s, text]) =>
        `<span class="s-${s}">&nbsp;${STATUS_SYMBOL[s]}&nbsp;</span> ${h(text.split(":")[0])}`
      ).join(" · ")
    }</p>`,
  );
  const width = 2 + columns.length + (cross ? 1 : 0);
  out.push(
    `<table class="matrix" id="matrix-table"><thead>${
      implementationRow(columns, 2, cross ? 1 : 0)
    }<tr><th>scenario</th><th>claims</th>${
      columns.map((b) => `<th title="${h(b.version)}">${h(b.id)}</th>`).join("")
    }${cross ? "<th>cross pairs</th>" : ""}</tr></thead><tbody>`,
  );
  let gridIndex = 0;
  const gridIds = new Map<string, string>();
  for (const group of groups) {
    out.push(`<tr class="group"><th colspan="${width}">${h(group.document)}</th></tr>`);
    for (const row of group.rows) {
      const all = [...row.same.values(), ...row.cross];
      const gid = `g-${++gridIndex}`;
      gridIds.set(row.scenario, gid);
      const claims = row.claims.map((id) =>
        `<span title="${h(findClaim(id)?.text ?? "")}">${h(id)}</span>`
      ).join(", ");
      out.push(
        `<tr class="row${
          all.some((r) => didNotPass(r.status)) ? "" : " all-pass"
        }" data-scenario="${h(row.scenario)}"><td class="name"><code>${
          h(row.scenario)
        }</code></td><td class="claims">${claims}</td>${
          columns.map((b) => resultCell(row.same.get(b.id), id)).join("")
        }${
          !cross
            ? ""
            : row.cross.length
            ? `<td class="cross s-${worstStatus(row.cross)}"><a href="#${gid}">${
              h(countsText(row.cross))
            }</a></td>`
            : `<td class="cross none"><span title="runs on each build against itself only">—</span></td>`
        }</tr>`,
      );
    }
  }
  out.push(`</tbody></table>`);

  // Client × server
  if (cross) {
    out.push(
      `<h2 id="pairs">Client × server</h2><p class="hint">Rows are client builds, columns ` +
        `server builds. Each cell counts that pair's results over every scenario; the grids ` +
        `below show each scenario on its own.</p>`,
      `<div id="pair-summary">${
        pairGridTable(results, data.builds, (rs, cb, sb) => {
          if (!rs.length) return `<td class="cell none"><span>·</span></td>`;
          const w = worstStatus(rs)!;
          const passed = rs.filter((r) => r.status === "pass").length;
          const badOne = rs.find((r) => isBad(r.status)) ?? rs.find((r) => r.status !== "pass");
          const inner = `${passed}/${rs.length}<small>${h(countsText(rs))}</small>`;
          const title = `${cb.id} → ${sb.id}: ${countsText(rs)}`;
          return `<td class="cell s-${w}" data-status="${w}">${
            badOne
              ? `<a href="#${id(badOne)}" title="${h(title)}">${inner}</a>`
              : `<span title="${h(title)}">${inner}</span>`
          }</td>`;
        })
      }</div>`,
      `<h3>Per scenario</h3>`,
    );
    for (const group of groups) {
      out.push(`<h3 class="muted">${h(group.document)}</h3>`);
      for (const row of group.rows) {
        const all = [...row.same.values(), ...row.cross];
        const w = worstStatus(all) ?? "pass";
        out.push(
          `<details class="scenario-grid${
            all.some((r) => didNotPass(r.status)) ? "" : " all-pass"
          }" id="${gridIds.get(row.scenario)}"><summary>${badge(w)}<code>${
            h(row.scenario)
          }</code> <span class="muted">${h(countsText(all))}</span>` +
            `</summary>${pairGridTable(all, data.builds, (rs) => resultCell(rs[0], id))}</details>`,
        );
      }
    }
  }

  // Failures: shown open, so the page's first screen after the matrix tells the story.
  out.push(`<h2 id="failures">Failures</h2>`);
  if (bad.length) {
    out.push(
      `<p class="hint">Every result that failed, errored or unexpectedly passed.</p>`,
      bad.map((r) => resultDetails(r, id(r), true)).join("\n"),
    );
  } else {
    out.push(`<p>None: every result passed, was skipped or failed as expected.</p>`);
  }
  if (data.summary.staleDeviations.length) {
    out.push(
      `<h3>Stale expected deviations</h3><ul>${
        data.summary.staleDeviations.map((d) => `<li>${h(d)}</li>`).join("")
      }</ul>`,
    );
  }

  // Expected deviations: one entry per scenario and reason, with the pairs it covered.
  if (deviated.length) {
    const groupsByReason = new Map<string, ScenarioResult[]>();
    for (const r of deviated) {
      const key = `${scenarioLabel(r)}\0${r.deviation!.reason}`;
      groupsByReason.set(key, [...(groupsByReason.get(key) ?? []), r]);
    }
    out.push(
      `<h2 id="deviations">Expected deviations</h2><p class="hint">Where a library does not do ` +
        `what its man page says, as expected_deviations.json records it: grouped by scenario ` +
        `and reason, with the pairs each covered.</p><table class="deviations"><thead><tr>` +
        `<th>scenario</th><th>reason</th><th>pairs</th></tr></thead><tbody>${
          [...groupsByReason.values()].map((rs) =>
            `<tr><td><code>${h(scenarioLabel(rs[0]))}</code></td><td>${
              h(rs[0].deviation!.reason)
            }</td><td>${
              rs.map((r) =>
                `<a href="#${id(r)}" class="s-${r.status}" title="${h(r.status)}">${
                  h(pairLabel(r))
                }</a>`
              ).join(", ")
            }</td></tr>`
          ).join("")
        }</tbody></table>`,
    );
  }

  // Unsupported: each reason once, with the scenarios and pairs it covered.
  if (reasons.length) {
    out.push(
      `<h2 id="unsupported">Unsupported</h2><p class="hint">Not run: a build lacks a capability ` +
        `the scenario requires. Each reason once, with the scenarios and pairs it covered ` +
        `(an unsupported result with checks, notes or peers is under "Other results").</p>`,
      reasons.map((u) =>
        `<details class="result st-unsupported" id="${u.id}"><summary>${
          badge("unsupported")
        }<b>${u.results.length}</b> <span class="muted">— ${
          h(firstLine(u.message).slice(0, 300))
        }</span></summary><div class="body"><h4>Message</h4><pre class="message">${
          h(u.message)
        }</pre><h4>Pairs</h4><p>${countedLabels(u.results, pairLabel)}</p><h4>Scenarios</h4><p>${
          countedLabels(u.results, scenarioLabel)
        }</p></div></details>`
      ).join("\n"),
    );
  }

  // Claims
  out.push(
    `<h2 id="claims">Claims</h2><table class="claims"><thead><tr><th>claim</th><th>man page</th>` +
      `<th>status</th><th>scenarios</th>${
        options.drift ? "<th>man page per version</th>" : ""
      }<th>sentence</th></tr></thead><tbody>${
        claimRows(results, { drift: options.drift }).map((row) => {
          const counts = Object.entries(row.counts).map(([s, n]) => `${n} ${s}`).join(", ");
          const cls = row.verdict === "not covered" ? "none" : `s-${row.verdict}`;
          return `<tr${row.verdict === "pass" ? ` class="all-pass"` : ""}><td><b>${
            h(row.id)
          }</b></td><td>${h(findClaim(row.id)?.document ?? "")}</td><td class="${cls}">${
            row.verdict === "not covered" ? "not covered" : `${h(row.verdict)} (${h(counts)})`
          }</td><td>${
            row.scenarios.map((s) =>
              gridIds.has(s) && cross
                ? `<a href="#${gridIds.get(s)}"><code>${h(s)}</code></a>`
                : `<code>${h(s)}</code>`
            ).join(", ")
          }</td>${options.drift ? `<td>${h(docsSummary(row))}</td>` : ""}<td>${
            h(row.text)
          }</td></tr>`;
        }).join("")
      }</tbody></table>`,
  );

  // Every result
  out.push(
    `<h2 id="results">Other results</h2><p class="hint">Everything that did not fail, in ` +
      `scenario order; failures are above, unsupported results that hold only their reason ` +
      `under "Unsupported".</p>`,
  );
  out.push(
    results.filter((r) => !isBad(r.status) && !onlyItsReason(r)).map((r) => resultDetails(r, id(r)))
      .join("\n"),
  );

  // Builds
  out.push(
    `<h2 id="builds">Builds</h2><table><thead><tr><th>implementation</th><th>id</th>` +
      `<th>version</th><th>path</th></tr></thead><tbody>${
        ((grid) => grid.clients.concat(grid.servers))(pairGrid(results, data.builds))
          .filter((b, i, a) => a.findIndex((x) => x.id === b.id) === i).map((b) =>
            `<tr><td>${h(implementationOf(b))}</td><td><b>${h(b.id)}</b></td><td>${
              h(b.version)
            }</td><td><code>${h(b.path)}</code></td></tr>`
          ).join("")
      }</tbody></table>`,
  );
  out.push(`</main><script>${SCRIPT}</script></body></html>\n`);
  return out.join("\n");
}

/** The HTML reporter (`--reporter html`, or `--html FILE`): one page at the end of the run. */
export const htmlReporter: Reporter = async function* (events, options) {
  const data = await collectReport(events, options);
  if (!data) return;
  yield formatHtmlReport(data, { drift: await runDrift(data.builds) });
};
