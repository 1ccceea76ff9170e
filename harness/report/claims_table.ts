import { CLAIMS } from "../scenario/mod.ts";
import type { ScenarioResult, Status } from "../runner/mod.ts";

/** One row of the claims table: a claim, the scenarios that cite it, and their verdict. */
export interface ClaimRow {
  /** Claim ID. */
  id: string;
  /** The claim's sentence. */
  text: string;
  /** Scenario names that cite it (in this run). */
  scenarios: string[];
  /** Result counts per status across those scenarios and build pairs. */
  counts: Partial<Record<Status, number>>;
  /** The overall verdict: the worst status, or "not covered". */
  verdict: Status | "not covered";
}

const WORST_FIRST: Status[] = ["error", "fail", "xpass", "xfail", "skip", "pass"];

/** Claim → scenarios → status, for every claim in the catalogue. */
export function claimRows(results: readonly ScenarioResult[]): ClaimRow[] {
  return CLAIMS.map((c) => {
    const rs = results.filter((r) => r.claims.includes(c.id));
    const counts: Partial<Record<Status, number>> = {};
    for (const r of rs) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const verdict = rs.length === 0
      ? "not covered" as const
      : WORST_FIRST.find((s) => counts[s]) ?? "pass";
    return {
      id: c.id,
      text: c.text,
      scenarios: [...new Set(rs.map((r) => r.scenario))].sort(),
      counts,
      verdict,
    };
  });
}

/** The claims table as aligned plain text. */
export function formatClaimsTable(results: readonly ScenarioResult[]): string {
  const rows = claimRows(results);
  const lines = rows.map((r) => {
    const counts = Object.entries(r.counts).map(([s, n]) => `${n} ${s}`).join(", ");
    const status = r.verdict === "not covered" ? "-" : `${r.verdict.toUpperCase()} (${counts})`;
    return [r.id, status, r.scenarios.join(", ") || "(no scenario in this run)"];
  });
  const w0 = Math.max(5, ...lines.map((l) => l[0].length));
  const w1 = Math.max(6, ...lines.map((l) => l[1].length));
  const head = `${"claim".padEnd(w0)}  ${"status".padEnd(w1)}  scenarios`;
  return [head, ...lines.map((l) => `${l[0].padEnd(w0)}  ${l[1].padEnd(w1)}  ${l[2]}`)].join("\n") +
    "\n";
}
