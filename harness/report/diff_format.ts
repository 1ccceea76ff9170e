import type { BuildRef } from "../runner/mod.ts";
import {
  diffExitCode,
  type DiffIdentity,
  diffPairLabel,
  diffScenarioLabel,
  regressionCount,
  type ReportDiff,
} from "./diff.ts";
import { escapeHtml as h } from "./html.ts";
import { STATUS_SYMBOL } from "./matrix.ts";

/** Options of the diff formatters. */
export interface DiffFormatOptions {
  /** Colour the `pretty` output (a terminal without `NO_COLOR`). @default {false} */
  colour?: boolean;
}

/** A diff as text, in one output format. */
export type DiffFormatter = (diff: ReportDiff, options?: DiffFormatOptions) => string;

function buildRecord(b: BuildRef | undefined): Record<string, unknown> | undefined {
  return b && { id: b.id, version: b.version };
}

function identityRecord(d: DiffIdentity): Record<string, unknown> {
  return {
    scenario: d.scenario,
    ...(d.variant ? { variant: d.variant } : {}),
    ...(d.baseClient
      ? { base: { client: buildRecord(d.baseClient), server: buildRecord(d.baseServer) } }
      : {}),
    ...(d.newClient
      ? { new: { client: buildRecord(d.newClient), server: buildRecord(d.newServer) } }
      : {}),
  };
}

/**
 * The verdict word: REGRESSED (a status got worse), CHANGED (only observed values changed; the
 * exit code is 1 all the same) or NO REGRESSION.
 */
export function diffVerdict(diff: ReportDiff): "REGRESSED" | "CHANGED" | "NO REGRESSION" {
  if (regressionCount(diff) > 0) return "REGRESSED";
  return diffExitCode(diff) ? "CHANGED" : "NO REGRESSION";
}

/** One-line verdict: what regressed, what changed, what is on one side only. */
export function diffSummaryLine(diff: ReportDiff): string {
  const improved = diff.statusChanges.length - regressionCount(diff);
  return `${regressionCount(diff)} regressed, ${improved} other status change(s), ` +
    `${diff.observedChanges.length} observed value(s) changed, ${diff.onlyInBase.length} only ` +
    `in ${diff.baseFile}, ${diff.onlyInNew.length} only in ${diff.newFile}, ` +
    `${diff.unchanged} unchanged`;
}

/**
 * The diff as JSON (`report diff --reporter json`): build pairs, every change with both sides'
 * builds, and the exit code it implies.
 */
export const formatDiffJson: DiffFormatter = (diff) =>
  JSON.stringify(
    {
      schema_version: 1,
      base: diff.baseFile,
      new: diff.newFile,
      verdict: diffVerdict(diff),
      exit_code: diffExitCode(diff),
      summary: {
        regressions: regressionCount(diff),
        status_changes: diff.statusChanges.length,
        observed_changes: diff.observedChanges.length,
        only_in_base: diff.onlyInBase.length,
        only_in_new: diff.onlyInNew.length,
        unchanged: diff.unchanged,
      },
      build_pairs: diff.pairs.map((p) => ({ base: p.base.id, new: p.next.id, how: p.how })),
      unpaired_builds: {
        base: diff.unpairedBase.map((b) => b.id),
        new: diff.unpairedNew.map((b) => b.id),
      },
      status_changes: diff.statusChanges.map((c) => ({
        ...identityRecord(c),
        from: c.from,
        to: c.to,
        regression: c.regression,
        ...(c.message !== undefined ? { message: c.message } : {}),
      })),
      observed_changes: diff.observedChanges.map((c) => ({
        ...identityRecord(c),
        claim: c.claim,
        description: c.description,
        from: c.from,
        to: c.to,
      })),
      only_in_base: diff.onlyInBase.map((c) => ({ ...identityRecord(c), status: c.status })),
      only_in_new: diff.onlyInNew.map((c) => ({ ...identityRecord(c), status: c.status })),
    },
    null,
    2,
  ) + "\n";

