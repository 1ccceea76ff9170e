/**
 * The claim × version doc-drift table as text and as JSON (what `claims --docs` prints).
 *
 * @module
 */
import type { Claim, UntestableSentence } from "../claims/mod.ts";
import { docsField, type DocStatus, type DriftTable } from "./drift.ts";

const SHORT: Record<DocStatus, string> = {
  present: "present",
  changed: "CHANGED",
  absent: "ABSENT",
  "no page": "no page",
};

/**
 * The drift table as aligned text: one row per claim (ID, page, one column per build), then,
 * for every cell that is not `present` on a claim from a man page, the page's own words: the
 * reworded sentence (`changed`) or the closest thing the page says (`absent`).
 *
 * @param buildIds The columns, in order.
 * @example
 * ```ts
 * import { formatDriftTable } from "./drift_report.ts";
 * const drift = new Map([["FL-1", new Map([["3.0.20", { status: "present" as const }]])]]);
 * console.log(formatDriftTable([{ id: "FL-1", document: "SSL_CTX_flush_sessions(3)", text: "",
 *   quote: "", page: "SSL_CTX_flush_sessions(3)", observed: "" }], drift, ["3.0.20"]));
 * ```
 */
export function formatDriftTable(
  claims: readonly Claim[],
  drift: DriftTable,
  buildIds: readonly string[],
): string {
  const head = ["claim", "page", ...buildIds];
  const rows = claims.map((c) => [
    c.id,
    c.page ?? "(no man page)",
    ...buildIds.map((b) => SHORT[drift.get(c.id)?.get(b)?.status ?? "no page"]),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  const out = [fmt(head), ...rows.map(fmt)];
  const counts = new Map<DocStatus, number>();
  for (const row of drift.values()) {
    for (const cell of row.values()) counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
  }
  out.push(
    "",
    `${claims.length} claims × ${buildIds.length} builds: ` +
      (["present", "changed", "absent", "no page"] as DocStatus[])
        .map((s) => `${counts.get(s) ?? 0} ${s}`).join(", "),
  );
  const notes: string[] = [];
  for (const c of claims) {
    if (!c.page) continue;
    for (const b of buildIds) {
      const cell = drift.get(c.id)?.get(b);
      if (!cell || cell.status === "present") continue;
      if (cell.status === "no page") {
        notes.push(`${c.id} on ${b}: no page ${c.page} in this version`);
      } else {
        const where = cell.closest ? ` (${cell.page}, ${cell.closest.section})` : "";
        const says = cell.status === "changed" ? "reworded" : "not there; closest";
        notes.push(
          `${c.id} on ${b}: ${says}${where}, similarity ${(cell.score ?? 0).toFixed(2)}:\n` +
            `    page:  ${cell.closest?.text ?? "(nothing)"}\n    claim: ${c.quote}`,
        );
      }
    }
  }
  if (notes.length) out.push("", "Where a version's page differs:", ...notes.map((n) => `  ${n}`));
  return out.join("\n") + "\n";
}

/** One claim in the JSON of `claims --docs --reporter json`. */
export interface ClaimDocsJson {
  /** Claim ID. */
  id: string;
  /** The man page, or null for claims beyond the man pages. */
  page: string | null;
  /** The claim's sentence. */
  text: string;
  /** The page's own sentence looked up. */
  quote: string | null;
  /** How it can be observed. */
  observed: string;
  /** Build id → doc status. */
  docs: Record<string, DocStatus>;
  /** Build id → the page's sentence where it is not `present` (reworded or closest). */
  pageSays: Record<string, { section: string; text: string; score: number }>;
}

/**
 * The catalogue with each claim's doc status per build, as JSON-ready data.
 *
 * @example
 * ```ts
 * import { driftJson } from "./drift_report.ts";
 * console.log(driftJson([], new Map(), [], []).claims.length); // 0
 * ```
 */
export function driftJson(
  claims: readonly Claim[],
  drift: DriftTable,
  buildIds: readonly string[],
  untestable: readonly UntestableSentence[],
): { builds: string[]; claims: ClaimDocsJson[]; untestable: UntestableSentence[] } {
  return {
    builds: [...buildIds],
    claims: claims.map((c) => {
      const row = drift.get(c.id);
      const pageSays: ClaimDocsJson["pageSays"] = {};
      for (const [b, cell] of row ?? []) {
        if ((cell.status === "changed" || cell.status === "absent") && cell.closest) {
          pageSays[b] = {
            section: cell.closest.section,
            text: cell.closest.text,
            score: Math.round((cell.score ?? 0) * 100) / 100,
          };
        }
      }
      return {
        id: c.id,
        page: c.page ?? null,
        text: c.text,
        quote: c.quote ?? null,
        observed: c.observed,
        docs: docsField(row),
        pageSays,
      };
    }),
    untestable: [...untestable],
  };
}