function clip(text: string, max = 200): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function pairsText(diff: ReportDiff): string[] {
  const out = diff.pairs.map((p) =>
    p.base.id === p.next.id && p.how === "same id"
      ? `  ${p.base.id}`
      : `  ${p.base.id} ⇒ ${p.next.id} (${p.how})`
  );
  if (diff.unpairedBase.length) {
    out.push(`  only in ${diff.baseFile}: ${diff.unpairedBase.map((b) => b.id).join(", ")}`);
  }
  if (diff.unpairedNew.length) {
    out.push(`  only in ${diff.newFile}: ${diff.unpairedNew.map((b) => b.id).join(", ")}`);
  }
  return out;
}

/** The diff for a terminal (`report diff`, the default): changes first, then the verdict. */
export const formatDiffPretty: DiffFormatter = (diff, options = {}) => {
  const paint = (code: number, text: string) =>
    options.colour ? `\x1b[${code}m${text}\x1b[0m` : text;
  const out = [`Comparing ${diff.baseFile} with ${diff.newFile}`, "Builds:", ...pairsText(diff)];
  if (diff.statusChanges.length) {
    out.push("", "Status changes:");
    for (const c of diff.statusChanges) {
      const tag = c.regression ? paint(31, "REGRESSED") : paint(32, "changed  ");
      out.push(
        `  ${tag} ${diffScenarioLabel(c)} [${diffPairLabel(c)}]: ${c.from} → ${c.to}` +
          (c.message ? ` — ${clip(c.message.split("\n")[0], 160)}` : ""),
      );
    }
  }
  if (diff.observedChanges.length) {
    out.push("", "Observed values that changed (the check held on both sides):");
    for (const c of diff.observedChanges) {
      out.push(
        `  ${paint(33, "CHANGED")}   ${diffScenarioLabel(c)} [${diffPairLabel(c)}] ${c.claim}: ` +
          c.description,
        `      before: ${clip(c.from)}`,
        `      after:  ${clip(c.to)}`,
      );
    }
  }
  for (
    const [list, file] of [[diff.onlyInBase, diff.baseFile], [
      diff.onlyInNew,
      diff.newFile,
    ]] as const
  ) {
    if (!list.length) continue;
    out.push("", `Only in ${file}:`);
    for (const c of list) out.push(`  ${diffScenarioLabel(c)} [${diffPairLabel(c)}]: ${c.status}`);
  }
  const verdict = paint(diffExitCode(diff) ? 31 : 32, diffVerdict(diff));
  out.push("", `${verdict}: ${diffSummaryLine(diff)}`);
  return out.join("\n") + "\n";
};

function mdCell(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\r?\n/g, " ");
}

function mdCode(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** The diff as Markdown (a CI job summary or a pull-request comment). */
export const formatDiffMarkdown: DiffFormatter = (diff) => {
  const out = [
    "# tls-session-harness report diff",
    "",
    `**${diffVerdict(diff)}**: ${diffSummaryLine(diff)}`,
    "",
    "Builds compared:",
    "",
    ...pairsText(diff).map((l) => `- ${l.trim()}`),
    "",
  ];
  if (diff.statusChanges.length) {
    out.push(
      "## Status changes",
      "",
      "| | scenario | pair | before | after |",
      "|---|---|---|---|---|",
      ...diff.statusChanges.map((c) =>
        `| ${c.regression ? "regressed" : "changed"} | ${mdCode(diffScenarioLabel(c))} | ${
          mdCell(diffPairLabel(c))
        } | ${STATUS_SYMBOL[c.from]} ${c.from} | ${STATUS_SYMBOL[c.to]} ${c.to} |`
      ),
      "",
    );
  }
  if (diff.observedChanges.length) {
    out.push(
      "## Observed values that changed",
      "",
      "| scenario | pair | check | before | after |",
      "|---|---|---|---|---|",
      ...diff.observedChanges.map((c) =>
        `| ${mdCode(diffScenarioLabel(c))} | ${mdCell(diffPairLabel(c))} | ${c.claim}: ${
          mdCell(c.description)
        } | ${mdCode(clip(c.from, 120))} | ${mdCode(clip(c.to, 120))} |`
      ),
      "",
    );
  }
  for (
    const [list, file] of [[diff.onlyInBase, diff.baseFile], [
      diff.onlyInNew,
      diff.newFile,
    ]] as const
  ) {
    if (!list.length) continue;
    out.push(
      `## Only in ${mdCode(file)}`,
      "",
      ...list.map((c) => `- ${mdCode(diffScenarioLabel(c))} [${diffPairLabel(c)}]: ${c.status}`),
      "",
    );
  }
  return out.join("\n");
};

/** The diff as one self-contained HTML page (no resource loaded from anywhere). */
export const formatDiffHtml: DiffFormatter = (diff) => {
  const regressed = diffExitCode(diff) === 1;
  const rows = (head: string[], body: string[][]) =>
    `<table><thead><tr>${head.map((x) => `<th>${h(x)}</th>`).join("")}</tr></thead><tbody>${
      body.map((r) => `<tr>${r.join("")}</tr>`).join("")
    }</tbody></table>`;
  const td = (text: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${h(text)}</td>`;
  const out = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tls-session-harness ` +
    `report diff — ${diffVerdict(diff)}</title><style>` +
    `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328}` +
    `table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #d0d7de;` +
    `padding:4px 8px;vertical-align:top}th{background:#f6f8fa}td.bad{color:#cf222e;` +
    `font-weight:700}td.ok{color:#1a7f37}code,td.v{font-family:monospace;font-size:12.5px}` +
    `.verdict{padding:2px 10px;border-radius:12px;color:#fff;font-weight:700}` +
    `.verdict.bad{background:#cf222e}.verdict.ok{background:#1a7f37}</style></head><body>`,
    `<h1>tls-session-harness report diff</h1><p><span class="verdict ${
      regressed ? "bad" : "ok"
    }" id="verdict">${diffVerdict(diff)}</span> ${h(diffSummaryLine(diff))}</p>`,
    `<h2>Builds compared</h2><ul>${
      pairsText(diff).map((l) => `<li>${h(l.trim())}</li>`).join("")
    }</ul>`,
  ];
  if (diff.statusChanges.length) {
    out.push(
      `<h2 id="status-changes">Status changes</h2>`,
      rows(
        ["", "scenario", "pair", "before", "after", "message"],
        diff.statusChanges.map((c) => [
          td(c.regression ? "regressed" : "changed", c.regression ? "bad" : "ok"),
          td(diffScenarioLabel(c), "v"),
          td(diffPairLabel(c)),
          td(c.from),
          td(c.to),
          td(clip(c.message ?? "", 300)),
        ]),
      ),
    );
  }
  if (diff.observedChanges.length) {
    out.push(
      `<h2 id="observed-changes">Observed values that changed</h2>`,
      rows(
        ["scenario", "pair", "check", "before", "after"],
        diff.observedChanges.map((c) => [
          td(diffScenarioLabel(c), "v"),
          td(diffPairLabel(c)),
          td(`${c.claim}: ${c.description}`),
          td(c.from, "v"),
          td(c.to, "v"),
        ]),
      ),
    );
  }
  for (
    const [list, file] of [[diff.onlyInBase, diff.baseFile], [
      diff.onlyInNew,
      diff.newFile,
    ]] as const
  ) {
    if (!list.length) continue;
    out.push(
      `<h2>Only in ${h(file)}</h2>`,
      rows(
        ["scenario", "pair", "status"],
        list.map((c) => [td(diffScenarioLabel(c), "v"), td(diffPairLabel(c)), td(c.status)]),
      ),
    );
  }
  out.push(`</body></html>\n`);
  return out.join("\n");
};

/** Diff formatters by the name `report diff --reporter` takes. */
export const DIFF_FORMATTERS: Readonly<Record<string, DiffFormatter>> = {
  pretty: formatDiffPretty,
  json: formatDiffJson,
  markdown: formatDiffMarkdown,
  html: formatDiffHtml,
};
